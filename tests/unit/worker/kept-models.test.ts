/**
 * Rebuilding a restarted worker's models from the files an earlier init kept: the shipped models
 * served over HTTP, the real manifest and the real sha256 check; only the manifest is fetched.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SHIPPED_MODEL_IDS } from '../../../src/lib/domain/models/manifest';
import { keepModels, restoreModels } from '../../../src/lib/worker/kept-models';
import { fetchModels } from '../../../src/lib/worker/model-fetch';
import { serveModels } from './harness/model-server';

const server = await serveModels();
afterAll(() => server.close());

const fetched = await fetchModels(server.base, SHIPPED_MODEL_IDS, () => {});
const kept = keepModels(fetched);

describe('kept models', () => {
  it('are the verified files of every model, model.json included, as Blobs', () => {
    expect(kept.map((k) => k.id)).toEqual(SHIPPED_MODEL_IDS);
    for (const k of kept) {
      expect(Object.keys(k.files).sort()).toEqual(['model.json', 'weights.bin']);
      expect(Object.values(k.files).every((f) => f instanceof Blob)).toBe(true);
    }
  });

  it('rebuild the same models, checked against the manifest, without downloading them', async () => {
    const before = server.requests.length;
    const progress: [number, number][] = [];
    const models = await restoreModels(server.base, SHIPPED_MODEL_IDS, kept, (l, t) =>
      progress.push([l, t]),
    );
    expect(server.requests.slice(before)).toEqual(['/models/manifest.json']);
    expect(models?.map((m) => m.id)).toEqual(SHIPPED_MODEL_IDS);
    for (const [i, model] of (models ?? []).entries()) {
      const original = fetched[i];
      expect(model.json).toEqual(original?.json);
      expect(model.bytes).toBe(original?.bytes);
      expect(model.weights.get('weights.bin')?.byteLength).toBe(
        original?.weights.get('weights.bin')?.byteLength,
      );
    }
    const total = fetched.reduce((sum, m) => sum + m.bytes, 0);
    expect(progress).toEqual([[total, total]]);
  });

  it('are refused when a byte changed, a file or a model is missing', async () => {
    const [first, ...rest] = kept;
    if (!first) throw new Error('no model kept');
    const weights = new Uint8Array(await (first.files['weights.bin'] as Blob).arrayBuffer());
    weights[7] = (weights[7] ?? 0) ^ 0xff;
    const damaged = { ...first, files: { ...first.files, 'weights.bin': new Blob([weights]) } };
    const noJson = { id: first.id, files: { 'weights.bin': first.files['weights.bin'] as Blob } };
    for (const broken of [[damaged, ...rest], [noJson, ...rest], rest]) {
      expect(await restoreModels(server.base, SHIPPED_MODEL_IDS, broken, () => {})).toBeNull();
    }
    expect(await restoreModels(server.base, ['no-such-model'], kept, () => {})).toBeNull();
  });
});
