import type { Box } from './box';

/**
 * The square region handed to the emotion classifier for a detected face: centred on the
 * detector's box, grown by `scale` (FER-2013 faces include brow and chin, more than BlazeFace's
 * box does), then moved, and shrunk only if it cannot fit, so that it stays inside the image.
 */
export function faceCropBox(
  face: Box,
  imageWidth: number,
  imageHeight: number,
  scale: number,
): Box {
  const side = Math.min(Math.max(face.width, face.height) * scale, imageWidth, imageHeight);
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  return {
    x: clamp(cx - side / 2, 0, imageWidth - side),
    y: clamp(cy - side / 2, 0, imageHeight - side),
    width: side,
    height: side,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
