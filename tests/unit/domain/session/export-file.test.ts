// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, toCsv } from '../../../../src/lib/domain/session/csv';
import {
  buildExport,
  EXPORT_FORMAT,
  parseExport,
} from '../../../../src/lib/domain/session/export-file';
import { FEAR, HAPPY, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

const sessions = [session('b', T0 + 5000, { label: 'Second' }), session('a', T0, { tags: ['x'] })];
const records = [record('b', 1, 5, HAPPY), record('a', 2, 0, FEAR), record('a', 1, 1, NEUTRAL)];
const file = buildExport(sessions, records, new Date(T0));
const text = JSON.stringify(file);

describe('JSON export format', () => {
  it('carries the format, the schema version and sorted rows', () => {
    expect(file.format).toBe(EXPORT_FORMAT);
    expect(file.schemaVersion).toBe(1);
    expect(file.exportedAt).toBe('2025-01-15T09:00:00.000Z');
    expect(file.sessions.map((s) => s.id)).toEqual(['a', 'b']);
    expect(file.records.map((r) => [r.sessionId, r.faceId])).toEqual([
      ['a', 1],
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('reads back exactly what it wrote', () => {
    expect(parseExport(text)).toEqual({ ok: true, file });
  });

  const broken = (change: (f: Record<string, unknown>) => void) => {
    const f = JSON.parse(text) as Record<string, unknown>;
    change(f);
    return parseExport(JSON.stringify(f));
  };
  const records0 = (f: Record<string, unknown>) =>
    (f.records as Record<string, unknown>[])[0] ?? {};

  it.each([
    ['not JSON', () => parseExport(text.slice(0, 100)), /not valid JSON/],
    ['another format', () => broken((f) => (f.format = 'other')), /not an export of this app/],
    ['a newer schema', () => broken((f) => (f.schemaVersion = 2)), /newer version.*schema 2/],
    ['an older, unknown schema', () => broken((f) => (f.schemaVersion = 0)), /schemaVersion/],
    [
      'a bad emotion',
      () => broken((f) => (records0(f).dominant = 'bored')),
      /records\.0\.dominant/,
    ],
    [
      '6 probabilities',
      () => broken((f) => (records0(f).probabilities = [1, 0, 0, 0, 0, 0])),
      /records\.0\.probabilities/,
    ],
    ['stress out of range', () => broken((f) => (records0(f).stress = 101)), /records\.0\.stress/],
    [
      'level not matching stress',
      () => broken((f) => (records0(f).level = 'high')),
      /level does not match stress/,
    ],
    [
      'a missing field',
      () => broken((f) => delete (f.sessions as Record<string, unknown>[])[1]?.startedAt),
      /sessions\.1\.startedAt/,
    ],
    [
      'an orphan record',
      () => broken((f) => (records0(f).sessionId = 'zzz')),
      /records\.0 belongs to a session/,
    ],
  ])('rejects %s with a clear message', (_name, parse, message) => {
    const result = parse();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe('CSV export', () => {
  it('writes a header and one row per record', () => {
    const csv = toCsv(file.sessions, file.records);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + records.length);
    const first = lines[1]?.split(',') ?? [];
    expect(first.slice(0, 6)).toEqual([
      'a',
      'Session a',
      '1',
      '2025-01-15T09:00:01.000Z',
      String(T0 + 1000),
      'neutral',
    ]);
    expect(first).toHaveLength(CSV_COLUMNS.length);
  });

  it('quotes what needs quoting and defuses spreadsheet formulas in labels', () => {
    const tricky = [
      session('a', T0, { label: 'Team "A", room 2' }),
      session('b', T0, { label: '=HYPERLINK("x")' }),
    ];
    const csv = toCsv(tricky, [record('a', 1, 0, NEUTRAL), record('b', 1, 0, NEUTRAL)]);
    expect(csv).toContain('a,"Team ""A"", room 2",1,');
    expect(csv).toContain(`b,"'=HYPERLINK(""x"")",1,`);
  });
});
