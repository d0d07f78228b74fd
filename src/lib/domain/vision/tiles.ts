import type { Box } from './box';

/**
 * Tile sides as fractions of the image's longer side, for the photo pass. Each step is a bit more
 * than halving so that a face cut by the tiles of one level lies whole inside a tile of another.
 */
export const PHOTO_TILE_LEVELS = [0.5, 0.3, 0.18] as const;

/**
 * Square regions of an image for the detector to look at. The first always covers the whole
 * image (padded to a square); smaller, overlapping tiles follow so that faces too small for one
 * pass over the whole image (a group photo, people far away) still fill enough of some tile.
 *
 * @param levels tile sides as fractions of the longer image side
 * @param minTile levels whose tiles would be smaller than this many image pixels are skipped
 * @param overlap fraction of a tile shared with its neighbour
 */
export function detectionTiles(
  width: number,
  height: number,
  levels: readonly number[],
  minTile: number,
  overlap = 0.25,
): Box[] {
  const side = Math.max(width, height);
  const tiles: Box[] = [{ x: 0, y: 0, width: side, height: side }];
  for (const level of levels) {
    const tile = side * level;
    if (tile < minTile) continue;
    const step = tile * (1 - overlap);
    for (const y of positions(height, tile, step)) {
      for (const x of positions(width, tile, step)) tiles.push({ x, y, width: tile, height: tile });
    }
  }
  return tiles;
}

/** Start positions along one axis so that tiles of `tile` pixels cover `length` with at most `step` between starts. */
function positions(length: number, tile: number, step: number): number[] {
  if (length <= tile) return [0];
  const count = Math.ceil((length - tile) / step) + 1;
  const stride = (length - tile) / (count - 1);
  return Array.from({ length: count }, (_, i) => i * stride);
}
