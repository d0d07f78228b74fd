/**
 * A session's records shaped for its charts: one point per second (the mean over the chosen
 * faces), with a gap wherever a second has no record. Pure.
 */
import { EMOTIONS } from '../affect/labels';
import type { ReadingRecord } from './records';

export interface SeriesPoint {
  /** Seconds since the session started. */
  second: number;
  stress: number;
  probabilities: number[];
  faces: number;
}

/** Points in time order; null marks a gap of at least one second without any record. */
export type Series = (SeriesPoint | null)[];

export function faceIds(records: readonly ReadingRecord[]): number[] {
  return [...new Set(records.map((r) => r.faceId))].sort((a, b) => a - b);
}

export function recordsOf(
  records: readonly ReadingRecord[],
  faceId: number | null,
): ReadingRecord[] {
  return faceId === null ? [...records] : records.filter((r) => r.faceId === faceId);
}

export function timeSeries(records: readonly ReadingRecord[], startedAt: number): Series {
  const byTime = new Map<number, ReadingRecord[]>();
  for (const r of records) byTime.set(r.t, [...(byTime.get(r.t) ?? []), r]);
  const series: Series = [];
  let previous: number | null = null;
  for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
    const group = byTime.get(t) ?? [];
    if (previous !== null && t - previous > 1000) series.push(null);
    previous = t;
    series.push({
      second: Math.round((t - startedAt) / 100) / 10,
      stress: group.reduce((s, r) => s + r.stress, 0) / group.length,
      probabilities: EMOTIONS.map(
        (_, i) => group.reduce((s, r) => s + (r.probabilities[i] ?? 0), 0) / group.length,
      ),
      faces: group.length,
    });
  }
  return series;
}
