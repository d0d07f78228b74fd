/**
 * Stable face ids across frames, and per-face smoothing. Pure: the state goes in and comes out.
 *
 * Each detection is matched to a live track by overlap; unmatched detections start new tracks and
 * tracks unseen for `maxAgeMs` end. A track's affect figures (probabilities, valence, arousal,
 * stress) are smoothed over its good-quality readings only, with a time-based alpha (smoothing.ts),
 * so a low-quality frame neither moves the figures nor produces one.
 *
 * The figures are smoothed as the worker computed them, not recomputed from smoothed
 * probabilities: valence and arousal are linear in the probabilities (circumplex.ts), so smoothing
 * them is the same as recomputing them, and stress is smoothed on its own on purpose.
 */
import { argmax, stressLevel, type Affect, type Emotion } from '../affect/assess';
import { EMOTIONS } from '../affect/labels';
import type { FaceReading } from '../analysis/types';
import type { Box } from '../vision/box';
import { matchByOverlap } from './match';
import type { Quality } from '../quality/quality';
import { smoothingAlpha, smoothScalar, smoothVector } from './smoothing';

export interface TrackerOptions {
  /** Least overlap for a detection to continue a track. */
  minIou: number;
  /** A track not seen for this long ends. */
  maxAgeMs: number;
  /** Time constant of the smoothing. */
  tauMs: number;
}

export const TRACKER_OPTIONS: TrackerOptions = { minIou: 0.3, maxAgeMs: 1000, tauMs: 500 };

/** The affect figures that are smoothed; the others follow from them. */
export type AffectFigures = Pick<Affect, 'probabilities' | 'valence' | 'arousal' | 'stress'>;

export interface Track {
  id: number;
  box: Box;
  lastSeen: number;
  /** The figures smoothed over the good readings, and the time of the last; null before the first. */
  smoothed: (AffectFigures & { at: number }) | null;
}

export interface TrackerState {
  tracks: Track[];
  nextId: number;
}

export const emptyTracker = (): TrackerState => ({ tracks: [], nextId: 1 });

/** One detection of this frame with its quality verdict. */
export interface JudgedReading {
  reading: FaceReading;
  quality: Quality;
}

/** A face of this frame as the UI shows it. */
export interface TrackedFace extends JudgedReading {
  id: number;
  /** The smoothed affect; null while the reading is low quality ("not enough signal"). */
  smoothed: Affect | null;
}

export function updateTracker(
  state: TrackerState,
  detections: readonly JudgedReading[],
  now: number,
  options: TrackerOptions = TRACKER_OPTIONS,
): { state: TrackerState; faces: TrackedFace[] } {
  const alive = state.tracks.filter((t) => now - t.lastSeen <= options.maxAgeMs);
  const matches = matchByOverlap(
    alive.map((t) => t.box),
    detections.map((d) => d.reading.box),
    options.minIou,
  );
  const trackFor = new Map(matches.map((m) => [m.to, alive[m.from]]));
  let nextId = state.nextId;
  const updated = new Map<number, Track>();
  const faces = detections.map((detection, i): TrackedFace => {
    const previous = trackFor.get(i) ?? null;
    const track = advance(previous ?? newTrack(nextId++), detection, now, options.tauMs);
    updated.set(track.id, track);
    return {
      ...detection,
      id: track.id,
      smoothed: detection.quality.ok && track.smoothed ? smoothedAffect(track.smoothed) : null,
    };
  });
  const tracks = [...alive.filter((t) => !updated.has(t.id)), ...updated.values()];
  return { state: { tracks, nextId }, faces };
}

function newTrack(id: number): Track {
  return { id, box: { x: 0, y: 0, width: 0, height: 0 }, lastSeen: -Infinity, smoothed: null };
}

function advance(
  track: Track,
  { reading, quality }: JudgedReading,
  now: number,
  tauMs: number,
): Track {
  const next = { ...track, box: reading.box, lastSeen: now };
  if (!quality.ok) return next;
  return {
    ...next,
    smoothed: { ...smoothedFigures(track.smoothed, reading, now, tauMs), at: now },
  };
}

/** The figures moved towards the reading's; the reading's own for a track's first good one. */
function smoothedFigures(
  previous: Track['smoothed'],
  reading: AffectFigures,
  now: number,
  tauMs: number,
): AffectFigures {
  if (!previous)
    return {
      probabilities: [...reading.probabilities],
      valence: reading.valence,
      arousal: reading.arousal,
      stress: reading.stress,
    };
  const alpha = smoothingAlpha(now - previous.at, tauMs);
  return {
    probabilities: smoothVector(previous.probabilities, reading.probabilities, alpha),
    valence: smoothScalar(previous.valence, reading.valence, alpha),
    arousal: smoothScalar(previous.arousal, reading.arousal, alpha),
    stress: smoothScalar(previous.stress, reading.stress, alpha),
  };
}

/** The smoothed figures read as affect: the top smoothed class, the band of the rounded stress. */
function smoothedAffect({ probabilities, valence, arousal, stress }: AffectFigures): Affect {
  const top = argmax(probabilities);
  const rounded = Math.round(stress);
  return {
    probabilities: [...probabilities],
    dominant: EMOTIONS[top] as Emotion,
    confidence: probabilities[top] ?? 0,
    valence,
    arousal,
    stress: rounded,
    level: stressLevel(rounded),
  };
}
