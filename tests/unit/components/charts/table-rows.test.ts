import { describe, expect, it } from 'vitest';
import { spanLabel, tableRows } from '../../../../src/lib/components/charts/table-rows';

const point = (second: number, stress: number) => ({
  second,
  stress,
  probabilities: [stress / 100, 1 - stress / 100],
  faces: 1,
});

describe('tableRows', () => {
  it('keeps one row per point when there are few', () => {
    const rows = tableRows([point(0, 10), point(1, 20)], 10);
    expect(rows).toEqual([
      { from: 0, to: 0, stress: 10, probabilities: [0.1, 0.9] },
      { from: 1, to: 1, stress: 20, probabilities: [0.2, 0.8] },
    ]);
  });
  it('averages a long session into at most maxRows consecutive spans', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => point(i, i % 2 === 0 ? 0 : 100));
    const rows = tableRows(points, 120);
    expect(rows.length).toBeLessThanOrEqual(120);
    expect(rows[0]?.from).toBe(0);
    expect(rows.at(-1)?.to).toBe(9_999);
    expect(rows[0]?.stress).toBeCloseTo(50);
    expect(rows[0]?.probabilities[0]).toBeCloseTo(0.5);
  });
  it('gives no rows for no points', () => {
    expect(tableRows([])).toEqual([]);
  });
  it('counts a probability a point lacks as 0', () => {
    const short = { second: 1, stress: 30, probabilities: [0.4], faces: 1 };
    expect(tableRows([point(0, 10), short], 1)[0]?.probabilities).toEqual([0.25, 0.45]);
  });
  it('labels a row by its second, or its span of seconds', () => {
    expect(spanLabel({ from: 12, to: 12 })).toBe('12');
    expect(spanLabel({ from: 12, to: 19 })).toBe('12–19');
  });
});
