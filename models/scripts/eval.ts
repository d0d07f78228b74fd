/**
 * `npm run --silent eval -- DIR [--json] [--model shipped|float|MODEL_DIR[,MODEL_DIR...]] [--backend wasm|cpu]
 *   [--batch N] [--exclude-train-duplicates TRAIN_DIR]`
 *
 * Evaluates the emotion classifier on the labelled face images of DIR (DIR/labels.csv with columns
 * path,label; paths relative to DIR; 48x48 grayscale crops, no face detection). By default the
 * SHIPPED classifier as the app runs it (every model of EMOTION_MODEL_IDS under static/models, checked
 * against static/models/manifest.json, probabilities averaged when there are several); with
 * `--model float` the float models the shipped ones were quantized from; with `--model MODEL_DIR` the
 * graph model in that folder (model.json + weights, e.g. a freshly exported models/trained/<name>), and
 * with several folders separated by commas, their ensemble. `--flip` adds a test-time horizontal flip to a
 * folder or float model (the shipped classifier always runs as the app runs it).
 * `--exclude-train-duplicates TRAIN_DIR` leaves out the images of DIR whose bytes also occur among the
 * images listed in TRAIN_DIR/labels.csv (FER-2013 repeats some test images in its training split).
 *
 * --json prints exactly one JSON object on stdout. Any error: one line on stderr, exit code 1.
 */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { EMOTIONS, type Emotion } from '../../src/lib/domain/affect/labels';
import { SHIPPED_MODELS } from '../../src/lib/domain/models/manifest';
import { graphModelFromFiles } from '../../src/lib/worker/engine/graph-model';
import {
  EMOTION_MODEL_IDS,
  EMOTION_TEST_TIME_FLIP,
} from '../../src/lib/domain/models/shipped-models';
import {
  checkImagesExist,
  DEFAULT_BATCH_SIZE,
  evaluateEmotionModel,
  readLabelledDir,
} from '../../scripts/lib/emotion-eval';
import { hashesOf, withoutDuplicates } from '../../scripts/lib/duplicates';
import { loadModelFiles, loadModelFilesFromJson } from '../../scripts/lib/model-files';
import { initNodeBackend, type NodeBackendName } from '../../scripts/lib/node-backend';
import { sourceJsonPath } from './build/provenance';
import {
  loadShippedModelFiles,
  readShippedManifest,
  shippedEntry,
} from '../../scripts/lib/shipped-models';

const USAGE =
  'usage: npm run --silent eval -- DIR [--json] [--model shipped|float|MODEL_DIR[,MODEL_DIR...]] [--flip] [--backend wasm|cpu] [--batch N] [--exclude-train-duplicates TRAIN_DIR]';

interface Options {
  dir: string;
  json: boolean;
  /** 'shipped', 'float' or a folder holding model.json. */
  model: string;
  backend: NodeBackendName;
  batch: number;
  excludeTrainDuplicates: string | null;
  /** Test-time flip; the shipped classifier uses the app's setting. */
  flip: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  let dir: string | undefined;
  const opts: Omit<Options, 'dir'> = {
    json: false,
    model: 'shipped',
    backend: 'wasm',
    batch: DEFAULT_BATCH_SIZE,
    excludeTrainDuplicates: null,
    flip: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') opts.json = true;
    else if (arg === '--model') opts.model = value();
    else if (arg === '--flip') opts.flip = true;
    else if (arg === '--exclude-train-duplicates') opts.excludeTrainDuplicates = value();
    else if (arg === '--backend') {
      const v = value();
      if (v !== 'wasm' && v !== 'cpu')
        throw new UsageError(`--backend must be wasm or cpu, not ${v}`);
      opts.backend = v;
    } else if (arg === '--batch') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1) throw new UsageError('--batch must be a positive integer');
      opts.batch = v;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (dir === undefined) dir = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (dir === undefined) throw new UsageError('missing DIR');
  return { dir, ...opts };
}

type Loaded = { model: GraphModel[]; name: string };

/** The shipped emotion model(s) the app runs, after checking their files against the manifest. */
async function loadShipped(): Promise<Loaded> {
  const manifest = await readShippedManifest();
  const models: GraphModel[] = [];
  for (const id of EMOTION_MODEL_IDS) {
    models.push(await graphModelFromFiles(await loadShippedModelFiles(manifest, id)));
  }
  const names = EMOTION_MODEL_IDS.map(
    (id) => `${id} (${shippedEntry(manifest, id).quantization.dtype})`,
  );
  return { model: models, name: names.join(' + ') };
}

