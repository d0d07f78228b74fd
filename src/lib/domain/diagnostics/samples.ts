/**
 * The last N samples of a measurement (a fixed ring: memory does not grow with the session) and
 * their percentiles, for the diagnostics page's latency figures.
 */
export class SampleRing {
  private readonly values: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity = 1000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`A sample ring holds at least one sample, not ${capacity}`);
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.filled;
  }

  push(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    this.filled = Math.min(this.filled + 1, this.capacity);
  }

  /** The samples held, oldest first. */
  toArray(): number[] {
    const held = Array.from(this.values.subarray(0, this.filled));
    return this.filled < this.capacity
      ? held
      : [...held.slice(this.next), ...held.slice(0, this.next)];
  }

  clear(): void {
    this.next = 0;
    this.filled = 0;
  }
}

/**
 * The p-th percentile (0..100) by nearest rank: always one of the samples, so a p99 over 1,000
 * frames is the 10th slowest frame rather than a blend of two. null without samples.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * sorted.length);
  return sorted[Math.max(rank, 1) - 1] ?? null;
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

/** p50, p95 and p99 of the samples; null when there are none. */
export function percentiles(samples: readonly number[]): Percentiles | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => percentile(sorted, p) as number;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}
