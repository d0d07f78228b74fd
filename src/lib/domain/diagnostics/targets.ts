/**
 * What the diagnostics page holds the engine to. One inference (a frame through the worker) under
 * 100 ms keeps live analysis at 10 fps or more, which the tracker's smoothing needs to follow a
 * face; over 200 ms (under 5 fps) boxes visibly lag the face, so the page raises an alert.
 */
export const LATENCY_TARGET_MS = { good: 100, alert: 200 } as const;

export type Verdict = 'good' | 'fair' | 'alert';

export function judgeLatency(ms: number): Verdict {
  if (ms < LATENCY_TARGET_MS.good) return 'good';
  return ms > LATENCY_TARGET_MS.alert ? 'alert' : 'fair';
}

/** Failed analyses over all attempted ones; null before the first attempt. */
export function errorRate(frames: number, errors: number): number | null {
  const attempts = frames + errors;
  return attempts === 0 ? null : errors / attempts;
}
