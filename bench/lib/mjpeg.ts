/**
 * An MJPEG file as Chromium's fake camera plays it: JPEG images back to back. Splitting it lets
 * the bench page decode each frame on its own.
 */

/** The JPEG images of an MJPEG stream, each from its SOI marker to its EOI marker. */
export function splitMjpeg(bytes: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let start = -1;
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue;
    const marker = bytes[i + 1];
    // SOI followed by another marker: a new image (0xFFD8 inside entropy-coded data is stuffed).
    if (marker === 0xd8 && bytes[i + 2] === 0xff && start < 0) start = i;
    else if (marker === 0xd9 && start >= 0) {
      frames.push(bytes.subarray(start, i + 2));
      start = -1;
      i++;
    }
  }
  return frames;
}
