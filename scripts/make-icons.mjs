// Draws the app icons (a smiling face on the theme colour) into static/icons/ as PNG, without
// SVG or a rasteriser: each pixel is the average of 4x4 samples of simple shapes.
// Usage: node scripts/make-icons.mjs   (the PNGs are committed; run again only to change them)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const THEME = [0x2f, 0x6f, 0x8f]; // --accent in src/app.css, theme_color in the manifest
const FACE = [0xfb, 0xfb, 0xfd];
const INK = [0x1b, 0x1f, 0x24];
const SAMPLES = 4;

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'static', 'icons');

/**
 * Colour at (x, y) in [-1, 1]^2, or null for transparent.
 * `maskable`: full-bleed background, the face inside the central safe circle (radius 0.8).
 * @param {number} x @param {number} y @param {boolean} maskable
 * @returns {number[] | null}
 */
function shade(x, y, maskable) {
  if (!maskable && !insideRoundedSquare(x, y, 0.96, 0.22)) return null;
  const s = maskable ? 0.72 : 1; // face scale
  const fx = x / s;
  const fy = y / s;
  if (Math.hypot(fx, fy) > 0.62) return THEME;
  if (Math.hypot(Math.abs(fx) - 0.22, fy + 0.14) < 0.085) return INK; // eyes
  const r = Math.hypot(fx, fy + 0.02);
  if (fy > 0.1 && r > 0.28 && r < 0.37) return INK; // smile
  return FACE;
}

/** @param {number} x @param {number} y @param {number} half @param {number} radius */
function insideRoundedSquare(x, y, half, radius) {
  const dx = Math.max(Math.abs(x) - (half - radius), 0);
  const dy = Math.max(Math.abs(y) - (half - radius), 0);
  return Math.hypot(dx, dy) <= radius;
}

/** @param {number} size @param {boolean} maskable */
function draw(size, maskable) {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SAMPLES) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / SAMPLES) / size) * 2 - 1;
          const c = shade(x, y, maskable);
          if (!c) continue;
          sum[0] += c[0];
          sum[1] += c[1];
          sum[2] += c[2];
          sum[3] += 1;
        }
      }
      const i = (py * size + px) * 4;
      const covered = sum[3] || 1;
      png.data[i] = Math.round(sum[0] / covered);
      png.data[i + 1] = Math.round(sum[1] / covered);
      png.data[i + 2] = Math.round(sum[2] / covered);
      png.data[i + 3] = Math.round((sum[3] / SAMPLES ** 2) * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

mkdirSync(outDir, { recursive: true });
for (const [name, size, maskable] of /** @type {const} */ ([
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
])) {
  writeFileSync(path.join(outDir, name), draw(size, maskable));
  console.log(`make-icons: static/icons/${name} (${size}x${size}${maskable ? ', maskable' : ''})`);
}
