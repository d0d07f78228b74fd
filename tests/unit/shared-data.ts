/**
 * Test helper: the data shared beside the repository (../shared/data: FER-2013 images, face
 * photos, the fake camera's clip). It is not part of a checkout, so a test that reads it runs
 * only where it is, and says in one line what it skipped elsewhere.
 *
 * SHARED_DATA=<dir> points the tests at another copy (or at none, to see the skips).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { SHARED_DATA_DIR } from '../../scripts/lib/paths';

const SHARED_DATA = path.resolve(process.env.SHARED_DATA ?? SHARED_DATA_DIR);

/** The fake camera's clip (its frame map is faces-640x480.json beside it). */
export const CAMERA_CLIP = 'video/faces-640x480.y4m';

/** A path under the shared data folder, e.g. sharedData('faces', 'faces.json'). */
export const sharedData = (...parts: string[]): string => path.join(SHARED_DATA, ...parts);

export const hasSharedData = (relPath: string): boolean => existsSync(sharedData(relPath));

/** ../shared/data/... as the README names it; a folder given in SHARED_DATA as it was given. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith(`..${path.sep}..`) ? file : relative;
}

/**
 * `describe(name, body)` where `relPath` exists under the shared data folder. Elsewhere the body
 * is never called (so it may read the data while the tests are collected) and a single skipped
 * test, with a line on stderr, says what is absent.
 */
export function describeWithSharedData(relPath: string, name: string, body: () => void): void {
  if (hasSharedData(relPath)) {
    describe(name, body);
    return;
  }
  const reason = `skipped: ${shown(sharedData(relPath))} is absent`;
  console.warn(`${name}: ${reason}`);
  describe.skip(name, () => {
    it(reason, () => {});
  });
}
