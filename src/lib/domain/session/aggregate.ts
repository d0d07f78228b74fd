/**
 * Per-second aggregation of a session's readings into records, one per tracked face per second.
 * Seconds are counted from the session's start. Only good-quality readings enter the means; a
 * face-second without any gives no record (it shows as a gap), so an unreadable face never turns
 * into a stress figure. No I/O: closed seconds are returned for the caller to store.
 */
import { EMOTIONS } from '../affect/labels';
import { stressLevel } from '../affect/assess';
import type { ReadingRecord } from './records';
import { argmaxEmotion } from './summary';
import type { TrackedFace } from '../tracking/tracker';

export const SECOND_MS = 1000;

interface FaceSums {
  probabilities: number[];
  stress: number;
  valence: number;
  arousal: number;
  good: number;
  all: number;
}

export class SecondAggregator {
  private windowStart: number;
  private sums = new Map<number, FaceSums>();

  constructor(
    readonly sessionId: string,
    readonly origin: number,
  ) {
    this.windowStart = origin;
  }

  /** Adds the faces of a frame captured at `t`; returns the records of seconds that closed. */
  add(t: number, faces: readonly TrackedFace[]): ReadingRecord[] {
    const closed = this.closeBefore(t);
    for (const face of faces) {
      const sums = this.sums.get(face.id) ?? emptySums();
      sums.all += 1;
      if (face.quality.ok) {
        const r = face.reading;
        sums.good += 1;
        r.probabilities.forEach(
          (p, i) => (sums.probabilities[i] = (sums.probabilities[i] ?? 0) + p),
        );
        sums.stress += r.stress;
        sums.valence += r.valence;
        sums.arousal += r.arousal;
      }
      this.sums.set(face.id, sums);
    }
    return closed;
  }

  /** Closes every second that ended at or before `now` (call it on a timer: no frames, no add). */
  closeBefore(now: number): ReadingRecord[] {
    if (now < this.windowStart + SECOND_MS) return [];
    const records = this.records();
    const elapsed = Math.floor((now - this.origin) / SECOND_MS);
    this.windowStart = this.origin + elapsed * SECOND_MS;
    this.sums.clear();
    return records;
  }

  /**
   * Records of the open second so far, which stays open: written when the page may go away, they
   * are replaced (same key) by the complete second if it does not.
   */
  current(): ReadingRecord[] {
    return this.records();
  }

  private records(): ReadingRecord[] {
    const out: ReadingRecord[] = [];
    for (const [faceId, s] of this.sums) {
      if (s.good === 0) continue;
      const probabilities = s.probabilities.map((p) => p / s.good);
      const stress = Math.round(s.stress / s.good);
      out.push({
        sessionId: this.sessionId,
        faceId,
        t: this.windowStart,
        dominant: argmaxEmotion(probabilities),
        probabilities,
        stress,
        level: stressLevel(stress),
        valence: s.valence / s.good,
        arousal: s.arousal / s.good,
        quality: s.good / s.all,
        frames: s.good,
      });
    }
    return out;
  }
}

const emptySums = (): FaceSums => ({
  probabilities: EMOTIONS.map(() => 0),
  stress: 0,
  valence: 0,
  arousal: 0,
  good: 0,
  all: 0,
});
