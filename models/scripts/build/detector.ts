/**
 * Detector rule: uint8 if, on each photo of shared/data/faces, the largest |sigmoid score
 * difference| over anchors whose float score is above 0.3 is at most 0.05, else float16.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { DetectorFigures } from '../../../src/lib/domain/models/manifest';
import {
  detectorInputSize,
  detectorScores,
  letterboxInput,
} from '../../../scripts/lib/detector';
import { decodeImageFile } from '../../../scripts/lib/images';
import { SHARED_DATA_DIR } from '../../../scripts/lib/paths';
import type { Candidates, QuantizationChoice } from './choice';
import { log, round } from './output';

export const FACES_DIR = path.join(SHARED_DATA_DIR, 'faces');
/** Anchors compared are those whose float score exceeds this. */
const SCORE_FLOOR = 0.3;
/** Largest allowed |score difference| on any photo. */
const MAX_SCORE_DELTA = 0.05;

interface Photo {
  name: string;
  input: tf.Tensor4D;
}

let photos: Photo[] | undefined;
let photosSize = 0;

/** The photos letterboxed for the detector, decoded once for every detector of that input size. */
async function letterboxedPhotos(size: number): Promise<Photo[]> {
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

async function agreement(float: GraphModel, quant: GraphModel): Promise<PhotoAgreement[]> {
  const result: PhotoAgreement[] = [];
  for (const { name, input } of await letterboxedPhotos(detectorInputSize(float))) {
    const a = await detectorScores(float, input);
    const b = await detectorScores(quant, input);
    let compared = 0;
    let delta = 0;
    for (let i = 0; i < a.length; i++) {
      if ((a[i] as number) <= SCORE_FLOOR) continue;
      compared++;
      delta = Math.max(delta, Math.abs((a[i] as number) - (b[i] as number)));
    }
    result.push({ photo: name, anchorsCompared: compared, maxScoreDelta: delta });
  }
  return result;
}

const worstDelta = (photos: readonly PhotoAgreement[]): number =>
  Math.max(...photos.map((a) => a.maxScoreDelta));

export async function chooseDetectorQuantization(models: Candidates): Promise<QuantizationChoice> {
  const perPhoto = await agreement(models.float, models.uint8);
  const worst = worstDelta(perPhoto);
  const dtype = perPhoto.every((a) => a.maxScoreDelta <= MAX_SCORE_DELTA) ? 'uint8' : 'float16';
  for (const a of perPhoto) {
    log(
      `${models.id}:   ${a.photo}: ${a.anchorsCompared} anchors > ${SCORE_FLOOR}, max |delta| ${a.maxScoreDelta.toFixed(4)}`,
    );
  }
  log(
    `${models.id}: uint8 max |sigmoid score delta| ${worst.toFixed(4)} (limit ${MAX_SCORE_DELTA}) -> ${dtype}`,
  );
  const size = detectorInputSize(models.float);
  const figures: DetectorFigures = {
    uint8MaxScoreDelta: round(worst),
    perPhoto: Object.fromEntries(
      perPhoto.map((a) => [
        a.photo,
        { anchorsCompared: a.anchorsCompared, maxScoreDelta: round(a.maxScoreDelta) },
      ]),
    ),
  };
  if (dtype === 'float16') {
    figures.float16MaxScoreDelta = round(
      worstDelta(await agreement(models.float, await models.float16())),
    );
  }
  return {
    dtype,
    decidedBy: {
      rule: `uint8 if on every photo max |sigmoid(score uint8) - sigmoid(score float)| over anchors with float score > ${SCORE_FLOOR} is <= ${MAX_SCORE_DELTA}, else float16`,
      dataset: `shared/data/faces (${perPhoto.length} photos, letterboxed to ${size}x${size})`,
      ...figures,
    },
  };
}
