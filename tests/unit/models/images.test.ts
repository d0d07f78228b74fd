import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImageFile, rgbaToGray } from '../../../scripts/lib/images';

const dir = mkdtempSync(path.join(tmpdir(), 'images-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rgba(
  width: number,
  height: number,
  f: (x: number, y: number) => [number, number, number],
): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = f(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return data;
}

describe('decodeImageFile', () => {
  it('decodes PNG exactly and JPEG closely', () => {
    const data = rgba(6, 4, (x, y) => [x * 40, y * 60, 128]);
    const png = new PNG({ width: 6, height: 4 });
    data.copy(png.data);
    writeFileSync(path.join(dir, 'a.png'), PNG.sync.write(png));
    const p = decodeImageFile(path.join(dir, 'a.png'));
    expect([p.width, p.height]).toEqual([6, 4]);
    expect(Buffer.from(p.data)).toEqual(data);

    const flat = rgba(16, 8, () => [90, 90, 90]);
    writeFileSync(
      path.join(dir, 'a.jpg'),
      jpeg.encode({ data: flat, width: 16, height: 8 }, 95).data,
    );
    const j = decodeImageFile(path.join(dir, 'a.jpg'));
    expect([j.width, j.height, j.data.length]).toEqual([16, 8, 16 * 8 * 4]);
    for (const v of rgbaToGray(j)) expect(Math.abs(v - 90)).toBeLessThanOrEqual(2);
  });

  it('converts colour to BT.601 luma and keeps gray exact', () => {
    const img = { width: 2, height: 1, data: new Uint8Array([255, 0, 0, 255, 77, 77, 77, 255]) };
    const gray = rgbaToGray(img);
    expect(gray[0]).toBeCloseTo(0.2989 * 255, 4);
    expect(gray[1]).toBe(77);
  });

  it('throws a clear error naming a corrupt, unknown or missing file', () => {
    const flat = rgba(16, 16, () => [10, 20, 30]);
    const good = jpeg.encode({ data: flat, width: 16, height: 16 }, 90).data;
    const truncated = path.join(dir, 'truncated.jpg');
    writeFileSync(truncated, good.subarray(0, 40));
    expect(() => decodeImageFile(truncated)).toThrow(/corrupt image .*truncated\.jpg/);
    const text = path.join(dir, 'text.jpg');
    writeFileSync(text, 'not an image');
    expect(() => decodeImageFile(text)).toThrow(/not a JPEG or PNG/);
    const badPng = path.join(dir, 'bad.png');
    writeFileSync(
      badPng,
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(20),
      ]),
    );
    expect(() => decodeImageFile(badPng)).toThrow(/corrupt image .*bad\.png/);
    expect(() => decodeImageFile(path.join(dir, 'missing.png'))).toThrow(
      /cannot read image .*missing\.png/,
    );
  });
});
