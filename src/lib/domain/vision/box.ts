/** An axis-aligned box in pixels of some image, origin top-left. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An image's or a model input's extent in pixels. */
export interface Size {
  width: number;
  height: number;
}

/** A side (a square) or a size, as a size. */
export function toSize(sideOrSize: number | Size): Size {
  return typeof sideOrSize === 'number' ? { width: sideOrSize, height: sideOrSize } : sideOrSize;
}

export function area(box: Box): number {
  return Math.max(0, box.width) * Math.max(0, box.height);
}

export function intersectionArea(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return Math.max(0, width) * Math.max(0, height);
}

export function intersectionOverUnion(a: Box, b: Box): number {
  const inter = intersectionArea(a, b);
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

export function center(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export function containsPoint(box: Box, x: number, y: number): boolean {
  return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
}

/** Maps a box from a region's own unit square ([0,1] x [0,1]) into the pixels of the image that holds the region. */
export function fromUnitBox(unit: Box, region: Box): Box {
  return {
    x: region.x + unit.x * region.width,
    y: region.y + unit.y * region.height,
    width: unit.width * region.width,
    height: unit.height * region.height,
  };
}

/**
 * A box as TensorFlow.js's cropAndResize takes it: [y1, x1, y2, x2] as fractions of an image of
 * width x height (values outside 0..1 reach beyond the image and are padded).
 */
export function toNormalizedCorners(box: Box, width: number, height: number): number[] {
  return [
    box.y / height,
    box.x / width,
    (box.y + box.height) / height,
    (box.x + box.width) / width,
  ];
}
