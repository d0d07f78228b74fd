import { describe, expect, it } from 'vitest';
import {
  RELATIVE_BANDS,
  RELATIVE_MIN_SPAN,
  formatRelative,
  meanRelativeStress,
  relativeBand,
  relativeStress,
} from '../../../../src/lib/domain/affect/baseline';

/** Every (b, s) pair on a grid of step 0.5 over [0, 100]², plus the integer grid's ends. */
const STEP = 0.5;
const GRID = Array.from({ length: 100 / STEP + 1 }, (_, i) => i * STEP);

describe('relative stress: properties over a grid of (baseline, stress)', () => {
  it("the baseline itself reads 0, 'as usual'", () => {
    for (const b of GRID) {
      expect(relativeStress(b, b)).toBe(0);
      expect(relativeBand(relativeStress(b, b))).toBe('as usual');
    }
  });

  it('is an integer in [-100, 100], with the ends of the scale at the ends', () => {
    const bad: string[] = [];
    for (const b of GRID) {
      for (const s of GRID) {
        const r = relativeStress(b, s);
        if (!Number.isInteger(r) || Math.abs(r) > 100 || Object.is(r, -0)) bad.push(`${b},${s}`);
      }
      if (b <= 100 - RELATIVE_MIN_SPAN) expect(relativeStress(b, 100)).toBe(100);
      if (b >= RELATIVE_MIN_SPAN) expect(relativeStress(b, 0)).toBe(-100);
    }
    expect(bad).toEqual([]);
  });

  it('is non-decreasing in the absolute stress, and its sign follows s − b', () => {
    const bad: string[] = [];
    for (const b of GRID) {
      let previous = -Infinity;
      for (const s of GRID) {
        const r = relativeStress(b, s);
        if (r < previous || (s > b && r < 0) || (s < b && r > 0)) bad.push(`${b},${s}`);
        previous = r;
      }
    }
    expect(bad).toEqual([]);
  });

  it('is non-increasing in the baseline: a higher resting stress makes the same figure less unusual', () => {
    const bad: string[] = [];
    for (const s of GRID) {
      let previous = Infinity;
      for (const b of GRID) {
        const r = relativeStress(b, s);
        if (r > previous) bad.push(`${b},${s}`);
        previous = r;
      }
    }
    expect(bad).toEqual([]);
  });

  it('is continuous: a step of 0.5 in either input moves it by at most 100·0.5/span + 1', () => {
    const bound = (100 * STEP) / RELATIVE_MIN_SPAN + 1;
    const bad: string[] = [];
    for (let i = 0; i < GRID.length; i++) {
      for (let j = 0; j < GRID.length; j++) {
        const b = GRID[i]!;
        const s = GRID[j]!;
        const r = relativeStress(b, s);
        const ds = j + 1 < GRID.length ? Math.abs(relativeStress(b, GRID[j + 1]!) - r) : 0;
        const db = i + 1 < GRID.length ? Math.abs(relativeStress(GRID[i + 1]!, s) - r) : 0;
        if (ds > bound || db > bound) bad.push(`${b},${s}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the bands are ordered like the figure', () => {
    let previous = 0;
    for (let r = -100; r <= 100; r++) {
      const band = RELATIVE_BANDS.indexOf(relativeBand(r));
      expect(band).toBeGreaterThanOrEqual(previous);
      previous = band;
    }
  });
});

describe('relative stress: values', () => {
  it('measures the distance as a share of the room on that side', () => {
    expect(relativeStress(50, 75)).toBe(50);
    expect(relativeStress(50, 25)).toBe(-50);
    expect(relativeStress(40, 70)).toBe(50);
    expect(relativeStress(0, 37)).toBe(37);
  });

  it('never takes less than RELATIVE_MIN_SPAN points of room near the ends', () => {
    // A resting face at 5: 2 points lower is noise, not "well below".
    expect(relativeStress(5, 3)).toBe(-10);
    expect(relativeStress(5, 0)).toBe(-25);
    expect(relativeStress(0, 0)).toBe(0);
    expect(relativeStress(95, 100)).toBe(25);
    expect(relativeStress(100, 100)).toBe(0);
    expect(relativeStress(100, 0)).toBe(-100);
  });

  it('clamps out-of-range figures and refuses NaN', () => {
    expect(relativeStress(-10, 120)).toBe(100);
    expect(relativeStress(50, -5)).toBe(-100);
    expect(() => relativeStress(Number.NaN, 10)).toThrow(RangeError);
    expect(() => relativeStress(10, Number.NaN)).toThrow(RangeError);
  });

  it('names the bands at their thresholds', () => {
    expect(relativeBand(-100)).toBe('below usual');
    expect(relativeBand(-20)).toBe('below usual');
    expect(relativeBand(-19)).toBe('as usual');
    expect(relativeBand(19)).toBe('as usual');
    expect(relativeBand(20)).toBe('above usual');
    expect(relativeBand(49)).toBe('above usual');
    expect(relativeBand(50)).toBe('well above usual');
  });

  it('formats with a sign', () => {
    expect(formatRelative(12)).toBe('+12 · as usual');
    expect(formatRelative(-30)).toBe('−30 · below usual');
    expect(formatRelative(0)).toBe('±0 · as usual');
    expect(formatRelative(60)).toBe('+60 · well above usual');
  });

  it('averages the relative figures of a session', () => {
    expect(meanRelativeStress(50, [])).toBeNull();
    expect(meanRelativeStress(50, [50, 50])).toBe(0);
    expect(meanRelativeStress(50, [75, 25, 100])).toBe(33);
    expect(meanRelativeStress(50, [50, 51, 49.4])).toBe(0);
  });
});
