import { describe, expect, it } from 'vitest';
import {
  area,
  center,
  containsPoint,
  toNormalizedCorners,
  fromUnitBox,
  intersectionOverUnion,
} from '../../../../src/lib/domain/vision/box';

describe('box geometry', () => {
  const a = { x: 0, y: 0, width: 10, height: 10 };
  it('computes IoU of identical, disjoint and half-overlapping boxes', () => {
    expect(intersectionOverUnion(a, a)).toBe(1);
    expect(intersectionOverUnion(a, { x: 20, y: 20, width: 5, height: 5 })).toBe(0);
    expect(intersectionOverUnion(a, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150);
  });
  it('treats empty boxes as zero area', () => {
    expect(area({ x: 0, y: 0, width: -3, height: 4 })).toBe(0);
    expect(intersectionOverUnion({ x: 0, y: 0, width: 0, height: 0 }, a)).toBe(0);
  });
  it('maps a unit box into a region', () => {
    const region = { x: 100, y: 50, width: 200, height: 200 };
    expect(fromUnitBox({ x: 0.25, y: 0.5, width: 0.5, height: 0.25 }, region)).toEqual({
      x: 150,
      y: 150,
      width: 100,
      height: 50,
    });
  });
  it('finds centres and contained points', () => {
    expect(center(a)).toEqual({ x: 5, y: 5 });
    expect(containsPoint(a, 10, 0)).toBe(true);
    expect(containsPoint(a, 10.1, 5)).toBe(false);
  });
});

describe('toNormalizedCorners', () => {
  it('gives [y1, x1, y2, x2] as fractions of the image, beyond 0..1 when the box leaves it', () => {
    expect(toNormalizedCorners({ x: 50, y: 20, width: 100, height: 40 }, 200, 100)).toEqual([
      0.2, 0.25, 0.6, 0.75,
    ]);
    expect(toNormalizedCorners({ x: -20, y: 0, width: 240, height: 100 }, 200, 100)).toEqual([
      0, -0.1, 1, 1.1,
    ]);
  });
});
