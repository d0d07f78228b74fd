import { center, type Box } from './box';

/**
 * Where to look for a tracked face on the next frame: a square `scale` times the longer side of
 * its last box, on the same centre. Twice the box leaves room for a face that moves half its width
 * between frames or grows by half (MediaPipe's trackers use about the same margin); the square may
 * reach beyond the frame, where the detector sees black.
 */
export function trackingRegion(box: Box, scale: number): Box {
  const side = scale * Math.max(box.width, box.height);
  const c = center(box);
  return { x: c.x - side / 2, y: c.y - side / 2, width: side, height: side };
}
