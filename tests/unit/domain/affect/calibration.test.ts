import { describe, expect, it } from 'vitest';
import { assessAffect } from '../../../../src/lib/domain/affect/assess';
import {
  CALIBRATION,
  addFrame,
  finishCalibration,
  mainFace,
  remainingMs,
  startCalibration,
  type CalibrationState,
} from '../../../../src/lib/domain/affect/calibration';
import type { JudgedReading } from '../../../../src/lib/domain/tracking/tracker';
import { FEAR, HAPPY, NEUTRAL, faceReading, T0 } from '../../fixtures/sessions';

const judged = (p: number[], ok = true, side = 120, x = 0): JudgedReading => ({
  reading: faceReading(p, x, side),
  quality: ok ? { ok: true, issues: [] } : { ok: false, issues: ['dark'] },
});

/** Feeds one frame every `everyMs` for the whole run; `at(t)` gives the frame's faces. */
function run(at: (elapsed: number) => JudgedReading[], everyMs = 250): CalibrationState {
  let state = startCalibration(T0);
  for (let e = 0; e < CALIBRATION.durationMs; e += everyMs) state = addFrame(state, T0 + e, at(e));
  return state;
}

describe('calibration', () => {
  it('averages the good readings of 10 s into the baseline figures', () => {
    const state = run((e) => [judged(e < 5_000 ? NEUTRAL : FEAR)]);
    const result = finishCalibration(state);
    if (!result.ok) throw new Error(result.reason);
    const neutral = assessAffect(NEUTRAL);
    const fear = assessAffect(FEAR);
    expect(result.figures.goodSeconds).toBe(10);
    expect(result.figures.stress).toBeCloseTo((neutral.stress + fear.stress) / 2, 10);
    expect(result.figures.valence).toBeCloseTo((neutral.valence + fear.valence) / 2, 10);
    expect(result.figures.arousal).toBeCloseTo((neutral.arousal + fear.arousal) / 2, 10);
    result.figures.probabilities.forEach((p, i) =>
      expect(p).toBeCloseTo(((neutral.probabilities[i] ?? 0) + (fear.probabilities[i] ?? 0)) / 2),
    );
    expect(result.figures.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('counts only the main (largest) face, and only its good readings', () => {
    // A small happy face beside; the main face is dark for the first 6 s.
    const state = run((e) => [judged(HAPPY, true, 60, 300), judged(NEUTRAL, e >= 6_000, 150)]);
    expect(state.goodSeconds).toEqual([6, 7, 8, 9]);
    const result = finishCalibration(state);
    expect(result).toEqual({
      ok: false,
      reason:
        'Only 4 s of good readings (5 s needed; most often: too dark). Look at the camera in good light and try again.',
    });
  });

  it('needs 5 good seconds, not 5 s worth of frames', () => {
    // Many good frames, all within 3 seconds.
    const state = run((e) => [judged(NEUTRAL, e < 3_000)], 50);
    expect(state.good).toBe(60);
    expect(finishCalibration(state)).toMatchObject({ ok: false });
    const enough = run((e) => [judged(NEUTRAL, e < 5_000)], 1_000);
    expect(finishCalibration(enough)).toMatchObject({ ok: true, figures: { goodSeconds: 5 } });
  });

  it('says so when no face was seen at all', () => {
    const result = finishCalibration(run(() => []));
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^No face was seen/) });
  });

  it('without a recorded issue, says only how many seconds', () => {
    const state = { ...run(() => [judged(NEUTRAL, false)]), issues: {} };
    expect(finishCalibration(state)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Only 0 s of good readings \(5 s needed\)\./),
    });
  });

  it('ignores frames from before the start or after the end', () => {
    let state = startCalibration(T0);
    state = addFrame(state, T0 - 1, [judged(NEUTRAL)]);
    state = addFrame(state, T0 + CALIBRATION.durationMs, [judged(NEUTRAL)]);
    expect(state).toEqual(startCalibration(T0));
  });

  it('counts down', () => {
    const state = startCalibration(T0);
    expect(remainingMs(state, T0 - 500)).toBe(CALIBRATION.durationMs);
    expect(remainingMs(state, T0 + 2_500)).toBe(7_500);
    expect(remainingMs(state, T0 + 20_000)).toBe(0);
  });

  it('the main face is the largest box', () => {
    expect(mainFace([])).toBeNull();
    const big = judged(NEUTRAL, true, 200);
    expect(mainFace([judged(HAPPY, true, 50), big, judged(FEAR, true, 100)])).toBe(big);
  });
});
