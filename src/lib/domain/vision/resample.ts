/**
 * A region of an RGBA image resized to a given size, the way a canvas draws it: bilinear, sampling
 * at pixel centres, black (opaque) where the region reaches beyond the image. The worker's browser
 * path lets the canvas do this from the frame bitmap; this is the same operation on plain pixels,
 * for Node (tests, evaluation) and for any frame that is already pixels.
 */
import type { Box } from './box';

/** RGBA pixels, row-major, as ImageData holds them. */
export interface RgbaPixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

export interface RgbaImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export function resampleRegion(
  image: RgbaPixels,
  region: Box,
  width: number,
  height: number,
): RgbaImage {
  const out = new Uint8Array(width * height * 4);
  const sx = region.width / width;
  const sy = region.height / height;
  for (let oy = 0; oy < height; oy++) {
    const y = region.y + (oy + 0.5) * sy - 0.5;
    for (let ox = 0; ox < width; ox++) {
      const x = region.x + (ox + 0.5) * sx - 0.5;
      const o = (oy * width + ox) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round(bilinear(image, x, y, c));
      out[o + 3] = 255;
    }
  }
  return { data: out, width, height };
}

/** Channel c at (x, y); pixels outside the image count as black. */
function bilinear(image: RgbaPixels, x: number, y: number, c: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (px: number, py: number) =>
    px < 0 || py < 0 || px >= image.width || py >= image.height
      ? 0
      : (image.data[(py * image.width + px) * 4 + c] ?? 0);
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}
