import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HEADER_BYTES,
  MAX_PHOTO_PIXELS,
  megapixels,
  otherImageType,
  photoSize,
  sizeProblem,
  sniffPhotoFormat,
} from '../../../../src/lib/domain/photo/image-size';
import { blackPng } from '../../../png-file';
import { describeWithSharedData, sharedData } from '../../shared-data';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );
const head = (file: string) => new Uint8Array(readFileSync(file).subarray(0, HEADER_BYTES));

/** A RIFF/WebP file's first chunk header: its four-letter name and a size. */
const webp = (chunk: string, body: number[]) =>
  bytes('RIFF', [0, 1, 0, 0], 'WEBP', chunk, [body.length, 0, 0, 0], body);

describe('photo header', () => {
  it('reads the size of a generated 20000 × 20000 PNG and refuses it with its size', () => {
    const png = new Uint8Array(blackPng(20_000, 20_000));
    expect(png.length).toBeLessThan(200_000);
    expect(sniffPhotoFormat(png)).toBe('png');
    const size = photoSize('png', png);
    expect(size).toEqual({ width: 20_000, height: 20_000 });
    expect(sizeProblem(size!)).toBe(
      'This photo is 20000 × 20000 pixels (400 MP); the limit is 40 MP. Scale it down, for example to 6000 × 4000, and choose it again.',
    );
  });

  it('lets a photo up to 40 MP through', () => {
    expect(sizeProblem({ width: 8000, height: 5000 })).toBeNull();
    expect(sizeProblem({ width: 8000, height: 5001 }, '"big.jpg"')).toMatch(
      /^"big.jpg" is 8000 × 5001 pixels \(40 MP\); the limit is 40 MP/,
    );
    expect(MAX_PHOTO_PIXELS).toBe(40_000_000);
    expect(megapixels({ width: 640, height: 480 })).toBe('0.3 MP');
    expect(megapixels({ width: 4000, height: 3000 })).toBe('12 MP');
  });

  it('reads the three kinds of WebP header', () => {
    // CPython's test image python.webp: VP8X (extended, with alpha), 16 × 16.
    const extended = webp('VP8X', [0x10, 0, 0, 0, 0x0f, 0, 0, 0x0f, 0, 0]);
    expect(photoSize('webp', extended)).toEqual({ width: 16, height: 16 });
    // Lossless: signature 0x2f, then 14 bits width - 1 and 14 bits height - 1, little-endian.
    const bits = (3000 - 1) | ((2000 - 1) << 14);
    const lossless = webp('VP8L', [
      0x2f,
      bits & 255,
      (bits >> 8) & 255,
      (bits >> 16) & 255,
      bits >>> 24,
      0,
      0,
      0,
      0,
      0,
    ]);
    expect(photoSize('webp', lossless)).toEqual({ width: 3000, height: 2000 });
    // Lossy: a 3-byte frame tag, the start code 9d 01 2a, then 16-bit width and height.
    const lossy = webp('VP8 ', [0x50, 0x02, 0, 0x9d, 0x01, 0x2a, 0x80, 0x3e, 0xe0, 0x2e]);
    expect(sniffPhotoFormat(lossy)).toBe('webp');
    expect(photoSize('webp', lossy)).toEqual({ width: 16_000, height: 12_000 });
    expect(photoSize('webp', webp('ALPH', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(photoSize('webp', bytes('RIFF'))).toBeNull();
  });

  it('walks JPEG markers to the frame header, and gives up on bytes that are not markers', () => {
    const sof2 = [0xff, 0xc2, 0, 11, 8, 0x01, 0xe0, 0x02, 0x80, 3];
    const app0 = [0xff, 0xe0, 0, 4, 0, 0];
    const jpeg = bytes([0xff, 0xd8], app0, [0xff, 0xff], [0xff, 0xc4, 0, 2], sof2);
    expect(photoSize('jpeg', jpeg)).toEqual({ width: 640, height: 480 });
    expect(photoSize('jpeg', bytes([0xff, 0xd8, 0x12, 0x34, 0, 0]))).toBeNull();
    expect(photoSize('jpeg', bytes([0xff, 0xd8], app0))).toBeNull();
    expect(photoSize('jpeg', bytes([0xff, 0xd8], sof2.slice(0, 6)))).toBeNull();
    expect(photoSize('png', bytes([0x89], 'PNG\r\n\x1a\n'))).toBeNull();
    // A zero size is no size: the decoder has the last word.
    expect(photoSize('jpeg', bytes([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 0, 0, 0]))).toBeNull();
  });

  it('names the image types it does not read', () => {
    expect(otherImageType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('GIF');
    expect(otherImageType(bytes('BM', [0, 0, 0, 0]))).toBe('BMP');
    expect(otherImageType(bytes('II*\0', [8, 0, 0, 0]))).toBe('TIFF');
    expect(otherImageType(bytes('MM\0*', [0, 0, 0, 8]))).toBe('TIFF');
    expect(otherImageType(bytes([0xff, 0x0a, 0xfa]))).toBe('JPEG XL');
    expect(otherImageType(bytes([0, 0, 0, 12], 'JXL \r\n\x87\n'))).toBe('JPEG XL');
    const ftyp = (...brands: string[]) =>
      bytes([0, 0, 0, 8 + 4 * brands.length], 'ftyp', brands.join(''));
    expect(otherImageType(ftyp('heic', '\0\0\0\0', 'mif1', 'heic'))).toBe('HEIC');
    expect(otherImageType(ftyp('avif', '\0\0\0\0', 'avif', 'mif1', 'miaf'))).toBe('AVIF');
    expect(otherImageType(ftyp('mif1', '\0\0\0\0', 'mif1', 'avif'))).toBe('AVIF');
    expect(otherImageType(ftyp('mif1', '\0\0\0\0', 'mif1'))).toBe('HEIF');
    expect(otherImageType(ftyp('isom', '\0\0\0\0', 'isom', 'mp41'))).toBeNull();
    expect(otherImageType(bytes('\xEF\xBB\xBF<?xml version="1.0"?>\n<svg xmlns="x">'))).toBe('SVG');
    expect(otherImageType(bytes('<SVG width="1">'))).toBe('SVG');
    expect(otherImageType(bytes('<html><body>svg</body></html>'))).toBeNull();
    expect(otherImageType(bytes('hello'))).toBeNull();
    expect(otherImageType(new Uint8Array())).toBeNull();
  });
});

describeWithSharedData('faces/faces.json', 'photo header of real photos', () => {
  // Sizes as file(1) reads them: baseline, progressive and Exif-first JPEGs, and RGB PNGs.
  const photos: Record<string, [number, number]> = {
    'angry-man.jpg': [853, 1280],
    'apollo11-crew.jpg': [600, 471],
    'girl-and-dog.jpg': [640, 962],
    'hikers-small-faces.jpg': [915, 1280],
    'neutral-woman.jpg': [961, 1116],
    'astronaut-eileen-collins.png': [512, 512],
    'smiling-woman.png': [698, 790],
  };
  for (const [name, [width, height]] of Object.entries(photos)) {
    it(`${name} is ${width} × ${height}`, () => {
      const h = head(sharedData('faces', name));
      const format = sniffPhotoFormat(h);
      expect(format).toBe(name.endsWith('.png') ? 'png' : 'jpeg');
      expect(photoSize(format!, h)).toEqual({ width, height });
      expect(otherImageType(h)).toBeNull();
    });
  }
});
