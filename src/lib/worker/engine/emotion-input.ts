import * as tf from '@tensorflow/tfjs-core';

/** The mini-Xception FER model's input side (oarriaga/face_classification, as shipped by human). */
export const EMOTION_INPUT_SIZE = 64;

/** ITU-R BT.601 luma weights, as human's emotion.ts applies them (MATLAB rgb2gray). */
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

/** The same for single-channel images (the FER-2013 files): [n, h, w, 1] 0..255 → [n, 64, 64, 1]. */
export function emotionInputFromGray(images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const resized = tf.image.resizeBilinear(images, [EMOTION_INPUT_SIZE, EMOTION_INPUT_SIZE]);
    return tf.sub(tf.div(resized, 127.5), 1) as tf.Tensor4D;
  });
}
