/** Image decoding for Node tooling: JPEG (jpeg-js) and PNG (pngjs), to RGBA. */
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface RgbaImage {
  /** RGBA, 4 bytes per pixel, row-major. */
  data: Uint8Array;
  width: number;
  height: number;
}

/** Decodes a JPEG or PNG file; throws an Error naming the file when it is unreadable or corrupt. */
export function decodeImageFile(file: string): RgbaImage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read image ${file}${code ? ` (${code})` : ''}`);
  }
  return decodeImage(bytes, file);
}

/** Decodes JPEG or PNG bytes (format from the magic bytes); `name` is used in error messages. */
function decodeImage(bytes: Uint8Array, name = 'image'): RgbaImage {
  const isJpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isPng =
    bytes.length > 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47;
  if (!isJpeg && !isPng)
    throw new Error(`corrupt or unsupported image ${name} (not a JPEG or PNG)`);
  let image: RgbaImage;
  try {
    if (isJpeg) {
      const d = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxMemoryUsageInMB: 1024,
      });
      image = { data: d.data, width: d.width, height: d.height };
    } else {
      const d = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      image = {
        data: new Uint8Array(d.data.buffer, d.data.byteOffset, d.data.byteLength),
        width: d.width,
        height: d.height,
      };
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`corrupt image ${name} (${isJpeg ? 'JPEG' : 'PNG'}: ${message})`);
  }
  if (
    !(image.width > 0 && image.height > 0) ||
    image.data.length !== image.width * image.height * 4
  ) {
    throw new Error(`corrupt image ${name} (bad dimensions ${image.width}x${image.height})`);
  }
  return image;
}

/** ITU-R BT.601 luma, 0..255 (as the app's emotionInputFromRgb); gray pixels (r = g = b) stay exact. */
export function rgbaToGray(image: RgbaImage): Float32Array {
  const { data } = image;
  const out = new Float32Array(image.width * image.height);
  for (let i = 0, j = 0; j < out.length; i += 4, j++) {
    const r = data[i] as number;
    const g = data[i + 1] as number;
    const b = data[i + 2] as number;
    out[j] = r === g && g === b ? r : 0.2989 * r + 0.587 * g + 0.114 * b;
  }
  return out;
}
