import { describe, expect, it } from 'vitest';
import {
  agreement,
  CHECKIN_LABELS,
  checkinKey,
  mainFace,
  pairCheckins,
  ranks,
  spearman,
  type CheckinPair,
} from '../../../../src/lib/domain/session/checkins';
import type { CheckinLevel } from '../../../../src/lib/domain/session/records';
import { FEAR, HAPPY, NEUTRAL, record, T0 } from '../../fixtures/sessions';

const pair = (level: CheckinLevel, measured: number | null): CheckinPair => ({
  checkin: { t: T0, level },
  measured,
});

describe('spearman', () => {
  it('gives average ranks to ties', () => {
    expect(ranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(ranks([3, 1, 3, 3])).toEqual([3, 1, 3, 3]);
    expect(ranks([])).toEqual([]);
  });

  it('matches the textbook example without ties (IQ and hours of TV: rho = -29/165)', () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, tv)).toBeCloseTo(-29 / 165, 12);
    // Without ties, 1 - 6 Σd² / n(n² - 1): d² = 1+1+1+1+0 = 4 → 0.8.
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it('matches the example with ties of scipy.stats.spearmanr (0.8207826816681233)', () => {
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    // Ranks [1, 2.5, 2.5, 4] against [1, 2, 3, 4]: 4.5 / sqrt(4.5 · 5).
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
  });

  it('is ±1 for any monotonic relation, and null when undefined', () => {
    expect(spearman([1, 2, 3], [10, 400, 401])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3], [3, 2, -50])).toBeCloseTo(-1, 12);
    expect(spearman([3, 3, 3], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(spearman([1], [1])).toBeNull();
    expect(spearman([1, 2], [1])).toBeNull();
  });
});

describe('pairing check-ins with the measured stress', () => {
  it('takes the mean stress of the records in the 10 s before each check-in', () => {
    const records = [0, 1, 2, 12, 13].map((s) => record('s', 1, s, s < 5 ? NEUTRAL : FEAR));
    const at = (second: number, level: CheckinLevel) => ({ t: T0 + second * 1000, level });
    const pairs = pairCheckins([at(2.5, 1), at(12, 4), at(30, 5)], records);
    const neutral = records[0]!.stress;
    const fear = records[3]!.stress;
    expect(pairs[0]!.measured).toBeCloseTo(neutral, 12);
    // Seconds 2, 12 (window [2, 12]): one neutral, one fear.
    expect(pairs[1]!.measured).toBeCloseTo((neutral + fear) / 2, 12);
    expect(pairs[2]!.measured).toBeNull();
    expect(pairs.map((p) => p.checkin.level)).toEqual([1, 4, 5]);
  });

  it('finds the main face: most records, lowest id on a tie', () => {
    expect(mainFace([])).toBeNull();
    const r = (face: number, s: number) => record('s', face, s, HAPPY);
    expect(mainFace([r(3, 0), r(2, 0), r(3, 1)])).toBe(3);
    expect(mainFace([r(3, 0), r(2, 0), r(2, 1), r(3, 1)])).toBe(2);
  });
});

describe('agreement', () => {
  it('says plainly when there are too few check-ins', () => {
    const few = [pair(1, 10), pair(2, 20), pair(3, 30), pair(4, 40), pair(5, null)];
    expect(agreement(few)).toEqual({
      count: 4,
      rho: null,
      verdict: 'Too few to tell: 4 check-ins with measured stress, at least 5 needed.',
    });
    expect(agreement([pair(1, 3)]).verdict).toMatch(/^Too few to tell: 1 check-in with/);
    expect(agreement([]).count).toBe(0);
  });

  it('gives rho with the count from 5 check-ins on', () => {
    const a = agreement([pair(1, 12), pair(2, 20), pair(3, 35), pair(4, 33), pair(5, 70)]);
    expect(a.count).toBe(5);
    expect(a.rho).toBeCloseTo(0.9, 12);
    expect(a.verdict).toBe('Strong agreement (Spearman ρ 0.90, 5 check-ins).');
  });

  it('names the strength and the direction', () => {
    const levels: CheckinLevel[] = [1, 2, 3, 4, 5];
    const verdict = (measured: number[]) =>
      agreement(levels.map((l, i) => pair(l, measured[i]!))).verdict;
    expect(verdict([50, 40, 30, 20, 10])).toMatch(/^Strong disagreement \(Spearman ρ -1.00/);
    expect(verdict([10, 30, 20, 50, 5])).toMatch(/^No clear agreement \(Spearman ρ -0.10/);
    expect(verdict([30, 10, 50, 20, 40])).toMatch(/^Weak agreement \(Spearman ρ 0.30/);
    expect(verdict([10, 40, 20, 50, 30])).toMatch(/^Moderate agreement \(Spearman ρ 0.50/);
    expect(verdict([30, 30, 30, 30, 30])).toBe(
      'Cannot tell from 5 check-ins: the check-ins or the measured stress did not vary.',
    );
  });
});

describe('check-in keys and labels', () => {
  it('reads the keys 1 to 5 only', () => {
    expect(['1', '3', '5'].map(checkinKey)).toEqual([1, 3, 5]);
    expect(['0', '6', 'a', 'F1', ''].map(checkinKey)).toEqual([null, null, null, null, null]);
    expect(CHECKIN_LABELS[1]).toBe('calm');
    expect(CHECKIN_LABELS[5]).toBe('very stressed');
  });
});
