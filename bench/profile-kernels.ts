/**
 * `npm run bench:profile`: where the inference time goes, kernel by kernel, on TF.js's WASM
 * backend in Node. Loads the shipped models (static/models/manifest.json), feeds the face
 * detector a real letterboxed photo and each classifier one and four faces, and runs every case
 * N times under tf.profile() after a warm-up. Prints a Markdown table per case and writes
 * bench/results/kernels.json.
 *
 *   npm run bench:profile [-- --runs=30] [--warmup=5] [--photo=../shared/data/faces/neutral-woman.jpg]
 *
 * Kernel times are host wall clock around each (synchronous) WASM kernel call, so they include
 * the JS dispatch of that kernel but not the graph executor's bookkeeping between kernels; the
 * "plain" column times model.execute + dataSync without profiling, to show how much the
 * profiler itself adds.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { graphModelFromFiles } from '../src/lib/worker/engine/graph-model';
import { detectorInputSize, letterboxInput } from '../scripts/lib/detector';
import { decodeImageFile } from '../scripts/lib/images';
import { loadModelFiles } from '../scripts/lib/model-files';
import { initNodeBackend } from '../scripts/lib/node-backend';
import { MANIFEST_PATH, REPO_ROOT, SHIPPED_MODELS_DIR } from '../scripts/lib/paths';
import { median } from './lib/stats';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const runs = positiveInt(flag('runs') ?? '30', 'runs');
const warmup = positiveInt(flag('warmup') ?? '5', 'warmup');
const photo = path.resolve(
  flag('photo') ?? path.join(REPO_ROOT, '..', 'shared', 'data', 'faces', 'neutral-woman.jpg'),
);
const outFile = path.join(REPO_ROOT, 'bench', 'results', 'kernels.json');
/** Rows per printed table; kernels.json keeps them all. */
const TOP = 12;
/** Classifier batch sizes: one face (the photo page's usual case) and a small group photo. */
const CLASSIFIER_BATCHES = [1, 4];

interface ManifestEntry {
  kind: string;
  input: { shape: number[] };
}

/** One model on one input: what gets profiled. */
interface ProfileCase {
  label: string;
  model: GraphModel;
  input: tf.Tensor;
}

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

/** Scope names that tf.profile recorded next to the kernels, left out of the sums. */
const scopes = new Set<string>();

function positiveInt(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
}

function readManifest(): Record<string, ManifestEntry> {
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as {
    models?: Record<string, ManifestEntry>;
  };
  if (!manifest.models) throw new Error(`${MANIFEST_PATH} lists no models (run npm run models)`);
  return manifest.models;
}

async function loadShipped(name: string): Promise<GraphModel> {
  return graphModelFromFiles(await loadModelFiles(path.join(SHIPPED_MODELS_DIR, name)));
}

/** The detector's input as the pipeline would build it, so shapes and values are realistic. */
function detectorCase(name: string, model: GraphModel): ProfileCase {
  const input = letterboxInput(decodeImageFile(photo), detectorInputSize(model));
  return { label: `${name} [${input.shape.join(',')}] (${path.basename(photo)})`, model, input };
}

/**
 * Classifier inputs are random in [-1, 1]: conv and dense kernel times do not depend on pixel
 * values, and this avoids pulling face cropping into the bench.
 */
function classifierCases(name: string, model: GraphModel, entry: ManifestEntry): ProfileCase[] {
  const [, h, w, c] = entry.input.shape;
  if (h === undefined || w === undefined || c === undefined) {
    throw new Error(`${name}: manifest input shape [${entry.input.shape.join(', ')}] is not 4-D`);
  }
  return CLASSIFIER_BATCHES.map((batch) => {
    const input = tf.randomUniform([batch, h, w, c], -1, 1, 'float32', 42);
    return { label: `${name} [${input.shape.join(',')}]`, model, input };
  });
}

