/**
 * The scales at which a photo is scanned for faces after the whole-image pass, as fractions of
 * the photo's own resolution. The short-range BlazeFace is fully convolutional and finds faces of
 * about 28 to 130 pixels of its input: run over the whole photo at its own resolution (at most
 * MAX_PASS_SIDE), it finds the small faces of a group photo, and the full-range pass at 256 px
 * finds the faces from about 70 px (in a 1280-px photo) up. A second pass at half resolution
 * found no face more on the shared photos, at 1280 or scaled to 2048 px, for half as much time
 * again (models/README.md, "Photo scan").
 */
export const PHOTO_SCALES = [1] as const;

/** Below this many pixels on its longer side, a pass would only repeat the whole-image pass. */
const MIN_PASS_SIDE = 64;

/**
 * No pass runs over more than this many pixels on its longer side: on photos scaled up to 2048 px,
 * a pass at 1536 or 2048 reported faces in blurred texture that 1280 does not (models/README.md,
 * "Photo scan"), and the cost grows with the square of the side.
 */
export const MAX_PASS_SIDE = 1280;

/**
 * The longer side, in the detector's input pixels, of each pass over a photo: PHOTO_SCALES of
 * the photo's longer side, at most MAX_PASS_SIDE, rounded to `stride` (the detector's coarsest
 * grid), without repeats.
 */
export function photoScanSides(
  width: number,
  height: number,
  stride: number,
  scales: readonly number[] = PHOTO_SCALES,
  maxSide = MAX_PASS_SIDE,
): number[] {
  const longer = Math.max(width, height);
  const sides = scales
    .map((scale) => Math.min(longer * scale, maxSide))
    .map((side) => Math.max(stride, Math.round(side / stride) * stride))
    .filter((side) => side >= MIN_PASS_SIDE);
  return [...new Set(sides)];
}
