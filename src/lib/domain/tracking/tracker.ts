/**
 * Stable face ids across frames, and per-face smoothing. Pure: the state goes in and comes out.
 *
 * Each detection is matched to a live track by overlap; unmatched detections start new tracks and
 * tracks unseen for `maxAgeMs` end. A track's probabilities and stress are smoothed over its
 * good-quality readings only, with a time-based alpha (smoothing.ts), so a low-quality frame
 * neither moves the figures nor produces one.
 */
import { assessAffect, stressLevel, type Affect } from '../affect/assess';
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

export interface Track {
  id: number;
  box: Box;
  lastSeen: number;
  /** Time of the last good reading, which the smoothed values include; null before the first. */
  lastGood: number | null;
  probabilities: number[] | null;
  stress: number | null;
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
      smoothed: detection.quality.ok ? smoothedAffect(track) : null,
    };
  });
  const tracks = [...alive.filter((t) => !updated.has(t.id)), ...updated.values()];
  return { state: { tracks, nextId }, faces };
}

function newTrack(id: number): Track {
  return {
    id,
    box: { x: 0, y: 0, width: 0, height: 0 },
    lastSeen: -Infinity,
    lastGood: null,
    probabilities: null,
    stress: null,
  };
}

function advance(
  track: Track,
  { reading, quality }: JudgedReading,
  now: number,
  tauMs: number,
): Track {
  const next = { ...track, box: reading.box, lastSeen: now };
  if (!quality.ok) return next;
  if (track.lastGood === null || track.probabilities === null || track.stress === null) {
    return {
      ...next,
      lastGood: now,
      probabilities: [...reading.probabilities],
      stress: reading.stress,
    };
  }
  const alpha = smoothingAlpha(now - track.lastGood, tauMs);
  return {
    ...next,
    lastGood: now,
    probabilities: smoothVector(track.probabilities, reading.probabilities, alpha),
    stress: smoothScalar(track.stress, reading.stress, alpha),
  };
}

/** The affect of the smoothed probabilities, with the separately smoothed stress. */
function smoothedAffect(track: Track): Affect | null {
  if (!track.probabilities || track.stress === null) return null;
  const stress = Math.round(track.stress);
  return { ...assessAffect(track.probabilities), stress, level: stressLevel(stress) };
}