/** Runs the model once and reads every output back, as the worker does before replying. */
function runOnce(model: GraphModel, input: tf.Tensor): void {
  const out = model.execute(input);
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
async function profileOnce(model: GraphModel, input: tf.Tensor) {
  const t0 = performance.now();
  const info = await tf.profile(() => runOnce(model, input));
  const wallMs = performance.now() - t0;
  const byName: RunTotals = new Map();
  const byShape: RunTotals = new Map();
  for (const k of info.kernels) {
    // Ops with a custom gradient (fusedConv2d__op) are recorded as a scope around the kernel
    // they run; counting both would double their time, so only registered kernels count.
    if (!tf.getKernel(k.name, tf.getBackend())) {
      scopes.add(k.name);
      continue;
    }
    const ms = k.kernelTimeMs;
    if (typeof ms !== 'number') throw new Error(`kernel ${k.name} has no timing`);
    addTo(byName, k.name, ms);
    addTo(byShape, `${k.name}\t${shapeKey(k.outputShapes)}`, ms);
  }
  const kernels = [...byName.values()].reduce((s, v) => s + v.count, 0);
  return { wallMs, byName, byShape, kernels };
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

async function profileCase({ label, model, input }: ProfileCase): Promise<CaseResult> {
  for (let i = 0; i < warmup; i++) runOnce(model, input);
  const plain: number[] = [];
  const profiled: Awaited<ReturnType<typeof profileOnce>>[] = [];
  // Plain and profiled runs alternate so that the machine's changing load hits both alike.
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    runOnce(model, input);
    plain.push(performance.now() - t0);
    profiled.push(await profileOnce(model, input));
  }
  const totals = profiled.map((p) => [...p.byName.values()].reduce((s, v) => s + v.ms, 0));
  return {
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
}

function markdown(r: CaseResult): string {
  const lines = [
    `### ${r.label}`,
    '',
    `${r.runs} runs after ${r.warmup} warm-up; medians: kernels ${r.kernelTotalMs.toFixed(2)} ms ` +
      `(${r.kernelsPerRun} calls), profiled wall ${r.profiledWallMs.toFixed(2)} ms, ` +
      `plain execute + dataSync ${r.plainWallMs.toFixed(2)} ms`,
    '',
    '| kernel | median ms | share % | calls/run |',
    '| --- | ---: | ---: | ---: |',
    ...r.byKernel
      .slice(0, TOP)
      .map(
        (k) =>
          `| ${k.name} | ${k.medianMs.toFixed(3)} | ${k.sharePct.toFixed(1)} | ${k.countPerRun} |`,
      ),
    '',
    `Top ${TOP} by kernel + output shape:`,
    '',
    '| kernel | output shape | median ms | share % | calls/run |',
    '| --- | --- | ---: | ---: | ---: |',
    ...r.byKernelAndShape
      .slice(0, TOP)
      .map(
        (k) =>
          `| ${k.name} | ${k.outputShapes ?? ''} | ${k.medianMs.toFixed(3)} | ` +
          `${k.sharePct.toFixed(1)} | ${k.countPerRun} |`,
      ),
  ];
  return lines.join('\n');
}

/** The backend's capabilities, since SIMD and threads change the kernel times most. */
async function backendInfo(backend: string) {
  const wasm = backend === 'wasm';
  return {
    backend,
    tfjs: tf.version_core,
    simd: wasm ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : undefined,
    multithread: wasm
      ? Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))
      : undefined,
    threads: wasm ? getThreadsCount() : undefined,
  };
}

const backend = await initNodeBackend('wasm');
const manifest = readManifest();
const cases: ProfileCase[] = [];
for (const [name, entry] of Object.entries(manifest)) {
  const model = await loadShipped(name);
  if (entry.kind === 'detector') cases.push(detectorCase(name, model));
  else if (entry.kind === 'classifier') cases.push(...classifierCases(name, model, entry));
  else console.error(`bench:profile: skipping ${name} (kind ${entry.kind})`);
}

const env = {
  date: new Date().toISOString(),
  node: process.version,
  machine: `${os.cpus().length} x ${os.cpus()[0]?.model.trim() ?? 'CPU'}`,
  loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
  ...(await backendInfo(backend)),
};
console.log(
  `# Kernel profile: TF.js ${env.tfjs} ${env.backend}` +
    (env.backend === 'wasm'
      ? ` (SIMD ${env.simd ? 'on' : 'off'}, ${env.threads} thread${env.threads === 1 ? '' : 's'})`
      : '') +
    `, Node ${env.node}, ${env.machine}, load ${env.loadavg.join(' ')}\n`,
);
const results: CaseResult[] = [];
for (const c of cases) {
  console.error(`bench:profile: ${c.label}`);
  const result = await profileCase(c);
  results.push(result);
  console.log(markdown(result) + '\n');
}
tf.dispose(cases.map((c) => c.input));

mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(
  outFile,
  JSON.stringify({ env, scopesExcluded: [...scopes].sort(), results }, null, 2) + '\n',
);
console.error(`bench:profile: wrote ${path.relative(REPO_ROOT, outFile)}`);
