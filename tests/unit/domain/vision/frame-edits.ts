/** Test helpers: the same RGBA frame moved or with noise, deterministic. */
import type { RgbaImage } from '../../../../scripts/lib/images';

/** Moved by (dx, dy) pixels; uncovered pixels are black. */
export function shifted(frame: RgbaImage, dx: number, dy: number): RgbaImage {
  const { width, height } = frame;
  const data = new Uint8Array(frame.data.length);
  for (let y = 0; y < height; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= height) continue;
    for (let x = 0; x < width; x++) {
      const sx = x - dx;
      if (sx < 0 || sx >= width) continue;
      data.set(
        frame.data.subarray((sy * width + sx) * 4, (sy * width + sx) * 4 + 4),
        (y * width + x) * 4,
      );
    }
  }
  return { data, width, height };
}

/** Gaussian noise of the given sigma on every colour channel, from a seeded generator. */
export function withNoise(frame: RgbaImage, sigma: number, seed: number): RgbaImage {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const data = new Uint8Array(frame.data.length);
  for (let i = 0; i < data.length; i++) {
    data[i] =
      i % 4 === 3
        ? 255
        : Math.max(0, Math.min(255, Math.round((frame.data[i] ?? 0) + sigma * gauss())));
  }
  return { data, width: frame.width, height: frame.height };
}
