/**
 * How much a video frame differs from an earlier one, cheaply: both are reduced to a small luma
 * thumbnail (the mean of each cell) and compared by mean absolute difference, 0..255. Camera noise
 * averages out inside a cell; a cut, a person moving or the camera moving does not.
 */

/** RGBA pixels, row-major, as ImageData gives them. */
export interface RgbaPixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Thumbnail {
  /** Size of the frame it was made from: a different size is always a different picture. */
  sourceWidth: number;
  sourceHeight: number;
  luma: Float32Array;
}

/** Cells across and down: 32x24 keeps a 4:3 frame's cells square. */
export const THUMBNAIL_COLUMNS = 32;
export const THUMBNAIL_ROWS = 24;

/**
 * Rows and columns of each cell that are sampled (64 samples, about 49,000 reads per frame): a
 * strided subset averages noise out almost as well as every pixel would.
 */
const SAMPLES_PER_SIDE = 8;

export function lumaThumbnail(
  pixels: RgbaPixels,
  columns = THUMBNAIL_COLUMNS,
  rows = THUMBNAIL_ROWS,
): Thumbnail {
  const { data, width, height } = pixels;
  const luma = new Float32Array(columns * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      let sum = 0;
      let count = 0;
      for (let sy = 0; sy < SAMPLES_PER_SIDE; sy++) {
        const y = Math.min(
          height - 1,
          Math.floor(((r + (sy + 0.5) / SAMPLES_PER_SIDE) * height) / rows),
        );
        for (let sx = 0; sx < SAMPLES_PER_SIDE; sx++) {
          const x = Math.min(
            width - 1,
            Math.floor(((c + (sx + 0.5) / SAMPLES_PER_SIDE) * width) / columns),
          );
          const i = (y * width + x) * 4;
          // ITU-R BT.601 luma, as the emotion input uses
          sum += 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
          count++;
        }
      }
      luma[r * columns + c] = sum / count;
    }
  }
  return { sourceWidth: width, sourceHeight: height, luma };
}

/** Mean absolute luma difference, 0..255; Infinity when the thumbnails are of different frame sizes. */
export function frameDifference(a: Thumbnail, b: Thumbnail): number {
  if (
    a.sourceWidth !== b.sourceWidth ||
    a.sourceHeight !== b.sourceHeight ||
    a.luma.length !== b.luma.length
  )
    return Infinity;
  let sum = 0;
  for (let i = 0; i < a.luma.length; i++) sum += Math.abs((a.luma[i] ?? 0) - (b.luma[i] ?? 0));
  return sum / a.luma.length;
}
