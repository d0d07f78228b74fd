/**
 * Calibration of a personal baseline: for `durationMs` the person looks at the camera, relaxed.
 * Each frame's main face (the largest box: the person in front of the camera) counts only when it
 * passed the quality gate. A second of the run is a good second when it holds at least one good
 * reading; the baseline needs `minGoodSeconds` of them. The figures are the plain means of the good
 * readings. Pure: the state goes in and comes out; no image is kept, only sums.
 */
import { EMOTIONS } from './labels';
import type { AffectFigures, JudgedReading } from '../tracking/tracker';
import { describeIssues, type QualityIssue } from '../quality/quality';
import { area } from '../vision/box';

export interface CalibrationOptions {
  durationMs: number;
  minGoodSeconds: number;
}

export const CALIBRATION: CalibrationOptions = Object.freeze({
  durationMs: 10_000,
  minGoodSeconds: 5,
});

export interface CalibrationState {
  /** Epoch ms of the start. */
  startedAt: number;
  /** Indexes (whole seconds from the start) of the seconds with a good reading. */
  goodSeconds: readonly number[];
  /** Frames in which a face was seen at all. */
  framesWithFace: number;
  /** How often each issue made the main face low quality. */
  issues: Readonly<Partial<Record<QualityIssue, number>>>;
  /** Sums of the good readings' figures, and their count. */
  sums: AffectFigures;
  good: number;
}

export type CalibrationFigures = AffectFigures & { goodSeconds: number };

export type CalibrationResult =
  { ok: true; figures: CalibrationFigures } | { ok: false; reason: string };

export function startCalibration(startedAt: number): CalibrationState {
  return {
    startedAt,
    goodSeconds: [],
    framesWithFace: 0,
    issues: {},
    sums: { probabilities: EMOTIONS.map(() => 0), valence: 0, arousal: 0, stress: 0 },
    good: 0,
  };
}

/** The frame's main face: the largest box, or null without faces. */
export function mainFace<T extends JudgedReading>(faces: readonly T[]): T | null {
  let best: T | null = null;
  for (const f of faces) if (!best || area(f.reading.box) > area(best.reading.box)) best = f;
  return best;
}

/** Adds the faces of a frame captured at `t`; frames outside the run are ignored. */
export function addFrame(
  state: CalibrationState,
  t: number,
  faces: readonly JudgedReading[],
  options: CalibrationOptions = CALIBRATION,
): CalibrationState {
  const elapsed = t - state.startedAt;
  const face = mainFace(faces);
  if (!face || elapsed < 0 || elapsed >= options.durationMs) return state;
  const framesWithFace = state.framesWithFace + 1;
  if (!face.quality.ok) {
    const issues = { ...state.issues };
    for (const i of face.quality.issues) issues[i] = (issues[i] ?? 0) + 1;
    return { ...state, framesWithFace, issues };
  }
  const second = Math.floor(elapsed / 1000);
  const r = face.reading;
  return {
    ...state,
    framesWithFace,
    goodSeconds: state.goodSeconds.includes(second)
      ? state.goodSeconds
      : [...state.goodSeconds, second],
    sums: {
      probabilities: state.sums.probabilities.map((p, i) => p + (r.probabilities[i] ?? 0)),
      valence: state.sums.valence + r.valence,
      arousal: state.sums.arousal + r.arousal,
      stress: state.sums.stress + r.stress,
    },
    good: state.good + 1,
  };
}

/** Milliseconds left at `now`, 0 once the run is over. */
export function remainingMs(
  state: CalibrationState,
  now: number,
  options: CalibrationOptions = CALIBRATION,
): number {
  return Math.max(0, Math.min(options.durationMs, state.startedAt + options.durationMs - now));
}

/** The baseline's figures, or why there are none in words the person can act on. */
export function finishCalibration(
  state: CalibrationState,
  options: CalibrationOptions = CALIBRATION,
): CalibrationResult {
  const seconds = state.goodSeconds.length;
  if (state.framesWithFace === 0) {
    return {
      ok: false,
      reason:
        'No face was seen during calibration. Sit in front of the camera, in good light, and try again.',
    };
  }
  if (seconds < options.minGoodSeconds || state.good === 0) {
    const common = mostCommon(state.issues);
    const why = common ? `; most often: ${describeIssues([common])}` : '';
    return {
      ok: false,
      reason: `Only ${seconds} s of good readings (${options.minGoodSeconds} s needed${why}). Look at the camera in good light and try again.`,
    };
  }
  const n = state.good;
  return {
    ok: true,
    figures: {
      probabilities: state.sums.probabilities.map((p) => p / n),
      valence: state.sums.valence / n,
      arousal: state.sums.arousal / n,
      stress: state.sums.stress / n,
      goodSeconds: seconds,
    },
  };
}

function mostCommon(issues: CalibrationState['issues']): QualityIssue | null {
  let best: QualityIssue | null = null;
  for (const [issue, count] of Object.entries(issues) as [QualityIssue, number][]) {
    if (best === null || count > (issues[best] ?? 0)) best = issue;
  }
  return best;
}
