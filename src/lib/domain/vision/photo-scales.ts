/**
 * A photo's first passes (their faces are shown first): the short-range BlazeFace over the whole
 * photo at these longer sides (or the photo's own, when smaller). The model is fully convolutional
 * and finds faces of about 20 to 130 pixels of its input, so 320 px finds the faces from about 6
 * to 40 % of the photo's longer side and 96 px those from about 20 % up. On the shared photos
 * they find what the full-range model at 256 px found before them; 256 + 64 misses a close-up
 * (models/README.md, "Photo scan").
 */
export const PHOTO_FIRST_SIDES = [320, 96] as const;

/**
 * The scales at which a photo is scanned for faces after the first passes, as fractions of the
 * photo's own resolution: the whole photo at its own resolution (at most MAX_PASS_SIDE) finds the
 * small faces of a group photo. A second pass at half resolution found no face more on the shared
 * photos, at 1280 or scaled to 2048 px, for half as much time again (models/README.md, "Photo
 * scan").
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

/**
 * The longer side of each first pass over a photo: PHOTO_FIRST_SIDES, or the photo's own longer
 * side where that is smaller, rounded to `stride`, without repeats.
 */
export function photoFirstSides(
  width: number,
  height: number,
  stride: number,
  sides: readonly number[] = PHOTO_FIRST_SIDES,
): number[] {
  const longer = Math.max(width, height);
  const rounded = sides.map((side) =>
    Math.max(stride, Math.round(Math.min(side, longer) / stride) * stride),
  );
  return [...new Set(rounded)];
}
