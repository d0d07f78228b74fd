import { toSize, type Size } from './box';

/**
 * BlazeFace's SSD anchors (Bazarevsky et al. 2019; MediaPipe's face_detection_short_range
 * anchor options): a grid at a sixteenth of the model's native input side with 2 anchors per cell,
 * then one at an eighth with 6 per cell, each a centre in the detector input's pixels; 896 in all
 * at the native size. The network is fully convolutional, so at another input size (`input`: a side,
 * or width and height) the strides stay and the grids shrink or grow, row by row. The model's
 * outputs are in this order.
 */
export function blazeFaceAnchors(input: number | Size, nativeSize?: number): Float32Array {
  const { width, height } = toSize(input);
  const native = nativeSize ?? width;
  const layers = [
    { stride: native / 16, perCell: 2 },
    { stride: native / 8, perCell: 6 },
  ];
  const centres: number[] = [];
  for (const { stride, perCell } of layers) {
    const columns = Math.ceil(width / stride);
    const rows = Math.ceil(height / stride);
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < columns; col++) {
        for (let n = 0; n < perCell; n++) centres.push(stride * (col + 0.5), stride * (row + 0.5));
      }
    }
  }
  return Float32Array.from(centres);
}

/** Anchors at the native input size. */
export const BLAZEFACE_ANCHOR_COUNT = 896;
/** Per anchor: box centre offset (2), size (2), then 6 keypoints (x, y). */
export const BLAZEFACE_REGRESSOR_WIDTH = 16;
