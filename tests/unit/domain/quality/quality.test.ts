import { describe, expect, it } from 'vitest';
import {
  PATCH_SIDE,
  faceRegionStats,
  lumaFromRgba,
  patchStats,
  resampleSquare,
} from '../../../../src/lib/domain/quality/pixel-stats';
import {
  assessQuality,
  describeIssues,
  QUALITY_THRESHOLDS,
} from '../../../../src/lib/domain/quality/quality';
import { clipLuma, clipMap, cropPlane, gaussianBlur } from '../../fixtures/clip';
import { CAMERA_CLIP, describeWithSharedData } from '../../shared-data';

const sharp = { brightness: 0.5, sharpness: 1 };
const face = (side: number, detectorScore = 0.95, aspect = 1) => ({
  box: { x: 0, y: 0, width: side * aspect, height: side },
  detectorScore,
});

describe('pixel statistics', () => {
  it('reads luma from RGBA', () => {
    expect([...lumaFromRgba([255, 255, 255, 255, 255, 0, 0, 255], 2, 1)]).toEqual([
      expect.closeTo(255, 3),
      expect.closeTo(76.245, 3),
    ]);
  });

  it('resamples by area averaging', () => {
    const plane = Float32Array.from({ length: 64 * 64 }, (_, i) => (i % 64 < 32 ? 0 : 200));
    const patch = resampleSquare(plane, 64, 64, 4);
    expect([...patch.slice(0, 4)]).toEqual([0, 0, 200, 200]);
  });

  it('gives a flat patch no sharpness, and noise a lot', () => {
    expect(patchStats(new Float32Array(PATCH_SIDE * PATCH_SIDE).fill(128))).toEqual({
      brightness: expect.closeTo(128 / 255, 6),
      sharpness: 0,
    });
    let seed = 7;
    const noise = Float32Array.from({ length: PATCH_SIDE * PATCH_SIDE }, () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647) * 255;
    });
    expect(patchStats(noise).sharpness).toBeGreaterThan(15);
  });

  it('does not depend on exposure', () => {
    const rgba = Uint8ClampedArray.from({ length: 40 * 40 * 4 }, (_, i) => ((i >> 2) * 37) % 200);
    const dim = rgba.map((v) => v / 2);
    expect(faceRegionStats(dim, 40, 40).sharpness).toBeCloseTo(
      faceRegionStats(rgba, 40, 40).sharpness,
      1,
    );
  });
});

describe('quality gate', () => {
  it('passes a large, bright, sharp, frontal face', () => {
    expect(assessQuality(face(120), sharp)).toEqual({ ok: true, issues: [] });
  });

  it('names each problem', () => {
    expect(assessQuality(face(20), sharp).issues).toEqual(['small']);
    expect(assessQuality(face(120), { brightness: 0.05, sharpness: 1 }).issues).toEqual(['dark']);
    expect(assessQuality(face(120), { brightness: 0.5, sharpness: 0.02 }).issues).toEqual([
      'blurred',
    ]);
    expect(assessQuality(face(120, 0.76), sharp).issues).toEqual(['turned']);
    expect(assessQuality(face(120, 0.95, 0.5), sharp).issues).toEqual(['turned']);
    expect(describeIssues(['dark', 'blurred'])).toBe('too dark, too blurred');
  });

  it('judges box and score alone when there are no pixels (a saved photo)', () => {
    expect(assessQuality(face(120), null).ok).toBe(true);
    expect(assessQuality(face(30), null).issues).toEqual(['small']);
  });
});

describeWithSharedData(CAMERA_CLIP, 'quality gate on the fake camera clip', () => {
  const map = clipMap();
  const faces = map.segments.flatMap((segment) => {
    const frame = clipLuma(segment.first_frame + 5);
    return segment.faces.map((b) => cropPlane(frame, map.width, b));
  });
  const stats = (data: Float32Array, width: number, height: number) =>
    patchStats(resampleSquare(data, width, height));
  const judge = (data: Float32Array, width: number, height: number) =>
    assessQuality(
      { box: { x: 0, y: 0, width, height }, detectorScore: 0.95 },
      stats(data, width, height),
    );

  it('passes every face of the clip', () => {
    expect(faces).toHaveLength(6);
    for (const f of faces)
      expect(judge(f.data, f.width, f.height)).toEqual({ ok: true, issues: [] });
  });

  it('fails them dimmed to 15 %', () => {
    for (const f of faces) {
      const dim = f.data.map((v) => v * 0.15);
      expect(judge(dim, f.width, f.height).issues).toContain('dark');
    }
  });

  it('fails them blurred by a Gaussian of 5 % of the face width', () => {
    for (const f of faces) {
      const blurred = gaussianBlur(f.data, f.width, f.height, 0.05 * f.width);
      expect(judge(blurred, f.width, f.height).issues).toContain('blurred');
    }
  });

  it('sits the thresholds between the two', () => {
    const measured = faces.map((f) => stats(f.data, f.width, f.height));
    expect(Math.min(...measured.map((s) => s.brightness))).toBeGreaterThan(
      2 * QUALITY_THRESHOLDS.minBrightness,
    );
    expect(Math.min(...measured.map((s) => s.sharpness))).toBeGreaterThan(
      5 * QUALITY_THRESHOLDS.minSharpness,
    );
  });
});
