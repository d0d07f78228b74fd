// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, toCsv } from '../../../../src/lib/domain/session/csv';
import {
  buildExport,
  EXPORT_FORMAT,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_RECORDS,
  MAX_IMPORT_SESSIONS,
  parseExport,
  parseExportBytes,
  sizeProblem,
} from '../../../../src/lib/domain/session/export-file';
import { FEAR, HAPPY, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

const sessions = [session('b', T0 + 5000, { label: 'Second' }), session('a', T0, { tags: ['x'] })];
const records = [record('b', 1, 5, HAPPY), record('a', 2, 0, FEAR), record('a', 1, 1, NEUTRAL)];
const file = buildExport(sessions, records, new Date(T0));
const text = JSON.stringify(file);

describe('JSON export format', () => {
  it('carries the format, the schema version and sorted rows', () => {
    expect(file.format).toBe(EXPORT_FORMAT);
    expect(file.schemaVersion).toBe(3);
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

  it('round-trips a partial session and keeps each tag once', () => {
    const partial = buildExport(
      [session('p', T0, { unsaved: 12, tags: ['work', 'work', ' focus', 'Work'] })],
      [],
      new Date(T0),
    );
    const parsed = parseExport(JSON.stringify(partial));
    expect(parsed.ok && parsed.file.sessions[0]).toMatchObject({
      unsaved: 12,
      tags: ['work', 'focus'],
    });
    const clean = parseExport(text);
    expect(clean.ok && 'unsaved' in clean.file.sessions[0]!).toBe(false);
  });

  it('reads UTF-8 bytes, and refuses anything else', () => {
    expect(parseExportBytes(new TextEncoder().encode(text).buffer)).toEqual({ ok: true, file });
    expect(parseExportBytes(new Uint8Array([0xff, 0xfe, 0x00]).buffer)).toEqual({
      ok: false,
      message: 'This file is not text (UTF-8), so it cannot be an export.',
    });
  });

  it('says nothing of a file within the size limit', () => {
    expect(sizeProblem(MAX_IMPORT_BYTES)).toBeNull();
    expect(sizeProblem(MAX_IMPORT_BYTES + 1)).toMatch(/This file is 51 MB/);
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
    ['a newer schema', () => broken((f) => (f.schemaVersion = 4)), /newer version.*schema 4/],
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
      'a time far in the future',
      () => broken((f) => (records0(f).t = 1e300)),
      /records\.0\.t: must be a time between 2000-01-01 and 2100-01-01/,
    ],
    [
      'a time before 2000',
      () => broken((f) => ((f.sessions as Record<string, unknown>[])[0]!.startedAt = 5)),
      /sessions\.0\.startedAt: must be a time between/,
    ],
    [
      'a session ending before it starts',
      () =>
        broken((f) => {
          const s = (f.sessions as Record<string, unknown>[])[0]!;
          s.endedAt = (s.startedAt as number) - 1;
        }),
      /sessions\.0: it ends before it starts/,
    ],
    [
      'two sessions with one id',
      () => broken((f) => ((f.sessions as Record<string, unknown>[])[1]!.id = 'a')),
      /two sessions with the id "a"/,
    ],
    [
      'too many records',
      () => broken((f) => (f.records = new Array(MAX_IMPORT_RECORDS + 1).fill(0))),
      /holds 2,000,001 records; the most this app imports at once is 2,000,000/,
    ],
    [
      'too many sessions',
      () => broken((f) => (f.sessions = new Array(MAX_IMPORT_SESSIONS + 1).fill(0))),
      /holds 100,001 sessions/,
    ],
    [
      'a text over the size limit',
      () => parseExport(' '.repeat(MAX_IMPORT_BYTES + 1)),
      /largest backup this app imports is 50 MB/,
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

  it('defuses every text cell, the session id included, and survives an unprintable time', () => {
    const id = '=HYPERLINK("http://x","y")';
    const csv = toCsv(
      [session(id, T0, { label: '@SUM(A1)' })],
      [record(id, 1, 0, NEUTRAL), { ...record(id, 1, 1, NEUTRAL), t: 1e300 }],
    );
    const rows = csv.trimEnd().split('\r\n').slice(1);
    for (const row of rows) {
      expect(row.startsWith(`"'=HYPERLINK(""http://x"",""y"")",'@SUM(A1),1,`)).toBe(true);
    }
    expect(rows[1]).toContain(`,1,,1e+300,`);
  });
});

describe('files of schema version 1', () => {
  it('are read with no baselines and every session without baseline or check-ins', () => {
    const v1 = JSON.parse(text) as Record<string, unknown> & {
      sessions: Record<string, unknown>[];
    };
    v1.schemaVersion = 1;
    delete v1.baselines;
    for (const s of v1.sessions) {
      delete s.baseline;
      delete s.checkins;
    }
    expect(parseExport(JSON.stringify(v1))).toEqual({ ok: true, file });
  });
});
