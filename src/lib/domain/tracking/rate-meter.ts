/**
 * Processed frames per second and mean round-trip latency over a sliding window of results.
 * Pure: `add` returns a new meter.
 */
export interface RateMeter {
  windowMs: number;
  /** [time the result arrived, its round trip in ms], oldest first. */
  samples: [number, number][];
}

export const rateMeter = (windowMs = 2000): RateMeter => ({ windowMs, samples: [] });

export function addSample(meter: RateMeter, now: number, latencyMs: number): RateMeter {
  const samples = [...meter.samples, [now, latencyMs] as [number, number]].filter(
    ([t]) => now - t <= meter.windowMs,
  );
  return { ...meter, samples };
}

export interface Rates {
  /** null until two results are in the window. */
  fps: number | null;
  latencyMs: number | null;
}

export function rates(meter: RateMeter): Rates {
  const { samples } = meter;
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) return { fps: null, latencyMs: null };
  const latencyMs = samples.reduce((sum, [, l]) => sum + l, 0) / samples.length;
  const span = last[0] - first[0];
  return { fps: span > 0 ? (samples.length - 1) / (span / 1000) : null, latencyMs };
}
