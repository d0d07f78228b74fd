/** frame-change.ts on the frames of the shared fake-camera clip (../shared/data/video). */
import { expect, it } from 'vitest';
import { frameDifference, lumaThumbnail } from '../../../../src/lib/domain/vision/frame-change';
import type { RgbaImage } from '../../../../scripts/lib/images';
import { readY4mFrames } from '../../../../scripts/lib/y4m';
import { CAMERA_CLIP, describeWithSharedData, sharedData } from '../../shared-data';
import { shifted, withNoise } from './frame-edits';

const diff = (a: RgbaImage, b: RgbaImage) => frameDifference(lumaThumbnail(a), lumaThumbnail(b));

describeWithSharedData(CAMERA_CLIP, 'frame difference', () => {
  const frames = readY4mFrames(sharedData(CAMERA_CLIP));
  // frame 0: neutral-woman; 23: meeting-group; 46: happy-baby (see the clip's .json frame map)
  const woman = frames[0]!;
  const group = frames[23]!;

  it('reads the clip: 69 frames of 640x480', () => {
    expect(frames).toHaveLength(69);
    expect([woman.width, woman.height]).toEqual([640, 480]);
  });

  it('is 0 for the repeated frames of one photo', () => {
    expect(diff(woman, frames[10]!)).toBe(0);
  });

  it('stays well under 1 level for sensor-like noise (sigma 4 per pixel)', () => {
    const d = diff(woman, withNoise(woman, 4, 7));
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThan(1);
  });

  it('exceeds 3 levels when the picture moves by 2 % of its width (13 px)', () => {
    expect(diff(woman, shifted(woman, 13, 0))).toBeGreaterThan(3);
  });

  it('is large for a cut to another photo', () => {
    expect(diff(woman, group)).toBeGreaterThan(20);
  });

  it('is Infinity between frames of different sizes', () => {
    const small = { data: woman.data.subarray(0, 320 * 240 * 4), width: 320, height: 240 };
    expect(diff(woman, small)).toBe(Infinity);
  });
});
