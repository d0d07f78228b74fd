import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { expect, it } from 'vitest';
import { splitMjpeg } from '../../../bench/lib/mjpeg';
import { describeWithSharedData, sharedData } from '../shared-data';

const CLIP = 'video/moving-faces-640x480-30fps.mjpeg';

it('splits back-to-back JPEG images at their markers', () => {
  const a = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 0xff, 0x00, 0xff, 0xd9);
  const b = Uint8Array.of(0xff, 0xd8, 0xff, 0xdb, 3, 0xff, 0xd9);
  const frames = splitMjpeg(Uint8Array.of(...a, ...b));
  expect(frames.map((f) => [...f])).toEqual([[...a], [...b]]);
});

describeWithSharedData(CLIP, 'the moving clip', () => {
  it('holds 360 decodable 640x480 frames', () => {
    const frames = splitMjpeg(readFileSync(sharedData(CLIP)));
    expect(frames).toHaveLength(360);
    for (const f of [frames[0], frames[359]]) {
      const image = jpeg.decode(f as Uint8Array, { useTArray: true });
      expect([image.width, image.height]).toEqual([640, 480]);
    }
  });
});
