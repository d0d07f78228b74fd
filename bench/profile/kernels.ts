/**
 * Kernel-by-kernel timing of one case under tf.profile(). Kernel times are host wall clock around
 * each (synchronous) WASM kernel call, so they include the JS dispatch of that kernel but not the
 * graph executor's bookkeeping between kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { median } from '../lib/stats';
import type { ProfileCase } from './cases';

/** One kernel's (or kernel + output shape's) aggregate over the profiled runs. */
export interface KernelRow {
  name: string;
  outputShapes?: string;
  /** Median over runs of this kernel's summed time in a run. */
  medianMs: number;
  /** Median over runs of this kernel's share of that run's summed kernel time. */
  sharePct: number;
  /** Calls per run (the graph is static, so every run has the same count). */
  countPerRun: number;
}

export interface CaseResult {
  label: string;
  inputShape: number[];
  runs: number;
  warmup: number;
  /** Median over runs of the summed kernel times of a run. */
  kernelTotalMs: number;
  /** Median wall clock of a profiled run (tf.profile around execute + dataSync). */
  profiledWallMs: number;
  /** Median wall clock of execute + dataSync without the profiler. */
  plainWallMs: number;
  kernelsPerRun: number;
  byKernel: KernelRow[];
  byKernelAndShape: KernelRow[];
}

/** Per-run totals of one grouping key: summed ms and call count. */
type RunTotals = Map<string, { ms: number; count: number }>;

interface ProfiledRun {
  wallMs: number;
  byName: RunTotals;
  byShape: RunTotals;
  kernels: number;
  /** Scope names tf.profile recorded next to the kernels, left out of the sums. */
  scopes: Set<string>;
}

/** Runs the model once and reads every output back, as the worker does before replying. */
function runOnce({ model, input, outputs: names }: ProfileCase): void {
  const out = names ? model.execute(input, [...names]) : model.execute(input);
  const outputs = Array.isArray(out) ? out : [out];
  for (const t of outputs) t.dataSync();
  tf.dispose(outputs);
}

function addTo(totals: RunTotals, key: string, ms: number): void {
  const entry = totals.get(key) ?? { ms: 0, count: 0 };
  entry.ms += ms;
  entry.count += 1;
  totals.set(key, entry);
}

const shapeKey = (shapes: number[][]) => shapes.map((s) => `[${s.join(',')}]`).join(' ');

/** One profiled run, grouped by kernel name and by name + output shapes. */
async function profileOnce(c: ProfileCase): Promise<ProfiledRun> {
  const t0 = performance.now();
  const info = await tf.profile(() => runOnce(c));
  const wallMs = performance.now() - t0;
  const run: ProfiledRun = {
    wallMs,
    byName: new Map(),
    byShape: new Map(),
    kernels: 0,
    scopes: new Set(),
  };
  for (const k of info.kernels) {
    // Ops with a custom gradient (fusedConv2d__op) are recorded as a scope around the kernel
    // they run; counting both would double their time, so only registered kernels count.
    if (!tf.getKernel(k.name, tf.getBackend())) {
      run.scopes.add(k.name);
      continue;
    }
    const ms = k.kernelTimeMs;
    if (typeof ms !== 'number') throw new Error(`kernel ${k.name} has no timing`);
    addTo(run.byName, k.name, ms);
    addTo(run.byShape, `${k.name}\t${shapeKey(k.outputShapes)}`, ms);
    run.kernels += 1;
  }
  return run;
}

/** Per-key medians across runs; the share is per run first, so one slow run cannot skew it. */
function aggregate(perRun: RunTotals[], totals: number[]): KernelRow[] {
  const keys = new Set(perRun.flatMap((run) => [...run.keys()]));
  const rows = [...keys].map((key): KernelRow => {
    const ms = perRun.map((run) => run.get(key)?.ms ?? 0);
    const [name = key, outputShapes] = key.split('\t');
    return {
      name,
      ...(outputShapes === undefined ? {} : { outputShapes }),
      medianMs: median(ms),
      sharePct: 100 * median(ms.map((m, i) => m / (totals[i] ?? NaN))),
      countPerRun: median(perRun.map((run) => run.get(key)?.count ?? 0)),
    };
  });
  return rows.sort((a, b) => b.medianMs - a.medianMs);
}

/** `runs` plain and profiled runs after `warmup`, and the scope names left out of the sums. */
export async function profileCase(
  c: ProfileCase,
  runs: number,
  warmup: number,
): Promise<{ result: CaseResult; scopes: Set<string> }> {
  const { label, input } = c;
  for (let i = 0; i < warmup; i++) runOnce(c);
  const plain: number[] = [];
  const profiled: ProfiledRun[] = [];
  // Plain and profiled runs alternate so that the machine's changing load hits both alike.
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    runOnce(c);
    plain.push(performance.now() - t0);
    profiled.push(await profileOnce(c));
  }
  const totals = profiled.map((p) => [...p.byName.values()].reduce((s, v) => s + v.ms, 0));
  const result: CaseResult = {
    label,
    inputShape: input.shape,
    runs,
    warmup,
    kernelTotalMs: median(totals),
    profiledWallMs: median(profiled.map((p) => p.wallMs)),
    plainWallMs: median(plain),
    kernelsPerRun: median(profiled.map((p) => p.kernels)),
    byKernel: aggregate(
      profiled.map((p) => p.byName),
      totals,
    ),
    byKernelAndShape: aggregate(
      profiled.map((p) => p.byShape),
      totals,
    ),
  };
  return { result, scopes: new Set(profiled.flatMap((p) => [...p.scopes])) };
}
