/**
 * Getting a frame's RGBA pixels out of the ImageBitmap the page transfers. Drawing a bitmap needs
 * an OffscreenCanvas, which browsers have and Node does not: the Engine takes the reader as a
 * parameter so that everything after this step also runs under Node's tests.
 */
import type { Box } from '../../domain/vision/box';
import { EngineError } from './engine-error';
import type { FrameSource } from './frame-source';
import type { Pixels } from './pipeline';

export interface FramePixels {
  pixels: Pixels;
  /** Pixels per bitmap pixel: below 1 when the bitmap was scaled down. */
  scale: number;
}

export interface FrameReader {
  /** The bitmap's pixels, scaled down to `maxSide` (longer side) if larger; closes the bitmap. */
  read(bitmap: ImageBitmap, maxSide: number): FramePixels;
  /** The bitmap as a source of regions (live frames); the source closes it. */
  source(bitmap: ImageBitmap): FrameSource;
  /** Closes a bitmap that will not be read. */
  discard(bitmap: ImageBitmap): void;
}

export const bitmapReader: FrameReader = {
  read: readBitmap,
  source: bitmapSource,
  discard: (bitmap) => bitmap.close(),
};

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context)
    throw new EngineError({
      code: 'decode',
      message: 'This browser cannot read image pixels in a worker',
    });
  return context;
}

/**
 * Regions drawn by the canvas from the bitmap at the size asked for. One canvas serves every read
 * of the frame; the source rectangle is clipped to the bitmap by drawImage itself (HTML's rule),
 * and what lies beyond stays black, as the detector's letterboxing expects.
 */
function bitmapSource(bitmap: ImageBitmap): FrameSource {
  const canvas = new OffscreenCanvas(1, 1);
  const context = context2d(canvas);
  return {
    width: bitmap.width,
    height: bitmap.height,
    read(region: Box, width: number, height: number) {
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      // Bilinear, as tf.image.cropAndResize: the models were measured with it.
      context.imageSmoothingQuality = 'low';
      context.fillStyle = '#000';
      context.fillRect(0, 0, width, height);
      const sx = Math.max(0, region.x);
      const sy = Math.max(0, region.y);
      const ex = Math.min(bitmap.width, region.x + region.width);
      const ey = Math.min(bitmap.height, region.y + region.height);
      if (ex > sx && ey > sy) {
        const fx = width / region.width;
        const fy = height / region.height;
        context.drawImage(
          bitmap,
          sx,
          sy,
          ex - sx,
          ey - sy,
          (sx - region.x) * fx,
          (sy - region.y) * fy,
          (ex - sx) * fx,
          (ey - sy) * fy,
        );
      }
      const { data } = context.getImageData(0, 0, width, height);
      return { data: new Uint8Array(data.buffer), width, height };
    },
    close: () => bitmap.close(),
  };
}

function readBitmap(bitmap: ImageBitmap, maxSide: number): FramePixels {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const effectiveScale = width / bitmap.width;
  const canvas = new OffscreenCanvas(width, height);
  const context = context2d(canvas);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const { data } = context.getImageData(0, 0, width, height);
  return { pixels: { data: new Uint8Array(data.buffer), width, height }, scale: effectiveScale };
}
