/**
 * BlazeFace's SSD anchors (Bazarevsky et al. 2019; MediaPipe's face_detection_short_range
 * anchor options): a 16x16 grid with 2 anchors per cell, then an 8x8 grid with 6 per cell,
 * 896 in all, each a centre in the detector input's pixels. The model's outputs are in this order.
 */
export function blazeFaceAnchors(inputSize: number): Float32Array {
  const layers = [
    { stride: inputSize / 16, perCell: 2 },
    { stride: inputSize / 8, perCell: 6 },
  ];
  const centres: number[] = [];
  for (const { stride, perCell } of layers) {
    const cells = Math.ceil(inputSize / stride);
    for (let row = 0; row < cells; row++) {
      for (let col = 0; col < cells; col++) {
        for (let n = 0; n < perCell; n++) centres.push(stride * (col + 0.5), stride * (row + 0.5));
      }
    }
  }
  return Float32Array.from(centres);
}

export const BLAZEFACE_ANCHOR_COUNT = 896;
/** Per anchor: box centre offset (2), size (2), then 6 keypoints (x, y). */
export const BLAZEFACE_REGRESSOR_WIDTH = 16;
