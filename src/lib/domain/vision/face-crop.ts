import type { Box } from './box';

/** How the classifier's crop is framed around a detector box, in units of that box. */
export interface CropFraming {
  /** Crop side over the box's longer side. */
  scale: number;
  /** Vertical shift of the crop's centre, in box heights (negative: up). */
  shiftY: number;
}

/**
 * The square region handed to the emotion classifier for a detected face: framed around the
 * detector's box as the training faces were, then moved, and shrunk only if it cannot fit, so
 * that it stays inside the image.
 */
export function faceCropBox(
  face: Box,
  imageWidth: number,
  imageHeight: number,
  framing: CropFraming,
): Box {
  const side = Math.min(Math.max(face.width, face.height) * framing.scale, imageWidth, imageHeight);
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2 + framing.shiftY * face.height;
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
