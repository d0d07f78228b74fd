import { describe, expect, it } from 'vitest';
import { buildExport } from '../../../../src/lib/domain/session/export-file';
import { describeImport, planImport } from '../../../../src/lib/domain/session/import-plan';
import { FEAR, HAPPY, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

const a = session('a', T0);
const b = session('b', T0 + 60_000, { label: 'B' });
const file = buildExport(
  [a, b],
  [record('a', 1, 0, NEUTRAL), record('a', 1, 1, FEAR), record('b', 1, 60, HAPPY)],
);

describe('import plan', () => {
  it('writes everything when no id is stored here', () => {
    const plan = planImport(file, new Map(), () => 'unused');
    expect(plan).toMatchObject({ skipped: 0, renamed: 0 });
    expect(plan.sessions).toEqual(file.sessions);
    expect(plan.records).toEqual(file.records);
    expect(describeImport(plan, 'f.json')).toBe('Imported 2 sessions (3 records) from f.json.');
  });

  it('skips a stored identical session, whatever the order of its fields', () => {
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
    const plan = planImport(file, new Map([['a', { row: reordered, records: 2 }]]), () => 'x');
    expect(plan.skipped).toBe(1);
    expect(plan.sessions.map((s) => s.id)).toEqual(['b']);
    expect(plan.records.map((r) => r.sessionId)).toEqual(['b']);
    expect(describeImport(plan, 'f.json')).toBe(
      'Imported 1 sessions (1 records) from f.json. 1 already stored here, identical: skipped.',
    );
  });

  it('gives a new id to a different session stored under the same id, and its records follow', () => {
    const stored = new Map([
      ['a', { row: a, records: 1 }],
      ['b', { row: { ...b, label: 'other' }, records: 1 }],
    ]);
    const ids = ['a2', 'b2'];
    const plan = planImport(file, stored, () => ids.shift()!);
    expect(plan).toMatchObject({ skipped: 0, renamed: 2 });
    expect(plan.sessions.map((s) => s.id)).toEqual(['a2', 'b2']);
    expect(plan.records.map((r) => r.sessionId)).toEqual(['a2', 'a2', 'b2']);
    expect(describeImport(plan, 'f.json')).toMatch(
      /2 had the id of a different session stored here: imported as a copy with a new id/,
    );
  });
});
