/**
 * What is stored, as TypeScript types. The Dexie schema (db.ts) and the export format (format.ts)
 * are built on these; a change here is a new schema version, never an edit of version 1.
 */
import type { Emotion } from '../affect/labels';
import type { StressLevel } from '../affect/assess';

/**
 * The storage schema and the export format share one version number: the Dexie version the data
 * is stored under (db.ts). Version 2 only added the diagnostics log, which is never exported.
 */
export const SCHEMA_VERSION = 3;

/** Self-report levels: 1 calm … 5 very stressed. */
export const CHECKIN_LEVELS = Object.freeze([1, 2, 3, 4, 5] as const);
export type CheckinLevel = (typeof CHECKIN_LEVELS)[number];

/** A person's own answer to "how do you feel?" during a session (schema version 3). */
export interface Checkin {
  /** Epoch milliseconds. */
  t: number;
  level: CheckinLevel;
}

/**
 * A person's resting face, measured by calibration (schema version 3): the mean of the good
 * readings of a relaxed look at the camera. No image is kept, only these figures.
 */
export interface Baseline {
  /** A UUID. */
  id: string;
  /** The person's chosen name for it, unique on the device (a profile). */
  name: string;
  /** Epoch milliseconds of the calibration. */
  calibratedAt: number;
  /** Mean probabilities of the good readings, EMOTIONS order. */
  probabilities: number[];
  valence: number;
  arousal: number;
  /** Mean stress of the good readings, 0–100 (not rounded). */
  stress: number;
  /** Seconds of good readings the figures come from. */
  goodSeconds: number;
}

/** The baseline a session was measured against, copied so a later recalibration cannot rewrite it. */
export type SessionBaseline = Pick<Baseline, 'id' | 'name' | 'calibratedAt' | 'stress'>;

export type SessionKind = 'live' | 'photo';
export type SessionStatus = 'recording' | 'ended';

/** Figures of a whole session, from its records (summary.ts). */
export interface SessionSummary {
  durationMs: number;
  /** Distinct face ids with at least one record. */
  faces: number;
  records: number;
  /** Mean and peak of the records' stress; null without records. */
  meanStress: number | null;
  peakStress: number | null;
  /** Records per stress level: face-seconds for a live session, faces for a photo. */
  levelCounts: Record<StressLevel, number>;
  /** Mean probabilities over all records, EMOTIONS order; all 0 without records. */
  emotionMix: number[];
  /** Argmax of emotionMix; null without records. */
  dominant: Emotion | null;
}

export interface SessionRow {
  /** A UUID, so that sessions from another device never collide on import. */
  id: string;
  kind: SessionKind;
  label: string;
  tags: string[];
  note: string;
  /** Epoch milliseconds. */
  startedAt: number;
  /** Last write-through; how far a session closed without stop() is known to have run. */
  updatedAt: number;
  endedAt: number | null;
  status: SessionStatus;
  /** Closed on a later start rather than by stop(): the tab was closed while recording. */
  recovered: boolean;
  summary: SessionSummary | null;
  /**
   * Seconds of readings that could not be written (storage full or gone) when the session was
   * stopped: the session is partial. Absent when everything was saved; not indexed, so adding it
   * needed no new schema version.
   */
  unsaved?: number;
  /** The baseline active when the session started; null without one. Since schema version 3. */
  baseline: SessionBaseline | null;
  /** Self-reports, in time order. Since schema version 3 (the upgrade gives older sessions []). */
  checkins: Checkin[];
}

/** One tracked face over one second of a session (or one face of a photo). */
export interface ReadingRecord {
  sessionId: string;
  faceId: number;
  /** Epoch milliseconds of the start of the second. */
  t: number;
  dominant: Emotion;
  /** Mean of the second's good readings, EMOTIONS order. */
  probabilities: number[];
  /** Mean of the good readings' stress, rounded: an integer 0–100. */
  stress: number;
  level: StressLevel;
  valence: number;
  arousal: number;
  /** Share of the second's readings that passed the quality gate, 0–1. */
  quality: number;
  /** Readings counted in the means (the good ones). */
  frames: number;
}

/** Primary key of a record: one per face, per second, per session. */
export type RecordKey = [string, number, number];
export const recordKey = (r: ReadingRecord): RecordKey => [r.sessionId, r.faceId, r.t];
