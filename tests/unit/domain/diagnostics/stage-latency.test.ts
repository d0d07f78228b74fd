import { describe, expect, it } from 'vitest';
import { STAGES, StageLatency } from '../../../../src/lib/domain/diagnostics/stage-latency';
import type { StageTimings } from '../../../../src/lib/domain/analysis/types';

const timings = (ms: number): StageTimings => ({
  decode: ms / 10,
  preprocess: ms / 10,
  detect: ms / 2,
  crop: ms / 20,
  classify: ms / 4,
  total: ms,
});

describe('StageLatency', () => {
  it('has no summary before the first frame', () => {
    expect(new StageLatency().summary()).toBeNull();
  });

  it('summarises each stage over the last frames only', () => {
    const latency = new StageLatency(100);
    for (let i = 0; i < 50; i++) latency.add(timings(1000));
    for (let i = 1; i <= 100; i++) latency.add(timings(i));
    expect(latency.frames).toBe(100);
    const summary = latency.summary();
    expect(Object.keys(summary ?? {})).toEqual([...STAGES]);
    expect(summary?.total).toEqual({ count: 100, p50: 50, p95: 95, p99: 99 });
    expect(summary?.detect.p50).toBe(25);
    expect(summary?.classify.p99).toBe(24.75);
  });

  it('starts over on clear', () => {
    const latency = new StageLatency();
    latency.add(timings(10));
    latency.clear();
    expect(latency.frames).toBe(0);
    expect(latency.summary()).toBeNull();
  });
});
