/**
 * How well the faces reported on each frame of the moving clip match its frame map
 * (../shared/data/video/moving-faces-640x480-30fps.json): recall of the required faces, reported
 * faces that match nothing, and the overlap of the matches.
 */
import { intersectionOverUnion, type Box } from '../../src/lib/domain/vision/box';
import { median } from './stats';

/** [x1, y1, x2, y2] in frame pixels, as the frame map writes boxes. */
export type Corners = [number, number, number, number];

export interface FrameBoxes {
  faces: Corners[];
  optional: Corners[];
  not_faces: Corners[];
}

export interface ClipSegment {
  first_frame: number;
  last_frame: number;
  source: string;
}

/** The rule: a reported box matches a mapped one at IoU 0.3 or more. */
export const MATCH_IOU = 0.3;
/** The first frames of each segment are a cut: a live tracker may take them to catch up. */
export const SETTLE_FRAMES = 6;

export const fromCorners = ([x1, y1, x2, y2]: Corners): Box => ({
  x: x1,
  y: y1,
  width: x2 - x1,
  height: y2 - y1,
});

export interface FrameScore {
  required: number;
  found: number;
  /** Reported boxes matching no required or optional face. */
  falseFaces: number;
  /** IoU of each required face found with the box that matched it. */
  ious: number[];
}

/**
 * Greedy one-to-one matching, best IoU first: each mapped face takes at most one reported box, so
 * a duplicate box on one face counts as a false face.
 */
export function scoreFrame(reported: readonly Box[], truth: FrameBoxes): FrameScore {
  const required = truth.faces.map(fromCorners);
  const optional = truth.optional.map(fromCorners);
  const targets = [...required, ...optional];
  const pairs: { r: number; t: number; iou: number }[] = [];
  reported.forEach((box, r) =>
    targets.forEach((target, t) => {
      const iou = intersectionOverUnion(box, target);
      if (iou >= MATCH_IOU) pairs.push({ r, t, iou });
    }),
  );
  pairs.sort((a, b) => b.iou - a.iou);
  const usedReported = new Set<number>();
  const usedTarget = new Set<number>();
  const ious: number[] = [];
  for (const { r, t, iou } of pairs) {
    if (usedReported.has(r) || usedTarget.has(t)) continue;
    usedReported.add(r);
    usedTarget.add(t);
    if (t < required.length) ious.push(iou);
  }
  return {
    required: required.length,
    found: ious.length,
    falseFaces: reported.length - usedReported.size,
    ious,
  };
}

/** Frames that count: all but the first SETTLE_FRAMES of each segment. */
export function countedFrames(segments: readonly ClipSegment[]): number[] {
  return segments.flatMap((s) => {
    const frames: number[] = [];
    for (let f = s.first_frame + SETTLE_FRAMES; f <= s.last_frame; f++) frames.push(f);
    return frames;
  });
}

export interface ClipScore {
  frames: number;
  recall: number;
  falseFacesPerFrame: number;
  medianIoU: number;
}

/** The clip's figures over the counted frames. `reported[f]` holds frame f's boxes. */
export function scoreClip(
  reported: readonly (readonly Box[])[],
  map: readonly FrameBoxes[],
  segments: readonly ClipSegment[],
): ClipScore {
  let required = 0;
  let found = 0;
  let falseFaces = 0;
  const ious: number[] = [];
  const frames = countedFrames(segments).filter((f) => f < reported.length && f < map.length);
  for (const f of frames) {
    const s = scoreFrame(reported[f] ?? [], map[f] as FrameBoxes);
    required += s.required;
    found += s.found;
    falseFaces += s.falseFaces;
    ious.push(...s.ious);
  }
  return {
    frames: frames.length,
    recall: required ? found / required : NaN,
    falseFacesPerFrame: frames.length ? falseFaces / frames.length : NaN,
    medianIoU: median(ious),
  };
}
