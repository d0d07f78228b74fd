import { describe, expect, it } from 'vitest';
import { assessAffect } from '../../../../src/lib/domain/affect/assess';
import {
  smoothingAlpha,
  smoothScalar,
  smoothVector,
} from '../../../../src/lib/domain/tracking/smoothing';
import { emptyTracker, updateTracker } from '../../../../src/lib/domain/tracking/tracker';
import { box, judged } from './readings';

describe('time-based smoothing', () => {
  it('weights a sample by the time since the last one', () => {
    expect(smoothingAlpha(0, 500)).toBe(0);
    expect(smoothingAlpha(-5, 500)).toBe(0);
    expect(smoothingAlpha(500, 500)).toBeCloseTo(1 - Math.exp(-1));
    expect(smoothingAlpha(1e9, 500)).toBeCloseTo(1);
    expect(smoothingAlpha(10, 0)).toBe(1);
  });

  it('two steps of dt equal one step of 2 dt for a constant input', () => {
    const a = smoothingAlpha(50, 400);
    const twice = smoothScalar(smoothScalar(0, 1, a), 1, a);
    expect(twice).toBeCloseTo(smoothScalar(0, 1, smoothingAlpha(100, 400)), 12);
  });

  it('smooths vectors element-wise', () => {
    expect(smoothVector([0, 1], [1, 0], 0.25)).toEqual([0.25, 0.75]);
  });
});

const rise = (s: number, at: number) => 1 / (1 + Math.exp(-(s - at) / 0.08));

/**
 * A face whose expression turns from neutral to fear within about half a second, then back, then
 * wavers, while the camera runs.
 */
function probabilitiesAt(tMs: number): number[] {
  const s = tMs / 1000;
  const fear =
    0.05 + 0.75 * (rise(s, 1) - rise(s, 2.5)) + 0.2 * rise(s, 2.5) * (1 + Math.sin(s * 3));
  const happy = 0.1 + 0.05 * Math.sin(s * 5);
  return [0.05, 0.02, fear, happy, 0.05, 0.05, 1 - fear - happy];
}

/** Runs the tracker over 4 s of that face sampled at `fps`; smoothed happy, fear and stress by time. */
function smoothedCurve(fps: number): Map<number, { fear: number; happy: number; stress: number }> {
  let state = emptyTracker();
  const curve = new Map<number, { fear: number; happy: number; stress: number }>();
  for (let frame = 0; frame <= 4 * fps; frame++) {
    const t = Math.round((frame * 1000) / fps);
    const result = updateTracker(state, [judged(box(100, 100), probabilitiesAt(t))], t);
    state = result.state;
    const smoothed = state.tracks[0]?.smoothed;
    if (!smoothed) throw new Error('no track');
    curve.set(t, {
      fear: smoothed.probabilities[2] ?? 0,
      happy: smoothed.probabilities[3] ?? 0,
      stress: smoothed.stress,
    });
  }
  return curve;
}

describe('smoothing does not depend on the frame rate', () => {
  it('gives the same curve at 10 and 30 fps', () => {
    const at10 = smoothedCurve(10);
    const at30 = smoothedCurve(30);
    let compared = 0;
    for (const [t, slow] of at10) {
      const fast = at30.get(t);
      if (!fast) continue;
      compared++;
      expect(Math.abs(slow.fear - fast.fear), `fear at ${t} ms`).toBeLessThan(0.04);
      expect(Math.abs(slow.happy - fast.happy), `happy at ${t} ms`).toBeLessThan(0.04);
      expect(Math.abs(slow.stress - fast.stress), `stress at ${t} ms`).toBeLessThan(3);
    }
    expect(compared).toBe(41);
  });

  it('(a per-frame constant alpha would not: the test can tell)', () => {
    const run = (fps: number) => {
      let value = 0;
      const out = new Map<number, number>();
      for (let frame = 0; frame <= 2 * fps; frame++) {
        const t = Math.round((frame * 1000) / fps);
        value = smoothScalar(value, assessAffect(probabilitiesAt(t)).stress, 0.2);
        out.set(t, value);
      }
      return out;
    };
    const slow = run(10);
    const fast = run(30);
    expect(Math.abs((slow.get(1200) ?? 0) - (fast.get(1200) ?? 0))).toBeGreaterThan(10);
  });
});

describe('smoothing the figures, not the probabilities alone', () => {
  it('gives what assessing the smoothed probabilities would: valence and arousal are linear', () => {
    let state = emptyTracker();
    for (let t = 0; t <= 4000; t += 33) {
      const { state: next, faces } = updateTracker(
        state,
        [judged(box(100, 100), probabilitiesAt(t))],
        t,
      );
      state = next;
      const smoothed = faces[0]?.smoothed;
      if (!smoothed) throw new Error('no reading');
      const recomputed = assessAffect(smoothed.probabilities);
      expect(smoothed.dominant).toBe(recomputed.dominant);
      expect(smoothed.confidence).toBeCloseTo(recomputed.confidence, 12);
      expect(smoothed.valence).toBeCloseTo(recomputed.valence, 12);
      expect(smoothed.arousal).toBeCloseTo(recomputed.arousal, 12);
    }
  });
});
