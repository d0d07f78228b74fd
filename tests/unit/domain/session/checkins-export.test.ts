import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, toCsv } from '../../../../src/lib/domain/session/csv';
import { buildExport, parseExport } from '../../../../src/lib/domain/session/export-file';
import { NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

const checkins = [
  { t: T0 + 2000, level: 2 as const },
  { t: T0 + 7000, level: 5 as const },
];

describe('check-ins in the exports', () => {
  it('CSV: a checkin column, empty on records, and one row per check-in after the records', () => {
    const csv = toCsv(
      [session('a', T0, { label: '=x', checkins }), session('b', T0)],
      [record('a', 1, 0, NEUTRAL), record('b', 1, 0, NEUTRAL)],
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(CSV_COLUMNS.at(-1)).toBe('checkin');
    expect(lines).toHaveLength(1 + 2 + 2);
    expect(lines[1]!.endsWith(',5,')).toBe(true);
    const row = lines[3]!.split(',');
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(row.slice(0, 6)).toEqual([
      'a',
      "'=x",
      '',
      '2025-01-15T09:00:02.000Z',
      `${T0 + 2000}`,
      '',
    ]);
    expect(row.at(-1)).toBe('2');
    expect(row.slice(5, -1).every((cell) => cell === '')).toBe(true);
    expect(lines[4]!.split(',').at(-1)).toBe('5');
  });

  it('JSON: export, then import, gives the check-ins back, sorted by time', () => {
    const rows = [session('a', T0, { checkins })];
    const text = JSON.stringify(buildExport(rows, [record('a', 1, 0, NEUTRAL)], new Date(T0)));
    const parsed = parseExport(text);
    expect(parsed.ok && parsed.file.sessions[0]?.checkins).toEqual(checkins);

    const shuffled = JSON.parse(text) as { sessions: { checkins: unknown[] }[] };
    shuffled.sessions[0]!.checkins.reverse();
    const again = parseExport(JSON.stringify(shuffled));
    expect(again.ok && again.file.sessions[0]?.checkins).toEqual(checkins);

    shuffled.sessions[0]!.checkins = [{ t: T0, level: 6 }];
    const bad = parseExport(JSON.stringify(shuffled));
    expect(!bad.ok && bad.message).toMatch(/sessions\.0\.checkins\.0\.level/);
  });
});
