/**
 * Cheap pixel statistics of a face region, for the quality gate: how bright and how sharp it is.
 * Everything is measured on a small square luma patch, so that the
 * numbers mean the same for a 60 px and a 400 px face (the classifier sees 48x48 either way).
 */
import type { Box } from '../vision/box';

/** Side of the square patch the statistics are measured on. */
export const PATCH_SIDE = 32;

export interface PixelStats {
  /** Mean luma, 0 (black) to 1 (white). */
  brightness: number;
  /**
   * Variance of the Laplacian over the variance of the patch: how much of the patch's contrast is
   * fine detail. Independent of exposure and contrast; 0 for a flat patch, 20 for white noise.
   */
  sharpness: number;
}

/** Luma (BT.601, 0–255) of RGBA pixels, as ImageData holds them. */
export function lumaFromRgba(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) {
    const j = i * 4;
    out[i] = 0.299 * (rgba[j] ?? 0) + 0.587 * (rgba[j + 1] ?? 0) + 0.114 * (rgba[j + 2] ?? 0);
  }
  return out;
}

/**
 * Area-average resampling of a width x height plane to side x side: each output pixel is the mean
 * of the source pixels whose centres fall in its cell (the nearest one when the source is smaller).
 */
export function resampleSquare(
  plane: ArrayLike<number>,
  width: number,
  height: number,
  side = PATCH_SIDE,
): Float32Array {
  const out = new Float32Array(side * side);
  const span = (i: number, size: number) => {
    const from = Math.floor((i * size) / side);
    const to = Math.max(from + 1, Math.floor(((i + 1) * size) / side));
    return [from, Math.min(to, size)] as const;
  };
  for (let oy = 0; oy < side; oy++) {
    const [y0, y1] = span(oy, height);
    for (let ox = 0; ox < side; ox++) {
      const [x0, x1] = span(ox, width);
      let sum = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) sum += plane[y * width + x] ?? 0;
      }
      out[oy * side + ox] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/** Statistics of a square luma patch (0–255 values, side x side). */
export function patchStats(patch: ArrayLike<number>, side = PATCH_SIDE): PixelStats {
  const at = (x: number, y: number) => patch[y * side + x] ?? 0;
  const n = side * side;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += patch[i] ?? 0;
  const mean = sum / n;

  let variance = 0;
  for (let i = 0; i < n; i++) variance += ((patch[i] ?? 0) - mean) ** 2;

  const laplacians: number[] = [];
  for (let y = 1; y < side - 1; y++) {
    for (let x = 1; x < side - 1; x++) {
      laplacians.push(at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1) - 4 * at(x, y));
    }
  }
  const lapMean = laplacians.reduce((a, b) => a + b, 0) / laplacians.length;
  const lapVariance =
    laplacians.reduce((a, l) => a + (l - lapMean) * (l - lapMean), 0) / laplacians.length;

  return {
    brightness: mean / 255,
    sharpness: variance > 0 ? lapVariance / (variance / n) : 0,
  };
}

/** The statistics of an RGBA face region (what getImageData returns for the face's box). */
export function faceRegionStats(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
): PixelStats {
  return patchStats(resampleSquare(lumaFromRgba(rgba, width, height), width, height));
}

/** RGBA pixels of a whole frame. */
export interface RgbaFrame {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * A face's box clipped to a width x height frame and widened to whole pixels (floor of the near
 * edges, ceil of the far ones); null when less than 2 x 2 pixels remain.
 */
export function statsRegion(frameWidth: number, frameHeight: number, box: Box): Box | null {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const width = Math.min(frameWidth, Math.ceil(box.x + box.width)) - x;
  const height = Math.min(frameHeight, Math.ceil(box.y + box.height)) - y;
  return width < 2 || height < 2 ? null : { x, y, width, height };
}

/** The statistics of a face's box in a frame (its statsRegion); null when it is too small. */
export function faceBoxStats(frame: RgbaFrame, box: Box): PixelStats | null {
  const r = statsRegion(frame.width, frame.height, box);
  if (!r) return null;
  const region = new Uint8Array(r.width * r.height * 4);
  for (let row = 0; row < r.height; row++) {
    const from = ((r.y + row) * frame.width + r.x) * 4;
    region.set(frame.data.subarray(from, from + r.width * 4), row * r.width * 4);
  }
  return faceRegionStats(region, r.width, r.height);
}
