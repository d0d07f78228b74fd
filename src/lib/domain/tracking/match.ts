/**
 * Matches boxes of the previous frame to boxes of this one by overlap: the greedy assignment that
 * takes the highest-IoU pair first. With a handful of faces that move little between frames it
 * gives the same pairs as the Hungarian method, in a few lines.
 */
import { intersectionOverUnion, type Box } from '../vision/box';

export interface Match {
  /** Index into `previous`. */
  from: number;
  /** Index into `current`. */
  to: number;
  iou: number;
}

export function matchByOverlap(
  previous: readonly Box[],
  current: readonly Box[],
  minIou: number,
): Match[] {
  const candidates: Match[] = [];
  previous.forEach((a, from) =>
    current.forEach((b, to) => {
      const iou = intersectionOverUnion(a, b);
      if (iou >= minIou) candidates.push({ from, to, iou });
    }),
  );
  candidates.sort((a, b) => b.iou - a.iou || a.from - b.from || a.to - b.to);
  const usedFrom = new Set<number>();
  const usedTo = new Set<number>();
  const matches: Match[] = [];
  for (const c of candidates) {
    if (usedFrom.has(c.from) || usedTo.has(c.to)) continue;
    usedFrom.add(c.from);
    usedTo.add(c.to);
    matches.push(c);
  }
  return matches;
}
