import { describe, expect, it } from 'vitest';
import { faceCropBox } from '../../../../src/lib/domain/vision/face-crop';
import { weightedNonMaxSuppression } from '../../../../src/lib/domain/vision/nms';
import { photoFirstSides, photoScanSides } from '../../../../src/lib/domain/vision/photo-scales';

const candidate = (x: number, y: number, size: number, score: number) => ({
  box: { x, y, width: size, height: size },
  score,
  keypoints: [x, y],
});

describe('weightedNonMaxSuppression', () => {
  it('merges overlapping candidates into their score-weighted mean and keeps separate faces', () => {
    const kept = weightedNonMaxSuppression(
      [candidate(0, 0, 10, 0.9), candidate(2, 0, 10, 0.3), candidate(50, 50, 10, 0.8)],
      0.3,
      10,
    );
    expect(kept).toHaveLength(2);
    expect(kept[0]?.score).toBe(0.9);
    expect(kept[0]?.box.x).toBeCloseTo((0 * 0.9 + 2 * 0.3) / 1.2);
    expect(kept[1]?.box.x).toBe(50);
  });
  it('stops at maxFaces, best first', () => {
    const kept = weightedNonMaxSuppression(
      [candidate(0, 0, 5, 0.5), candidate(100, 0, 5, 0.9)],
      0.3,
      1,
    );
    expect(kept.map((k) => k.score)).toEqual([0.9]);
  });
  it('returns nothing for no candidates', () => {
    expect(weightedNonMaxSuppression([], 0.3, 5)).toEqual([]);
  });
});

describe('faceCropBox', () => {
  it('is square, centred and grown by the scale', () => {
    const crop = faceCropBox({ x: 100, y: 100, width: 40, height: 50 }, 1000, 1000, {
      scale: 1.2,
      shiftY: 0,
    });
    expect(crop.width).toBe(crop.height);
    expect(crop.width).toBeCloseTo(60);
    expect(crop.x + crop.width / 2).toBeCloseTo(120);
    expect(crop.y + crop.height / 2).toBeCloseTo(125);
  });
  it('moves the centre by shiftY box heights', () => {
    const crop = faceCropBox({ x: 100, y: 100, width: 50, height: 50 }, 1000, 1000, {
      scale: 1,
      shiftY: -0.1,
    });
    expect(crop.y + crop.height / 2).toBeCloseTo(120);
    expect(crop.x + crop.width / 2).toBeCloseTo(125);
  });
  it('stays inside the image by moving, and shrinks only when it cannot fit', () => {
    const moved = faceCropBox({ x: 0, y: 0, width: 40, height: 40 }, 200, 100, {
      scale: 1.5,
      shiftY: 0,
    });
    expect(moved).toEqual({ x: 0, y: 0, width: 60, height: 60 });
    const shrunk = faceCropBox({ x: 10, y: 0, width: 90, height: 90 }, 200, 100, {
      scale: 2,
      shiftY: 0,
    });
    expect(shrunk.height).toBe(100);
    expect(shrunk.y).toBe(0);
    expect(shrunk.x + shrunk.width).toBeLessThanOrEqual(200);
  });
});

describe('photoScanSides', () => {
  it("gives the photo's own longer side, on the detector's grid", () => {
    expect(photoScanSides(1280, 853, 16)).toEqual([1280]);
    expect(photoScanSides(915, 1280, 16)).toEqual([1280]);
    expect(photoScanSides(451, 300, 16)).toEqual([448]);
    expect(photoScanSides(451, 300, 16, [1, 0.5])).toEqual([448, 224]);
  });
  it('draws no pass over more than 1280 px', () => {
    expect(photoScanSides(2048, 1536, 16)).toEqual([1280]);
    expect(photoScanSides(2048, 1536, 16, [1, 0.5])).toEqual([1280, 1024]);
    expect(photoScanSides(1536, 2048, 16, [1, 0.7])).toEqual([1280]);
  });
  it('leaves out passes too small to add anything, and repeats', () => {
    expect(photoScanSides(100, 80, 16, [1, 0.5])).toEqual([96]);
    expect(photoScanSides(40, 30, 16)).toEqual([]);
    expect(photoScanSides(1000, 700, 16, [1, 1.005])).toEqual([1008]);
  });
});

describe('photoFirstSides', () => {
  it('gives the first passes at their sides, on the grid, whatever the photo size', () => {
    expect(photoFirstSides(1280, 853, 16)).toEqual([320, 96]);
    expect(photoFirstSides(853, 1280, 16)).toEqual([320, 96]);
    expect(photoFirstSides(2048, 1536, 16, [300, 100])).toEqual([304, 96]);
  });
  it('draws a photo smaller than a side at about its own size, once', () => {
    expect(photoFirstSides(300, 200, 16)).toEqual([304, 96]);
    expect(photoFirstSides(90, 60, 16)).toEqual([96]);
    expect(photoFirstSides(20, 10, 16)).toEqual([16]);
  });
  it("coincides with the pass at the photo's own resolution only for a small photo", () => {
    // The scan leaves out a later pass at a side a first pass already ran (photo-scan.ts).
    expect(photoScanSides(300, 200, 16)).toEqual(photoFirstSides(300, 200, 16).slice(0, 1));
    expect(photoFirstSides(451, 300, 16)).not.toContain(photoScanSides(451, 300, 16)[0]);
  });
});

describe('weightedNonMaxSuppression across scales', () => {
  it('drops a smaller box on the same face instead of keeping two faces', () => {
    const kept = weightedNonMaxSuppression(
      [candidate(0, 0, 100, 0.9), candidate(30, 30, 40, 0.8)],
      0.3,
      10,
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]?.box).toEqual({ x: 0, y: 0, width: 100, height: 100 });
  });
  it('keeps two faces side by side even when boxes touch', () => {
    const kept = weightedNonMaxSuppression(
      [candidate(0, 0, 50, 0.9), candidate(45, 0, 50, 0.8)],
      0.3,
      10,
    );
    expect(kept).toHaveLength(2);
  });
});

describe('weightedNonMaxSuppression and boxes between two faces', () => {
  const face = (x: number, score: number) => ({
    box: { x, y: 0, width: 60, height: 60 },
    score,
    keypoints: [],
  });
  // Two faces 10 px apart, and a tile's box over the right half of one and the left half of
  // the other: it overlaps neither enough to merge (IoU 0.26) and its centre lies in the gap.
  const left = face(0, 0.9);
  const right = face(70, 0.88);
  const between = face(35, 0.8);

  it('drops a box that straddles two kept faces, whatever its score', () => {
    expect(weightedNonMaxSuppression([left, right, between], 0.3, 10).map((f) => f.box.x)).toEqual([
      0, 70,
    ]);
    const strongest = { ...between, score: 0.95 };
    expect(
      weightedNonMaxSuppression([left, right, strongest], 0.3, 10)
        .map((f) => f.box.x)
        .sort((a, b) => a - b),
    ).toEqual([0, 70]);
  });

  it('keeps a face partly in front of one other face', () => {
    const behind = face(0, 0.9);
    const inFront = face(40, 0.85); // covers a third of the face behind it
    expect(weightedNonMaxSuppression([behind, inFront], 0.3, 10)).toHaveLength(2);
  });
});
