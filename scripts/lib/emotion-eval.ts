/** Runs the emotion classifier over labelled 48x48 face images (FER-2013 layout), in batches. */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { EMOTIONS } from '../../src/lib/domain/affect/labels';
import { meanProbabilities } from '../../src/lib/worker/engine/emotion-classifier';
import { emotionInputFromGray } from '../../src/lib/worker/engine/emotion-input';
import { decodeImageFile, rgbaToGray } from './images';
import { parseLabelsCsv, type LabelledImage } from './labels-csv';
import { argmaxRows, classificationMetrics, type ClassificationMetrics } from './metrics';

export const DEFAULT_BATCH_SIZE = 256;

/** Reads DIR/labels.csv; throws a one-line Error naming the folder or file at fault. */
export async function readLabelledDir(dir: string): Promise<LabelledImage[]> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new Error(`folder not found: ${dir}`);
  }
  if (!info.isDirectory()) throw new Error(`not a folder: ${dir}`);
  const file = path.join(dir, 'labels.csv');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`labels file not found: ${file}`);
  }
  return parseLabelsCsv(text, file);
}

/** Fails fast, naming the first listed image that does not exist, before any inference. */
export async function checkImagesExist(dir: string, rows: readonly LabelledImage[]): Promise<void> {
  for (const row of rows) {
    const file = path.join(dir, row.path);
    try {
      await access(file);
    } catch {
      throw new Error(`image listed in labels.csv not found: ${file}`);
    }
  }
}

/** Grayscale [1, h, w, 1] pixel arrays of the files, stacked into one [n, 64, 64, 1] model input. */
function batchInput(files: readonly string[]): tf.Tensor4D {
  const images = files.map((file) => {
    const rgba = decodeImageFile(file);
    return { gray: rgbaToGray(rgba), width: rgba.width, height: rgba.height };
  });
  const first = images[0];
  if (!first) throw new Error('batchInput: no images');
  const sameSize = images.every((im) => im.width === first.width && im.height === first.height);
  return tf.tidy(() => {
    if (sameSize) {
      const all = new Float32Array(images.length * first.gray.length);
      images.forEach((im, i) => all.set(im.gray, i * first.gray.length));
      return emotionInputFromGray(tf.tensor4d(all, [images.length, first.height, first.width, 1]));
    }
    const inputs = images.map((im) =>
      emotionInputFromGray(tf.tensor4d(im.gray, [1, im.height, im.width, 1])),
    );
    return tf.concat(inputs, 0);
  });
}

/** One model, or several whose probabilities are averaged as the app does (an ensemble). */
export type EmotionModels = GraphModel | readonly GraphModel[];

const asList = (models: EmotionModels): readonly GraphModel[] =>
  Array.isArray(models) ? models : [models as GraphModel];

/**
 * Class probabilities (FER order) for every file, as rows of 7; with `flip`, the mean of the image's
 * and its mirror image's probabilities (test-time horizontal flip).
 */
export async function predictEmotionProbabilities(
  model: EmotionModels,
  files: readonly string[],
  batchSize = DEFAULT_BATCH_SIZE,
  flip = false,
): Promise<number[][]> {
  const rows: number[][] = [];
  const classes = EMOTIONS.length;
  for (let start = 0; start < files.length; start += batchSize) {
    const input = batchInput(files.slice(start, start + batchSize));
    const output = tf.tidy(() => {
      const probs = meanProbabilities(asList(model), input, flip);
      if (probs.shape.length !== 2 || probs.shape[1] !== classes) {
        throw new Error(
          `emotion model output has shape [${probs.shape.join(', ')}], expected [n, 7]`,
        );
      }
      return probs;
    });
    try {
      const values = await output.data();
      for (let i = 0; i < values.length / classes; i++) {
        rows.push(Array.from(values.subarray(i * classes, (i + 1) * classes)));
      }
    } finally {
      tf.dispose([input, output]);
    }
  }
  return rows;
}

/** Predicted class index (FER order) for every file. */
async function predictEmotionFiles(
  model: EmotionModels,
  files: readonly string[],
  batchSize = DEFAULT_BATCH_SIZE,
  flip = false,
): Promise<number[]> {
  const rows = await predictEmotionProbabilities(model, files, batchSize, flip);
  return argmaxRows(Float32Array.from(rows.flat()), EMOTIONS.length);
}

/** Accuracy figures of the model over the given rows of a labelled folder. */
export async function evaluateEmotionModel(
  model: EmotionModels,
  dir: string,
  rows: readonly LabelledImage[],
  batchSize = DEFAULT_BATCH_SIZE,
  flip = false,
): Promise<ClassificationMetrics> {
  const files = rows.map((r) => path.join(dir, r.path));
  const predicted = await predictEmotionFiles(model, files, batchSize, flip);
  return classificationMetrics(
    rows.map((r) => r.index),
    predicted,
    EMOTIONS.length,
  );
}
