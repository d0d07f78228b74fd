/**
 * Test helper: frames for the Engine in Node. Node has no ImageBitmap (nor the OffscreenCanvas
 * that reads one), so the tests hand the Engine plain RGBA frames in its place, read by
 * `rgbaFrameReader` instead of the browser's bitmap reader. They cross a MessageChannel as they
 * are (structured clone).
 */
import type { FramePixels, FrameReader } from '../../../../src/lib/worker/engine/frame-reader';
import { pixelsSource, type FrameSource } from '../../../../src/lib/worker/engine/frame-source';
import type { Pixels } from '../../../../src/lib/worker/engine/pipeline';

/** An RGBA frame dressed as the ImageBitmap the API's type asks for. */
export function asBitmap(frame: Pixels): ImageBitmap {
  return {
    data: new Uint8Array(frame.data),
    width: frame.width,
    height: frame.height,
  } as unknown as ImageBitmap;
}

/** What the browser's reader does with a bitmap, done on RGBA frames; counts its calls. */
export class RgbaFrameReader implements FrameReader {
  reads = 0;
  discards = 0;

  read(bitmap: ImageBitmap, maxSide: number): FramePixels {
    this.reads++;
    const frame = bitmap as unknown as Pixels;
    const factor = Math.ceil(Math.max(frame.width, frame.height) / maxSide);
    if (factor <= 1) return { pixels: frame, scale: 1 };
    const pixels = downscale(frame, factor);
    return { pixels, scale: pixels.width / frame.width };
  }

  source(bitmap: ImageBitmap): FrameSource {
    this.reads++;
    return pixelsSource(bitmap as unknown as Pixels);
  }

  discard(): void {
    this.discards++;
  }
}

/** Nearest-neighbour downscale by an integer factor. */
export function downscale(image: Pixels, factor: number): Pixels {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = (y * factor * image.width + x * factor) * 4;
      data.set(image.data.subarray(src, src + 4), (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

/** Nearest-neighbour upscale by an integer factor. */
export function upscale(image: Pixels, factor: number): Pixels {
  const width = image.width * factor;
  const height = image.height * factor;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = (Math.floor(y / factor) * image.width + Math.floor(x / factor)) * 4;
      data.set(image.data.subarray(src, src + 4), (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

/** A flat grey frame: no face anywhere. */
export function greyFrame(width = 64, height = 48): Pixels {
  return { data: new Uint8Array(width * height * 4).fill(128), width, height };
}
