/** Reads a YUV4MPEG2 (.y4m, 4:2:0) file, as Chromium's fake camera plays it, into RGBA frames. */
import { readFileSync } from 'node:fs';
import type { RgbaImage } from './images';

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Every frame of the file; limited-range BT.601 YCbCr to RGB, chroma sampled per 2x2 block. */
export function readY4mFrames(file: string): RgbaImage[] {
  const bytes = readFileSync(file);
  const headerEnd = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, headerEnd).toString('latin1').split(' ');
  if (header[0] !== 'YUV4MPEG2') throw new Error(`${file}: not a YUV4MPEG2 file`);
  const field = (tag: string): string | undefined =>
    header.find((h) => h.startsWith(tag))?.slice(1);
  const width = Number(field('W'));
  const height = Number(field('H'));
  const colour = field('C') ?? '420';
  if (!colour.startsWith('420')) throw new Error(`${file}: only 4:2:0 is supported, not ${colour}`);
  const lumaSize = width * height;
  const chromaWidth = Math.ceil(width / 2);
  const chromaSize = chromaWidth * Math.ceil(height / 2);
  const frames: RgbaImage[] = [];
  let at = headerEnd + 1;
  while (at < bytes.length) {
    const lineEnd = bytes.indexOf(0x0a, at);
    if (!bytes.subarray(at, lineEnd).toString('latin1').startsWith('FRAME'))
      throw new Error(`${file}: frame ${frames.length} has no FRAME header`);
    const y = bytes.subarray(lineEnd + 1, lineEnd + 1 + lumaSize);
    const u = bytes.subarray(lineEnd + 1 + lumaSize, lineEnd + 1 + lumaSize + chromaSize);
    const v = bytes.subarray(
      lineEnd + 1 + lumaSize + chromaSize,
      lineEnd + 1 + lumaSize + 2 * chromaSize,
    );
    const data = new Uint8Array(lumaSize * 4);
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const c = (row >> 1) * chromaWidth + (col >> 1);
        const yy = 1.164 * ((y[row * width + col] ?? 16) - 16);
        const cb = (u[c] ?? 128) - 128;
        const cr = (v[c] ?? 128) - 128;
        const i = (row * width + col) * 4;
        data[i] = clamp(yy + 1.596 * cr);
        data[i + 1] = clamp(yy - 0.392 * cb - 0.813 * cr);
        data[i + 2] = clamp(yy + 2.017 * cb);
        data[i + 3] = 255;
      }
    }
    frames.push({ data, width, height });
    at = lineEnd + 1 + lumaSize + 2 * chromaSize;
  }
  return frames;
}
