/** Byte-identical files across labelled folders (FER-2013 repeats some test images in its training split). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../../src/lib/domain/models/manifest';
import type { LabelledImage } from './labels-csv';

const sha256File = async (file: string): Promise<string> => sha256Hex(await readFile(file));

/** The sha256 of every image listed in a folder's rows. */
export async function hashesOf(dir: string, rows: readonly LabelledImage[]): Promise<Set<string>> {
  const hashes = new Set<string>();
  for (const row of rows) hashes.add(await sha256File(path.join(dir, row.path)));
  return hashes;
}

/** The rows of `dir` whose file bytes do not occur among `exclude` (hashes of another folder). */
export async function withoutDuplicates(
  dir: string,
  rows: readonly LabelledImage[],
  exclude: ReadonlySet<string>,
): Promise<LabelledImage[]> {
  const kept: LabelledImage[] = [];
  for (const row of rows) {
    if (!exclude.has(await sha256File(path.join(dir, row.path)))) kept.push(row);
  }
  return kept;
}
