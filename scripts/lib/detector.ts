/** BlazeFace input preparation and raw scores, for comparing quantized and float detectors. */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { RgbaImage } from './images';

/**
 * Letterboxes the image to a centred square with black padding, resizes it (bilinear) to
 * size x size and scales to [-1, 1] (x / 127.5 - 1): [1, size, size, 3].
 */
export function letterboxInput(image: RgbaImage, size: number): tf.Tensor4D {
  return tf.tidy(() => {
    const pixels = image.width * image.height;
    const values = new Float32Array(pixels * 3);
    for (let i = 0; i < pixels; i++) {
      values[i * 3] = image.data[i * 4] as number;
      values[i * 3 + 1] = image.data[i * 4 + 1] as number;
      values[i * 3 + 2] = image.data[i * 4 + 2] as number;
    }
    const rgb = tf.tensor3d(values, [image.height, image.width, 3]);
    const side = Math.max(image.width, image.height);
    const top = Math.floor((side - image.height) / 2);
    const left = Math.floor((side - image.width) / 2);
    const square = tf.pad(rgb, [
      [top, side - image.height - top],
      [left, side - image.width - left],
      [0, 0],
    ]);
    const resized = tf.image.resizeBilinear(square as tf.Tensor3D, [size, size]);
    return tf.expandDims(tf.sub(tf.div(resized, 127.5), 1), 0) as tf.Tensor4D;
  });
}

/** The detector's input side from its signature (BlazeFace front 128, back 256). */
export function detectorInputSize(model: GraphModel): number {
  const shape = model.inputs[0]?.shape;
  const size = shape?.[1];
  if (!shape || shape.length !== 4 || typeof size !== 'number' || size <= 0 || shape[2] !== size) {
    throw new Error(`detector input shape [${shape?.join(', ')}] is not [1, s, s, 3]`);
  }
  return size;
}

/**
 * Sigmoid scores of every anchor: the outputs whose last dimension is 1 (BlazeFace's separate
 * classificators, concatenated in output-name order), or channel 0 of a single output whose
 * last dimension is 17 (the short-range model: score, then 16 regressors).
 */
export async function detectorScores(model: GraphModel, input: tf.Tensor4D): Promise<Float32Array> {
  const names = model.outputs.map((o) => o.name);
  const raw = model.execute(input, names);
  const outputs = Array.isArray(raw) ? raw : [raw];
  try {
    const named = names.map((name, i) => ({ name, tensor: outputs[i] as tf.Tensor }));
    const lastDim = (t: tf.Tensor) => t.shape[t.shape.length - 1];
    const packed = named.find((o) => lastDim(o.tensor) === 17);
    const scoreOutputs = named
      .filter((o) => lastDim(o.tensor) === 1)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (!packed && scoreOutputs.length === 0)
      throw new Error('detector has no score output (last dimension 1 or 17)');
    const scores = tf.tidy(() =>
      tf.sigmoid(
        packed
          ? tf.reshape(tf.slice(packed.tensor, [0, 0, 0], [-1, -1, 1]), [-1])
          : tf.concat(scoreOutputs.map((o) => tf.reshape(o.tensor, [-1]))),
      ),
    );
    try {
      return (await scores.data()) as Float32Array;
    } finally {
      scores.dispose();
    }
  } finally {
    tf.dispose(outputs);
  }
}
