/**
 * Test helper: frames of ../shared/data/video/faces-640x480.y4m (the fake camera's clip) as
 * full-range luma planes, and its frame map. Absent clip: `clipAvailable` is false.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'video');
const y4m = path.join(dir, 'faces-640x480.y4m');
export const clipAvailable = existsSync(y4m);

interface Segment {
  first_frame: number;
  last_frame: number;
  faces: [number, number, number, number][];
}
export interface ClipMap {
  width: number;
  height: number;
  fps: number;
  frames: number;
  segments: Segment[];
}

export function clipMap(): ClipMap {
  return JSON.parse(readFileSync(path.join(dir, 'faces-640x480.json'), 'utf8')) as ClipMap;
}

/** Luma of frame `index`, expanded from the clip's limited range (16–235) to 0–255. */
export function clipLuma(index: number): Float32Array {
  const { width, height } = clipMap();
  const fd = openSync(y4m, 'r');
  try {
    const head = Buffer.alloc(256);
    readSync(fd, head, 0, head.length, 0);
    const headerLength = head.indexOf(0x0a) + 1;
    const frameBytes = 'FRAME\n'.length + (width * height * 3) / 2;
    const y = Buffer.alloc(width * height);
    readSync(fd, y, 0, y.length, headerLength + index * frameBytes + 'FRAME\n'.length);
    return Float32Array.from(y, (v) => Math.min(255, Math.max(0, ((v - 16) * 255) / 219)));
  } finally {
    closeSync(fd);
  }
}

/** The x1,y1,x2,y2 region of a plane, as its own plane. */
export function cropPlane(
  plane: Float32Array,
  planeWidth: number,
  [x1, y1, x2, y2]: readonly number[],
): { data: Float32Array; width: number; height: number } {
  const width = (x2 ?? 0) - (x1 ?? 0);
  const height = (y2 ?? 0) - (y1 ?? 0);
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data[y * width + x] = plane[((y1 ?? 0) + y) * planeWidth + (x1 ?? 0) + x] ?? 0;
    }
  }
  return { data, width, height };
}

/** Separable Gaussian blur of a plane (edges clamped). */
export function gaussianBlur(
  plane: Float32Array,
  width: number,
  height: number,
  sigma: number,
): Float32Array {
  const radius = Math.ceil(sigma * 3);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  );
  const total = kernel.reduce((a, b) => a + b, 0);
  const pass = (src: Float32Array, dx: number, dy: number) => {
    const out = new Float32Array(src.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        kernel.forEach((k, i) => {
          const sx = Math.min(width - 1, Math.max(0, x + (i - radius) * dx));
          const sy = Math.min(height - 1, Math.max(0, y + (i - radius) * dy));
          sum += k * (src[sy * width + sx] ?? 0);
        });
        out[y * width + x] = sum / total;
      }
    }
    return out;
  };
  return pass(pass(plane, 1, 0), 0, 1);
}
