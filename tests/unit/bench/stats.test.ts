import { describe, expect, it } from 'vitest';
import { median, pairedRatio, quantile, summarize } from '../../../bench/lib/stats';

describe('bench statistics', () => {
  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('takes the p95 by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(values, 0.95)).toBe(95);
    expect(quantile([7], 0.95)).toBe(7);
    expect(summarize(values)).toEqual({ median: 50.5, p95: 95, n: 100 });
  });

  it('pairs ratios frame by frame, so load shared by a pair cancels out', () => {
    // The second pair ran under load ten times heavier: its ratio is still 0.5.
    expect(pairedRatio([5, 50, 6], [10, 100, 12])).toBe(0.5);
  });
});
