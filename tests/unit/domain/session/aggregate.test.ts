import { describe, expect, it } from 'vitest';
import { SecondAggregator } from '../../../../src/lib/domain/session/aggregate';
import type { TrackedFace } from '../../../../src/lib/domain/tracking/tracker';
import { box, DARK, FEAR, GOOD, HAPPY, judged, NEUTRAL } from '../tracking/readings';

const T0 = 1_700_000_000_000;
const tracked = (id: number, p: number[], quality = GOOD): TrackedFace => ({
  ...judged(box(0, 0), p, quality),
  id,
  smoothed: null,
});

describe('per-second aggregation', () => {
  it('closes a second when a later frame arrives, one record per face', () => {
    const agg = new SecondAggregator('s1', T0);
    expect(agg.add(T0 + 100, [tracked(1, NEUTRAL), tracked(2, HAPPY)])).toEqual([]);
    expect(agg.add(T0 + 600, [tracked(1, FEAR), tracked(2, HAPPY)])).toEqual([]);
    const records = agg.add(T0 + 1100, [tracked(1, NEUTRAL)]);
    expect(records).toHaveLength(2);
    const [one, two] = records;
    expect(one).toMatchObject({ sessionId: 's1', faceId: 1, t: T0, frames: 2, quality: 1 });
    expect(one?.probabilities[2]).toBeCloseTo(((NEUTRAL[2] ?? 0) + (FEAR[2] ?? 0)) / 2);
    expect(one?.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(two).toMatchObject({ faceId: 2, dominant: 'happy', frames: 2 });
    expect(Number.isInteger(one?.stress)).toBe(true);
  });

  it('computes level from the rounded mean stress and means valence and arousal', () => {
    const agg = new SecondAggregator('s1', T0);
    agg.add(T0, [tracked(1, FEAR)]);
    const [r] = agg.closeBefore(T0 + 1000);
    const fear = judged(box(0, 0), FEAR).reading;
    expect(r).toMatchObject({ stress: fear.stress, level: fear.level, dominant: 'fear' });
    expect(r?.valence).toBeCloseTo(fear.valence);
    expect(r?.arousal).toBeCloseTo(fear.arousal);
  });

  it('leaves low-quality readings out of the figures and counts them in quality', () => {
    const agg = new SecondAggregator('s1', T0);
    agg.add(T0 + 10, [tracked(1, NEUTRAL), tracked(2, FEAR, DARK)]);
    agg.add(T0 + 500, [tracked(1, FEAR, DARK), tracked(2, FEAR, DARK)]);
    const records = agg.closeBefore(T0 + 1000);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ faceId: 1, dominant: 'neutral', frames: 1, quality: 0.5 });
  });

  it('is closed on a timer when no frames come, and skips empty seconds', () => {
    const agg = new SecondAggregator('s1', T0);
    agg.add(T0 + 10, [tracked(1, NEUTRAL)]);
    expect(agg.closeBefore(T0 + 999)).toEqual([]);
    expect(agg.closeBefore(T0 + 1000)).toHaveLength(1);
    expect(agg.closeBefore(T0 + 3500)).toEqual([]);
    const [late] = agg.add(T0 + 4200, [tracked(1, HAPPY)]).concat(agg.closeBefore(T0 + 5000));
    expect(late?.t).toBe(T0 + 4000);
  });

  it('reports the open second without closing it', () => {
    const agg = new SecondAggregator('s1', T0);
    agg.add(T0 + 10, [tracked(1, NEUTRAL)]);
    const partial = agg.current();
    agg.add(T0 + 600, [tracked(1, NEUTRAL)]);
    const [complete] = agg.closeBefore(T0 + 1000);
    expect(partial[0]?.frames).toBe(1);
    expect(complete?.frames).toBe(2);
    // Same key: the complete second replaces the partial one in storage.
    expect([complete?.sessionId, complete?.faceId, complete?.t]).toEqual([
      partial[0]?.sessionId,
      partial[0]?.faceId,
      partial[0]?.t,
    ]);
  });
});
