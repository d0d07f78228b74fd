import {
  area,
  center,
  containsPoint,
  intersectionArea,
  intersectionOverUnion,
  type Box,
} from './box';

export interface Scored {
  box: Box;
  score: number;
  keypoints: number[];
}

/**
 * Weighted non-maximum suppression, as MediaPipe's BlazeFace graph does it: each kept face is the
 * score-weighted mean of the candidates that overlap it, which steadies boxes from frame to frame
 * better than keeping only the single best anchor. Weaker candidates of another size whose centre lies
 * inside a kept face (a tile that saw only part of a big face) are dropped, not averaged. Last, a
 * kept box that straddles two other kept faces is dropped (see `straddlesTwo`).
 */
export function weightedNonMaxSuppression<T extends Scored>(
  candidates: readonly T[],
  iouThreshold: number,
  maxFaces: number,
): T[] {
  const remaining = [...candidates].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  while (remaining.length > 0 && kept.length < maxFaces) {
    const best = remaining[0] as T;
    const cluster: T[] = [];
    const rest: T[] = [];
    for (const c of remaining) {
      if (intersectionOverUnion(best.box, c.box) >= iouThreshold) cluster.push(c);
      else if (!sameFace(best.box, c.box)) rest.push(c);
    }
    kept.push({ ...best, box: weightedBox(cluster), keypoints: weightedPoints(cluster) });
    remaining.splice(0, remaining.length, ...rest);
  }
  return kept.filter((face) => !straddlesTwo(face.box, kept));
}

/**
 * Share of another face's box that a box may cover and still be a face of its own. A face in
 * front of another covers part of one neighbour; a box over parts of two neighbours is the
 * detector seeing half of each (a tile cut between two overlapping faces), not a third face.
 */
const MAX_SHARE_OF_NEIGHBOUR = 0.25;

function straddlesTwo(box: Box, kept: readonly Scored[]): boolean {
  const covered = kept.filter(
    (other) =>
      other.box !== box &&
      intersectionArea(box, other.box) > MAX_SHARE_OF_NEIGHBOUR * area(other.box),
  );
  return covered.length >= 2;
}

function weightedBox(cluster: readonly Scored[]): Box {
  const total = cluster.reduce((sum, c) => sum + c.score, 0);
  const mean = (pick: (b: Box) => number) =>
    cluster.reduce((sum, c) => sum + pick(c.box) * c.score, 0) / total;
  return {
    x: mean((b) => b.x),
    y: mean((b) => b.y),
    width: mean((b) => b.width),
    height: mean((b) => b.height),
  };
}

function weightedPoints(cluster: readonly Scored[]): number[] {
  const total = cluster.reduce((sum, c) => sum + c.score, 0);
  const first = cluster[0]?.keypoints ?? [];
  return first.map(
    (_, i) => cluster.reduce((sum, c) => sum + (c.keypoints[i] ?? 0) * c.score, 0) / total,
  );
}

/** Two faces' boxes may touch, but a face's centre never lies inside another face's box. */
function sameFace(kept: Box, candidate: Box): boolean {
  const c = center(candidate);
  return containsPoint(kept, c.x, c.y);
}
