import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  countedFrames,
  fromCorners,
  scoreClip,
  scoreFrame,
  SETTLE_FRAMES,
  type ClipSegment,
  type FrameBoxes,
} from '../../../bench/lib/box-match';
import { describeWithSharedData, sharedData } from '../shared-data';

const face = (x: number, y: number, size = 100): FrameBoxes['faces'][number] => [
  x,
  y,
  x + size,
  y + size,
];

it('matches one box per face: a second box on the same face is a false face', () => {
  const truth: FrameBoxes = { faces: [face(0, 0)], optional: [], not_faces: [] };
  const box = fromCorners(face(10, 0));
  const s = scoreFrame([box, fromCorners(face(0, 10))], truth);
  expect(s).toMatchObject({ required: 1, found: 1, falseFaces: 1 });
  // The better of the two boxes is the match: both overlap by 90 of 110 widths.
  expect(s.ious[0]).toBeCloseTo(9000 / 11000, 10);
});

it('counts an optional face as neither found nor false, and a box below IoU 0.3 as false', () => {
  const truth: FrameBoxes = { faces: [face(0, 0)], optional: [face(300, 0, 40)], not_faces: [] };
  const s = scoreFrame([fromCorners(face(300, 0, 40)), fromCorners(face(70, 70))], truth);
  expect(s).toEqual({ required: 1, found: 0, falseFaces: 1, ious: [] });
});

it('leaves the first frames of each segment out', () => {
  const segments: ClipSegment[] = [
    { first_frame: 0, last_frame: 9, source: 'a' },
    { first_frame: 10, last_frame: 12, source: 'b' },
  ];
  expect(countedFrames(segments)).toEqual([6, 7, 8, 9]);
  expect(SETTLE_FRAMES).toBe(6);
});

const MAP = 'video/moving-faces-640x480-30fps.json';

describeWithSharedData(MAP, 'the moving clip’s own frame map', () => {
  const clip = JSON.parse(readFileSync(sharedData(MAP), 'utf8')) as {
    boxes: FrameBoxes[];
    segments: ClipSegment[];
  };

  it('scores its own boxes as perfect, and an empty report as recall 0', () => {
    const own = clip.boxes.map((b) => b.faces.map(fromCorners));
    expect(scoreClip(own, clip.boxes, clip.segments)).toEqual({
      frames: 360 - 6 * clip.segments.length,
      recall: 1,
      falseFacesPerFrame: 0,
      medianIoU: 1,
    });
    const none = scoreClip(
      clip.boxes.map(() => []),
      clip.boxes,
      clip.segments,
    );
    expect(none.recall).toBe(0);
    expect(none.medianIoU).toBeNaN();
  });
});
