/**
 * The shared moving clip, decoded in Node: its frames as RGBA pixels and its frame map (every face
 * box of every frame). The live tracker's test and models/scripts/tracker-sizes.ts replay it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { SHARED_DATA_DIR } from '../../scripts/lib/paths';
import type { ClipSegment, FrameBoxes } from './box-match';
import { splitMjpeg } from './mjpeg';

export const MOVING_CLIP = path.join(SHARED_DATA_DIR, 'video', 'moving-faces-640x480-30fps');

export interface ClipPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface MovingClip {
  frames: ClipPixels[];
  map: { boxes: FrameBoxes[]; segments: ClipSegment[] };
}

export function readMovingClip(clip = MOVING_CLIP): MovingClip {
  const frames = splitMjpeg(readFileSync(`${clip}.mjpeg`)).map((jpg) => {
    const { data, width, height } = jpeg.decode(jpg, { useTArray: true });
    return { data: new Uint8Array(data), width, height };
  });
  return { frames, map: JSON.parse(readFileSync(`${clip}.json`, 'utf8')) as MovingClip['map'] };
}
