/** Where each shipped model's float weights come from, recorded in manifest.json as `source`. */
import type * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  sha256Hex,
  type ModelSource,
  type PackageProvenance,
  type ShippedModel,
  type SourceHashes,
  type TrainingProvenance,
} from '../../../src/lib/domain/models/manifest';
import {
  REPO_ROOT,
  SOURCE_PACKAGE,
  sourceModelJson,
  sourcePackageDir,
} from '../../../scripts/lib/paths';

interface Upstream {
  repo: string;
  license: string;
  paper: string;
}

const UPSTREAM: Record<string, Upstream> = {
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

const FER2013_CITATION =
  'I. J. Goodfellow, D. Erhan, P. L. Carrier, A. Courville, M. Mirza, B. Hamner, W. Cukierski, Y. Tang et al., "Challenges in Representation Learning: A report on three machine learning contests", ICONIP 2013, arXiv:1307.0414';

/** Our training runs: models/training/runs/<run>. */
export const trainingRunDir = (run: string): string =>
  path.join(REPO_ROOT, 'models', 'training', 'runs', run);

/** The float model.json a shipped model is quantized from. */
export function sourceJsonPath(model: ShippedModel): string {
  return model.source.from === 'human-models'
    ? sourceModelJson(model.source.name)
    : path.join(REPO_ROOT, 'models', 'trained', model.id, 'model.json');
}

export function describeSource(source: ModelSource): string {
  return source.from === 'human-models' ? source.name : `training run ${source.run}`;
}

const repoPath = (file: string): string => path.relative(REPO_ROOT, file).split(path.sep).join('/');

/** Where the float model came from, with the sha256 of the files it was built from. */
export async function provenance(
  source: ModelSource,
  jsonPath: string,
  packageVersion: string,
): Promise<PackageProvenance | TrainingProvenance> {
  const json = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
  const weightsPath = path.join(path.dirname(jsonPath), json.weightsManifest[0]?.paths[0] ?? '');
  const sha256: SourceHashes = {
    json: await sha256Hex(await readFile(jsonPath)),
    weights: await sha256Hex(await readFile(weightsPath)),
  };
  return source.from === 'human-models'
    ? packageProvenance(source.name, json, jsonPath, packageVersion, sha256)
    : trainingProvenance(source.run, jsonPath, weightsPath, sha256);
}

function packageProvenance(
  name: string,
  json: tf.io.ModelJSON,
  jsonPath: string,
  version: string,
  sha256: SourceHashes,
): PackageProvenance {
  const file = path.relative(sourcePackageDir(), jsonPath).split(path.sep).join('/');
  // blazeface-back, blazeface-front and facemesh-detection-short (MediaPipe's
  // face_detection_short_range, the face mesh's detector) share one upstream.
  const blazeface = name.startsWith('blazeface') || name.startsWith('facemesh-detection');
  const upstream = UPSTREAM[blazeface ? 'blazeface' : name];
  if (!upstream) throw new Error(`No upstream provenance recorded for source model ${name}`);
  return {
    package: SOURCE_PACKAGE,
    version,
    file,
    weights: json.weightsManifest
      .flatMap((g) => g.paths)
      .map((p) => path.posix.join(path.posix.dirname(file), p)),
    sha256,
    license: 'MIT',
    upstream: upstream.repo,
    upstreamLicense: upstream.license,
    paper: upstream.paper,
  };
}

async function trainingProvenance(
  run: string,
  jsonPath: string,
  weightsPath: string,
  sha256: SourceHashes,
): Promise<TrainingProvenance> {
  const runDir = trainingRunDir(run);
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
    sha256,
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
