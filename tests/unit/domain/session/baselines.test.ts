import { describe, expect, it } from 'vitest';
import {
  BASELINE_NAME_MAX,
  checkBaselineName,
  describeBaselineImport,
  planBaselineImport,
  sessionBaseline,
} from '../../../../src/lib/domain/session/baselines';
import { baseline } from '../../fixtures/baselines';
import { T0 } from '../../fixtures/sessions';

const ids =
  (...list: string[]) =>
  () =>
    list.shift() ?? 'no-more-ids';

describe('baseline names', () => {
  it('trims and joins spaces; refuses empty and too long names', () => {
    expect(checkBaselineName('  Anna   Maria ')).toEqual({ ok: true, name: 'Anna Maria' });
    expect(checkBaselineName('   ')).toMatchObject({
      ok: false,
      message: 'Give the profile a name.',
    });
    expect(checkBaselineName('x'.repeat(BASELINE_NAME_MAX + 1))).toMatchObject({ ok: false });
    expect(checkBaselineName('x'.repeat(BASELINE_NAME_MAX))).toMatchObject({ ok: true });
  });

  it('a session keeps id, name, time and resting stress', () => {
    expect(sessionBaseline(baseline('b1', 'Anna', 42.5))).toEqual({
      id: 'b1',
      name: 'Anna',
      calibratedAt: T0,
      stress: 42.5,
    });
  });
});

describe('baseline import plan', () => {
  it('writes new ones, skips identical ones', () => {
    const anna = baseline('b1', 'Anna');
    const plan = planBaselineImport([anna, baseline('b2', 'Ben')], [anna], ids());
    expect(plan).toEqual({ baselines: [baseline('b2', 'Ben')], skipped: 1, renamed: 0 });
    expect(describeBaselineImport(plan)).toBe(
      'Imported 1 profiles. 1 profiles already here: skipped.',
    );
  });

  it('keeps both when a different baseline has the same name', () => {
    const plan = planBaselineImport(
      [baseline('b9', 'Anna', 10), baseline('b8', 'Anna', 20)],
      [baseline('b1', 'Anna')],
      ids(),
    );
    expect(plan.baselines.map((b) => [b.id, b.name, b.stress])).toEqual([
      ['b9', 'Anna (imported)', 10],
      ['b8', 'Anna (imported 2)', 20],
    ]);
    expect(plan.renamed).toBe(2);
    expect(describeBaselineImport(plan)).toMatch(/2 had the name or id of a profile stored here/);
  });

  it('a different baseline under a stored id gets a new id', () => {
    const plan = planBaselineImport(
      [baseline('b1', 'Anna', 70)],
      [baseline('b1', 'Anna')],
      ids('n1'),
    );
    expect(plan.baselines).toEqual([
      { ...baseline('b1', 'Anna', 70), id: 'n1', name: 'Anna (imported)' },
    ]);
    const other = planBaselineImport([baseline('b1', 'Cleo')], [baseline('b1', 'Anna')], ids('n2'));
    expect(other.baselines.map((b) => [b.id, b.name])).toEqual([['n2', 'Cleo (imported)']]);
  });

  it('compares every figure', () => {
    const stored = baseline('b1', 'Anna');
    const changed = { ...stored, probabilities: [...stored.probabilities].reverse() };
    expect(planBaselineImport([changed], [stored], ids('n')).renamed).toBe(1);
  });

  it('a long name stays within the limit when marked', () => {
    const long = 'A'.repeat(BASELINE_NAME_MAX);
    const plan = planBaselineImport([baseline('b2', long)], [baseline('b1', long)], ids());
    expect(plan.baselines[0]?.name).toHaveLength(BASELINE_NAME_MAX);
    expect(plan.baselines[0]?.name.endsWith(' (imported)')).toBe(true);
  });

  it('says nothing for a file without baselines', () => {
    expect(describeBaselineImport(planBaselineImport([], [], ids()))).toBe('');
  });
});
