/** Replaces static/models with the built models and their manifest.json. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelManifest } from '../../../src/lib/domain/models/manifest';
import { MANIFEST_PATH, SHIPPED_MODELS_DIR } from '../../../scripts/lib/paths';
import type { BuiltModel } from './model';

/** Writes every file and the manifest; returns the bytes of the model files. */
export async function writeShippedModels(built: readonly BuiltModel[]): Promise<number> {
  // Replaced entirely, so that no stale file of a former model stays behind.
  await rm(SHIPPED_MODELS_DIR, { recursive: true, force: true });
  let total = 0;
  for (const model of built) {
    const dir = path.join(SHIPPED_MODELS_DIR, model.id);
    await mkdir(dir, { recursive: true });
    for (const f of model.files) {
      await writeFile(path.join(dir, f.name), f.bytes);
      total += f.bytes.byteLength;
    }
  }
  const manifest: ModelManifest = {
    schemaVersion: 1,
    generatedBy: 'models/scripts/build-models.ts',
    models: Object.fromEntries(built.map((m) => [m.id, m.entry])),
  };
  await writeFile(MANIFEST_PATH, JSON.stringify(manifest, null, 2) + '\n');
  return total;
}
