import * as tf from '@tensorflow/tfjs-core';
import type { RgbaImage } from '../../domain/vision/resample';

/**
 * The shipped classifier's input side: the student (models/training, EmotionNet) takes 64x64 grey
 * faces, as the mini-Xception it replaced did; its graph resizes them to the 48x48 it was trained
 * at, exactly as its training saw them (models/training/resize.py).
 */
export const EMOTION_INPUT_SIZE = 64;

/** ITU-R BT.601 luma weights: the ones PIL's convert('L') applies in models/training/data.py. */
const LUMA = [0.2989, 0.587, 0.114] as const;

/**
 * Turns face crops into the classifier's input, exactly as the model was trained:
 * grayscale, 64x64, values scaled from [0, 255] to [-1, 1].
 *
 * @param crops RGB crops already resized to 64x64, values 0..255: [faces, 64, 64, 3]
 * @returns [faces, 64, 64, 1] in [-1, 1]
 */
export function emotionInputFromRgb(crops: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const gray = tf.sum(tf.mul(crops, tf.tensor1d([...LUMA])), 3, true);
    return tf.sub(tf.div(gray, 127.5), 1) as tf.Tensor4D;
  });
}

/**
 * The same on RGBA crops of EMOTION_INPUT_SIZE x EMOTION_INPUT_SIZE, computed in one pass in
 * JavaScript (4,096 pixels a face: cheaper than uploading RGB to convert it there), with the
 * same luma weights and scaling as emotionInputFromRgb.
 */
export function emotionInputFromRgba(crops: readonly RgbaImage[]): tf.Tensor4D {
  const plane = EMOTION_INPUT_SIZE * EMOTION_INPUT_SIZE;
  const values = new Float32Array(crops.length * plane);
  const [r, g, b] = LUMA;
  crops.forEach(({ data, width, height }, n) => {
    if (width !== EMOTION_INPUT_SIZE || height !== EMOTION_INPUT_SIZE)
      throw new Error(`emotion crop is ${width}x${height}, expected ${EMOTION_INPUT_SIZE}`);
    for (let i = 0; i < plane; i++) {
      const j = i * 4;
      const luma =
        r * (data[j] as number) + g * (data[j + 1] as number) + b * (data[j + 2] as number);
      values[n * plane + i] = luma / 127.5 - 1;
    }
  });
  return tf.tensor4d(values, [crops.length, EMOTION_INPUT_SIZE, EMOTION_INPUT_SIZE, 1]);
}

/** The same for single-channel images (the FER-2013 files): [n, h, w, 1] 0..255 → [n, 64, 64, 1]. */
export function emotionInputFromGray(images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const resized = tf.image.resizeBilinear(images, [EMOTION_INPUT_SIZE, EMOTION_INPUT_SIZE]);
    return tf.sub(tf.div(resized, 127.5), 1) as tf.Tensor4D;
  });
}
