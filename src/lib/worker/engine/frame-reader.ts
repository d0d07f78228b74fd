/**
 * Getting a frame's RGBA pixels out of the ImageBitmap the page transfers. Drawing a bitmap needs
 * an OffscreenCanvas, which browsers have and Node does not: the Engine takes the reader as a
 * parameter so that everything after this step also runs under Node's tests.
 */
import { EngineError } from './engine-error';
import type { Pixels } from './pipeline';

export interface FramePixels {
  pixels: Pixels;
  /** Pixels per bitmap pixel: below 1 when the bitmap was scaled down. */
  scale: number;
}

export interface FrameReader {
  /** The bitmap's pixels, scaled down to `maxSide` (longer side) if larger; closes the bitmap. */
  read(bitmap: ImageBitmap, maxSide: number): FramePixels;
  /** Closes a bitmap that will not be read. */
  discard(bitmap: ImageBitmap): void;
}

export const bitmapReader: FrameReader = {
  read: readBitmap,
  discard: (bitmap) => bitmap.close(),
};

function readBitmap(bitmap: ImageBitmap, maxSide: number): FramePixels {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const effectiveScale = width / bitmap.width;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context)
    throw new EngineError({
      code: 'decode',
      message: 'This browser cannot read image pixels in a worker',
    });
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const { data } = context.getImageData(0, 0, width, height);
  return { pixels: { data: new Uint8Array(data.buffer), width, height }, scale: effectiveScale };
}
