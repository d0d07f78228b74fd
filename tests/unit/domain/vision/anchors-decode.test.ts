import { describe, expect, it } from 'vitest';
import {
  BLAZEFACE_ANCHOR_COUNT,
  blazeFaceAnchors,
} from '../../../../src/lib/domain/vision/anchors';
import { decodeBlazeFace, sigmoid } from '../../../../src/lib/domain/vision/blazeface-decode';

describe('BlazeFace anchors', () => {
  it.each([128, 256])('gives 896 anchors inside a %i px input, 16x16x2 then 8x8x6', (size) => {
    const anchors = blazeFaceAnchors(size);
    expect(anchors.length).toBe(BLAZEFACE_ANCHOR_COUNT * 2);
    expect([anchors[0], anchors[1]]).toEqual([size / 32, size / 32]);
    // First anchor of the coarse grid: after 16*16*2 fine anchors.
    expect([anchors[1024], anchors[1025]]).toEqual([size / 16, size / 16]);
    expect(Math.max(...anchors)).toBeLessThan(size);
  });

  it('keeps the native strides off the native size: 8x8x2 then 4x4x6 at 64 px of a 128-px model', () => {
    const anchors = blazeFaceAnchors(64, 128);
    expect(anchors.length / 2).toBe(8 * 8 * 2 + 4 * 4 * 6);
    expect([anchors[0], anchors[1]]).toEqual([4, 4]);
    expect([anchors[2 * 128], anchors[2 * 128 + 1]]).toEqual([8, 8]);
    expect(Math.max(...anchors)).toBe(60);
  });

  it('covers a 4:3 input row by row: 16x12x2 then 8x6x6 at 256x192 of a 256-px model', () => {
    const anchors = blazeFaceAnchors({ width: 256, height: 192 }, 256);
    expect(anchors.length / 2).toBe(16 * 12 * 2 + 8 * 6 * 6);
    // The second row of the fine grid starts after 16 cells of 2 anchors.
    expect([anchors[2 * 32], anchors[2 * 32 + 1]]).toEqual([8, 24]);
    const ys = anchors.filter((_, i) => i % 2 === 1);
    expect(Math.max(...ys)).toBe(184);
  });
});

describe('decodeBlazeFace', () => {
  const size = 128;
  const anchors = blazeFaceAnchors(size);
  const logits = new Float32Array(BLAZEFACE_ANCHOR_COUNT).fill(-10);
  const regressors = new Float32Array(BLAZEFACE_ANCHOR_COUNT * 16);

  it('keeps only anchors above the score threshold and places the box around the anchor', () => {
    const i = 512 + 6 * 9; // coarse grid (after 512 fine anchors), cell (1, 1): centre (24, 24)
    logits[i] = 2;
    regressors.set([4, -4, 32, 16], i * 16);
    const found = decodeBlazeFace(logits, regressors, anchors, size, 0.5);
    expect(found).toHaveLength(1);
    const [face] = found;
    expect(face?.score).toBeCloseTo(sigmoid(2));
    expect(face?.box.x).toBeCloseTo((28 - 16) / size);
    expect(face?.box.y).toBeCloseTo((20 - 8) / size);
    expect(face?.box.width).toBeCloseTo(32 / size);
    expect(face?.box.height).toBeCloseTo(16 / size);
    expect(face?.keypoints).toHaveLength(12);
  });

  it('keeps sigmoid finite for extreme logits', () => {
    expect(sigmoid(1e6)).toBe(1 / (1 + Math.exp(-100)));
    expect(sigmoid(-1e6)).toBeGreaterThan(0);
  });
});
