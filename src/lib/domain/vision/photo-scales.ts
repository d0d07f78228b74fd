/**
 * The scales at which a photo is scanned for faces after the whole-image pass, as fractions of
 * the photo's own resolution. The short-range BlazeFace is fully convolutional and finds faces of
 * about 28 to 130 pixels of its input (models/README.md, "Photo scan"): run over the whole photo
 * at its own resolution it finds the small faces of a group photo, and at half resolution the
 * faces up to about 260 pixels; the full-range pass at 256 px finds the bigger ones.
 */
export const PHOTO_SCALES = [1, 0.5] as const;

/** Below this many pixels on its longer side, a pass would only repeat the whole-image pass. */
const MIN_PASS_SIDE = 64;

/**
 * The longer side, in the detector's input pixels, of each pass over a photo: PHOTO_SCALES of
 * the photo's longer side, rounded to `stride` (the detector's coarsest grid), without repeats.
 */
export function photoScanSides(
  width: number,
  height: number,
  stride: number,
  scales: readonly number[] = PHOTO_SCALES,
): number[] {
  const longer = Math.max(width, height);
  const sides = scales
    .map((scale) => Math.max(stride, Math.round((longer * scale) / stride) * stride))
    .filter((side) => side >= MIN_PASS_SIDE);
  return [...new Set(sides)];
}