/** The float models the shipped classifiers were quantized from (`npm run models`' sources). */
async function loadFloat(): Promise<Loaded> {
  const classifiers = SHIPPED_MODELS.filter((m) => m.kind === 'classifier');
  const models: GraphModel[] = [];
  for (const m of classifiers) {
    models.push(await graphModelFromFiles(await loadModelFilesFromJson(sourceJsonPath(m))));
  }
  return { model: models, name: classifiers.map((m) => `${m.id} (float)`).join(' + ') };
}

const pct = (x: number | null): string =>
  x === null ? '   n/a' : `${(100 * x).toFixed(2).padStart(6)}%`;

function table(
  result: {
    model: string;
    backend: string;
    images: number;
    excludedTrainDuplicates?: number;
    accuracy: number;
    balancedAccuracy: number;
    recall: Record<Emotion, number | null>;
    confusion: number[][];
  },
  dir: string,
  seconds: number,
): string {
  const w = 9;
  const lines = [
    `model ${result.model}, backend ${result.backend}, ${result.images} images in ${dir}` +
      (result.excludedTrainDuplicates === undefined
        ? ''
        : ` (${result.excludedTrainDuplicates} duplicates of training images left out)`) +
      ` (${seconds.toFixed(1)} s)`,
    `accuracy          ${pct(result.accuracy)}`,
    `balanced accuracy ${pct(result.balancedAccuracy)}`,
    '',
    'confusion (rows: true, columns: predicted)',
    ''.padEnd(w) + EMOTIONS.map((e) => e.padStart(w)).join('') + '   recall',
  ];
  EMOTIONS.forEach((e, t) => {
    const row = result.confusion[t] ?? [];
    lines.push(
      e.padEnd(w) + row.map((n) => String(n).padStart(w)).join('') + '  ' + pct(result.recall[e]),
    );
  });
  return lines.join('\n') + '\n';
}

/** A graph model from a folder (model.json + weights), e.g. an exported training run. */
async function loadFromDir(dir: string): Promise<{ model: GraphModel; name: string }> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new UsageError(`--model must be shipped, float or a model folder; ${dir} not found`);
  }
  if (!info.isDirectory()) throw new UsageError(`--model ${dir} is not a folder`);
  const model = await graphModelFromFiles(await loadModelFiles(dir));
  return { model, name: `${path.basename(path.resolve(dir))} (${dir})` };
}

/** 'shipped', 'float', or model folders separated by commas (several: their probabilities averaged). */
async function loadModel(which: string): Promise<Loaded> {
  if (which === 'shipped') return loadShipped();
  if (which === 'float') return loadFloat();
  const loaded = [];
  for (const dir of which.split(',')) loaded.push(await loadFromDir(dir));
  return { model: loaded.map((l) => l.model), name: loaded.map((l) => l.name).join(' + ') };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  let rows = await readLabelledDir(opts.dir);
  await checkImagesExist(opts.dir, rows);
  let excluded = 0;
  if (opts.excludeTrainDuplicates !== null) {
    const trainDir = opts.excludeTrainDuplicates;
    const trainRows = await readLabelledDir(trainDir);
    await checkImagesExist(trainDir, trainRows);
    const kept = await withoutDuplicates(opts.dir, rows, await hashesOf(trainDir, trainRows));
    excluded = rows.length - kept.length;
    rows = kept;
  }
  const backend = await initNodeBackend(opts.backend);
  const { model, name } = await loadModel(opts.model);
  const flip = opts.model === 'shipped' ? EMOTION_TEST_TIME_FLIP : opts.flip;
  const m = await evaluateEmotionModel(model, opts.dir, rows, opts.batch, flip);
  for (const one of model) one.dispose();
  const result = {
    model: flip ? `${name}, test-time flip` : name,
    backend,
    images: m.images,
    ...(opts.excludeTrainDuplicates === null ? {} : { excludedTrainDuplicates: excluded }),
    accuracy: m.accuracy,
    balancedAccuracy: m.balancedAccuracy,
    recall: Object.fromEntries(EMOTIONS.map((e, i) => [e, m.recall[i] ?? null])) as Record<
      Emotion,
      number | null
    >,
    confusion: m.confusion,
    labels: [...EMOTIONS],
  };
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    opts.json ? JSON.stringify(result) + '\n' : table(result, opts.dir, seconds),
  );
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  const usage = err instanceof UsageError ? ` (${USAGE})` : '';
  process.stderr.write(`eval: ${message.replace(/\s*\n\s*/g, ' ')}${usage}\n`);
  process.exit(1);
});
