/**
 * What the kiosk screen shows, as a pure reducer over the camera's frames and a clock.
 *
 * The readout follows the nearest face (the largest box) that has a good reading. While faces are
 * in view but none reads well, the last reading is held for `holdMs`, then the screen says why
 * (too dark, turned away…). When no face has been seen for `idleMs`, the screen resets to idle:
 * the next person never sees the last one's figures.
 */
import type { StressLevel } from '../affect/assess';
import type { Emotion } from '../affect/labels';
import type { QualityIssue } from '../quality/quality';
import type { TrackedFace } from '../tracking/tracker';
import { area } from '../vision/box';

export type Readout =
  | { state: 'idle' }
  | { state: 'low-signal'; issues: QualityIssue[]; faces: number }
  | {
      state: 'reading';
      emotion: Emotion;
      stress: number;
      level: StressLevel;
      /** Faces in view when it was read. */
      faces: number;
      /** Epoch ms of the reading. */
      at: number;
    };

export interface ReadoutState {
  readout: Readout;
  /** Epoch ms a face was last seen; null while idle. */
  lastFaceAt: number | null;
}

export interface ReadoutOptions {
  idleMs: number;
  holdMs: number;
}

export const HOLD_MS = 2_000;

export const idleState = (): ReadoutState => ({ readout: { state: 'idle' }, lastFaceAt: null });

/** One processed frame, captured at `now`. */
export function observe(
  state: ReadoutState,
  faces: readonly TrackedFace[],
  now: number,
  options: ReadoutOptions,
): ReadoutState {
  if (faces.length === 0) return expire(state, now, options);
  const nearest = nearestReadable(faces);
  if (nearest?.smoothed) {
    const { dominant, stress, level } = nearest.smoothed;
    return {
      readout: { state: 'reading', emotion: dominant, stress, level, faces: faces.length, at: now },
      lastFaceAt: now,
    };
  }
  const previous = state.readout;
  if (previous.state === 'reading' && now - previous.at < options.holdMs) {
    return { readout: previous, lastFaceAt: now };
  }
  const largest = [...faces].sort(byAreaDescending)[0];
  return {
    readout: { state: 'low-signal', issues: largest?.quality.issues ?? [], faces: faces.length },
    lastFaceAt: now,
  };
}

/** The clock moved on (frames may have stopped, e.g. the camera was lost). */
export function expire(state: ReadoutState, now: number, options: ReadoutOptions): ReadoutState {
  if (state.lastFaceAt === null || now - state.lastFaceAt < options.idleMs) return state;
  return idleState();
}

function nearestReadable(faces: readonly TrackedFace[]): TrackedFace | undefined {
  return faces.filter((f) => f.smoothed !== null).sort(byAreaDescending)[0];
}

const byAreaDescending = (a: TrackedFace, b: TrackedFace) =>
  area(b.reading.box) - area(a.reading.box);
