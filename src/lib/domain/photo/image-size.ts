/**
 * What a photo file is and how many pixels it holds, read from its first bytes: the page refuses
 * a photo too large to decode before the browser spends gigabytes of memory decoding it.
 */

/** The photo formats the app reads, told apart by their first bytes rather than by name or MIME type. */
export type PhotoFormat = 'jpeg' | 'png' | 'webp';

export interface ImageSize {
  width: number;
  height: number;
}

/** About 40 MP: a 7,700 × 5,200 photo decodes to 160 MB of RGBA, twice (the page and <img>). */
export const MAX_PHOTO_PIXELS = 40_000_000;

/** How much of the file `photoSize` needs to see: a JPEG's frame header follows its metadata. */
export const HEADER_BYTES = 1 << 20;

const startsWith = (head: Uint8Array, bytes: number[], offset = 0) =>
  bytes.every((b, i) => head[offset + i] === b);

const ascii = (head: Uint8Array, offset: number, length: number) =>
  String.fromCharCode(...head.subarray(offset, offset + length));

export function sniffPhotoFormat(head: Uint8Array): PhotoFormat | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'webp';
  return null;
}

/** The name of an image format the app does not read, when its first bytes give it away. */
export function otherImageType(head: Uint8Array): string | null {
  if (ascii(head, 0, 4) === 'GIF8') return 'GIF';
  if (ascii(head, 0, 2) === 'BM') return 'BMP';
  if (ascii(head, 0, 4) === 'II*\0' || ascii(head, 0, 4) === 'MM\0*') return 'TIFF';
  if (startsWith(head, [0xff, 0x0a]) || ascii(head, 4, 8) === 'JXL \r\n\x87\n') return 'JPEG XL';
  if (ascii(head, 4, 4) === 'ftyp') return isoImageType(head);
  const text = ascii(head, 0, Math.min(head.length, 1024)).replace(/^\xEF\xBB\xBF/, '');
  if (/^\s*</.test(text) && /<svg[\s>]/i.test(text)) return 'SVG';
  return null;
}

/** HEIF and AVIF share the ISO container: the brands in its `ftyp` box tell them apart. */
function isoImageType(head: Uint8Array): string | null {
  const size = readU32(head, 0, false);
  const brands: string[] = [];
  for (let at = 8; at + 4 <= Math.min(size, head.length); at += 4) brands.push(ascii(head, at, 4));
  if (brands.some((b) => b === 'avif' || b === 'avis')) return 'AVIF';
  if (brands.some((b) => /^(heic|heix|heim|heis|hevc|hevx)$/.test(b))) return 'HEIC';
  if (brands.some((b) => b === 'mif1' || b === 'msf1')) return 'HEIF';
  return null;
}

/** Width and height from the file's header, or null when the bytes seen do not hold them. */
export function photoSize(format: PhotoFormat, head: Uint8Array): ImageSize | null {
  const size =
    format === 'png' ? pngSize(head) : format === 'webp' ? webpSize(head) : jpegSize(head);
  return size && size.width > 0 && size.height > 0 ? size : null;
}

function pngSize(head: Uint8Array): ImageSize | null {
  if (head.length < 24 || ascii(head, 12, 4) !== 'IHDR') return null;
  return { width: readU32(head, 16, false), height: readU32(head, 20, false) };
}

function webpSize(head: Uint8Array): ImageSize | null {
  if (head.length < 30) return null;
  const chunk = ascii(head, 12, 4);
  if (chunk === 'VP8X') {
    return { width: readU24(head, 24) + 1, height: readU24(head, 27) + 1 };
  }
  if (chunk === 'VP8L' && head[20] === 0x2f) {
    const bits = readU32(head, 21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && startsWith(head, [0x9d, 0x01, 0x2a], 23)) {
    return { width: readU16(head, 26, true) & 0x3fff, height: readU16(head, 28, true) & 0x3fff };
  }
  return null;
}

/** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame's size. */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Walks the marker segments up to the first start-of-frame. */
function jpegSize(head: Uint8Array): ImageSize | null {
  let at = 2;
  while (at + 4 <= head.length) {
    if (head[at] !== 0xff) return null;
    const marker = head[at + 1] ?? 0;
    // Fill bytes, and markers that carry no length.
    if (marker === 0xff) at += 1;
    else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) at += 2;
    else if (isStartOfFrame(marker)) {
      if (at + 9 > head.length) return null;
      return { width: readU16(head, at + 7, false), height: readU16(head, at + 5, false) };
    } else at += 2 + readU16(head, at + 2, false);
  }
  return null;
}

const readU16 = (b: Uint8Array, at: number, little: boolean) =>
  little ? (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) : ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);

const readU24 = (b: Uint8Array, at: number) =>
  (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);

function readU32(b: Uint8Array, at: number, little: boolean): number {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return at + 4 <= b.byteLength ? view.getUint32(at, little) : 0;
}

/** Megapixels as people say them: 400 MP, 41 MP, 0.3 MP. */
export function megapixels(size: ImageSize): string {
  const mp = (size.width * size.height) / 1e6;
  return `${mp >= 10 ? Math.round(mp) : Number(mp.toFixed(1))} MP`;
}

/** Why a photo of this size is refused, or null when it is within the limit. */
export function sizeProblem(size: ImageSize, subject = 'This photo'): string | null {
  if (size.width * size.height <= MAX_PHOTO_PIXELS) return null;
  const limit = megapixels({ width: MAX_PHOTO_PIXELS, height: 1 });
  return (
    `${subject} is ${size.width} × ${size.height} pixels (${megapixels(size)}); the limit is ${limit}. ` +
    'Scale it down, for example to 6000 × 4000, and choose it again.'
  );
}
