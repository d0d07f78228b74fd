import { expect, it } from 'vitest';
import { resampleRegion } from '../../../../src/lib/domain/vision/resample';

/** A width x height RGBA image whose red channel is f(x, y). */
function image(width: number, height: number, f: (x: number, y: number) => number) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data.set([f(x, y), 7, 9, 255], i);
    }
  return { data, width, height };
}
const red = (img: { data: Uint8Array; width: number }, x: number, y: number) =>
  img.data[(y * img.width + x) * 4];

it('copies a region at its own size exactly', () => {
  const src = image(8, 6, (x, y) => x * 10 + y);
  const out = resampleRegion(src, { x: 2, y: 1, width: 4, height: 3 }, 4, 3);
  for (let y = 0; y < 3; y++)
    for (let x = 0; x < 4; x++) expect(red(out, x, y)).toBe(red(src, x + 2, y + 1));
  expect(out.data[3]).toBe(255);
});

it('halves a linear ramp to the means of pixel pairs', () => {
  const src = image(8, 2, (x) => x * 20);
  const out = resampleRegion(src, { x: 0, y: 0, width: 8, height: 2 }, 4, 1);
  expect([0, 1, 2, 3].map((x) => red(out, x, 0))).toEqual([10, 50, 90, 130]);
});

it('paints black where the region leaves the image', () => {
  const src = image(4, 4, () => 200);
  const out = resampleRegion(src, { x: -4, y: 0, width: 8, height: 4 }, 8, 4);
  expect(red(out, 0, 0)).toBe(0);
  expect(out.data[1]).toBe(0);
  expect(red(out, 7, 2)).toBe(200);
  expect(out.data[3]).toBe(255);
});
