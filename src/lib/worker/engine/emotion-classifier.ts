import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { toNormalizedCorners, type Box } from '../../domain/vision/box';
import type { RgbaImage } from '../../domain/vision/resample';
import { EMOTION_INPUT_SIZE, emotionInputFromRgba, emotionInputFromRgb } from './emotion-input';

/**
 * The mean of the models' class probabilities for a batch of preprocessed faces: one model is used
 * as it is, several form an ensemble; with `flip`, the mirrored faces are averaged in too. Each model
 * takes [n, 64, 64, 1] in [-1, 1] and returns [n, 7].
 */
export function meanProbabilities(
  models: readonly GraphModel[],
  input: tf.Tensor4D,
  flip = false,
): tf.Tensor2D {
  if (models.length === 0) throw new Error('meanProbabilities: no model');
  return tf.tidy(() => {
    const inputs = flip ? [input, tf.reverse(input, 2)] : [input];
    const outputs = inputs.flatMap((x) => models.map((m) => m.execute(x) as tf.Tensor2D));
    return outputs.length === 1
      ? (outputs[0] as tf.Tensor2D)
      : tf.div(tf.addN(outputs), outputs.length);
  });
}

/** FER-2013 emotion classifier(s) over face crops, all faces of a frame in one batched call. */
export class EmotionClassifier {
  constructor(
    private readonly models: readonly GraphModel[],
    private readonly flip = false,
  ) {
    if (models.length === 0) throw new Error('EmotionClassifier: no model');
  }

  /**
   * Crops and preprocesses every face at once.
   *
   * @param image [height, width, 3] float32, 0..255
   * @param crops square regions in image pixels, one per face
   * @returns [faces, 64, 64, 1] model input, or null when there is no face; the caller owns it
   */
  prepare(image: tf.Tensor3D, crops: readonly Box[]): tf.Tensor4D | null {
    if (crops.length === 0) return null;
    return tf.tidy(() => {
      const [height, width] = image.shape;
      const boxes = crops.map((c) => toNormalizedCorners(c, width, height));
      const faces = tf.image.cropAndResize(
        tf.expandDims(image, 0) as tf.Tensor4D,
        boxes,
        crops.map(() => 0),
        [EMOTION_INPUT_SIZE, EMOTION_INPUT_SIZE],
      );
      return emotionInputFromRgb(faces);
    });
  }

  /**
   * The same from crops already drawn at EMOTION_INPUT_SIZE (live frames: FrameSource.read).
   *
   * @returns [faces, 64, 64, 1] model input, or null when there is no face; the caller owns it
   */
  prepareImages(crops: readonly RgbaImage[]): tf.Tensor4D | null {
    return crops.length === 0 ? null : emotionInputFromRgba(crops);
  }

  /**
   * @param input from prepare(); disposed here
   * @returns per face the 7 class probabilities in FER order
   */
  async predict(input: tf.Tensor4D | null): Promise<number[][]> {
    if (!input) return [];
    const output = meanProbabilities(this.models, input, this.flip);
    input.dispose();
    const [faces = 0, classes = 0] = output.shape;
    let values: tf.TypedArray;
    try {
      values = await output.data();
    } finally {
      output.dispose();
    }
    return Array.from({ length: faces }, (_, i) =>
      Array.from(values.subarray(i * classes, (i + 1) * classes)),
    );
  }
}
