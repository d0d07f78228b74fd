/** Per-stage latency of the last frames (FrameAnalysis.timings), one sample ring per stage. */
import type { StageTimings } from '../analysis/types';
import { percentiles, SampleRing, type Percentiles } from './samples';

export const STAGES = ['decode', 'preprocess', 'detect', 'crop', 'classify', 'total'] as const;

export type Stage = (typeof STAGES)[number];

export class StageLatency {
  private readonly rings: Record<Stage, SampleRing>;

  constructor(capacity = 1000) {
    this.rings = Object.fromEntries(STAGES.map((s) => [s, new SampleRing(capacity)])) as Record<
      Stage,
      SampleRing
    >;
  }

  add(timings: StageTimings): void {
    for (const stage of STAGES) this.rings[stage].push(timings[stage]);
  }

  get frames(): number {
    return this.rings.total.size;
  }

  /** Each stage's percentiles over the frames held; null before the first frame. */
  summary(): Record<Stage, Percentiles> | null {
    if (this.frames === 0) return null;
    return Object.fromEntries(
      STAGES.map((s) => [s, percentiles(this.rings[s].toArray()) as Percentiles]),
    ) as Record<Stage, Percentiles>;
  }

  clear(): void {
    for (const stage of STAGES) this.rings[stage].clear();
  }
}
