/** static/models as the Node tools read it: manifest.json, and model files checked against it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  fileMatchesManifest,
  type ManifestModel,
  type ModelManifest,
} from '../../src/lib/domain/models/manifest';
import { loadModelFiles, type ModelFiles } from './model-files';
import { MANIFEST_PATH, SHIPPED_MODELS_DIR } from './paths';

export async function readShippedManifest(): Promise<ModelManifest> {
  try {
    return JSON.parse(await readFile(MANIFEST_PATH, 'utf8')) as ModelManifest;
  } catch {
    throw new Error(`cannot read ${MANIFEST_PATH} (run npm run models)`);
  }
}

export function shippedEntry(manifest: ModelManifest, id: string): ManifestModel {
  const entry = manifest.models[id];
  if (!entry) throw new Error(`${MANIFEST_PATH} lists no ${id} model`);
  return entry;
}

/** A shipped model's files, after checking every one against the manifest as the app does. */
export async function loadShippedModelFiles(
  manifest: ModelManifest,
  id: string,
): Promise<ModelFiles> {
  const dir = path.join(SHIPPED_MODELS_DIR, id);
  for (const [name, expected] of Object.entries(shippedEntry(manifest, id).files)) {
    const file = path.join(dir, name);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      throw new Error(`cannot read ${file}`);
    }
    if (!(await fileMatchesManifest(bytes, expected))) {
      throw new Error(`${file} does not match manifest.json (size or sha256); run npm run models`);
    }
  }
  return loadModelFiles(dir);
}
