/**
 * The worker's `stats()` as the diagnostics page reads it: through expose() and a MessageChannel,
 * on the real Engine with the shipped models on TF.js's WASM backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceClient } from '../../../src/lib/inference/client';
import { createApi } from '../../../src/lib/worker/api';
import { Engine } from '../../../src/lib/worker/engine/engine';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { ChannelWorker } from './harness/channel-worker';
import { serveModels, type ModelServer } from './harness/model-server';
import { asBitmap, greyFrame, RgbaFrameReader } from './harness/rgba-frames';

let server: ModelServer;
beforeAll(async () => {
  await initNodeBackend('wasm');
  server = await serveModels();
});
afterAll(() => server.close());

describe('api.stats', () => {
  it('reports no backend before init, then the tensors and bytes the models hold', async () => {
    const api = createApi(new Engine(new RgbaFrameReader()));
    const before = await api.stats();
    expect(before).toMatchObject({ ok: true, value: { backend: null } });

    await api.init({ modelBaseUrl: server.base, backends: ['wasm'] });
    const loaded = await api.stats();
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.backend).toBe('wasm');
    expect(loaded.value.numTensors).toBe(tf.memory().numTensors);
    expect(loaded.value.numTensors).toBeGreaterThan(0);
    expect(loaded.value.numBytes).toBeGreaterThan(100_000);

    for (let i = 0; i < 5; i++) await api.analyze({ bitmap: asBitmap(greyFrame()), mode: 'live' });
    expect(await api.stats()).toEqual(loaded);
  }, 60_000);
});

describe('client.stats', () => {
  it('starts no worker just to ask: null while none runs, else what the worker holds', async () => {
    let started = 0;
    const client = new InferenceClient({
      startWorker: () => {
        started++;
        return new ChannelWorker(createApi(new Engine(new RgbaFrameReader())));
      },
    });
    expect(await client.stats()).toBeNull();
    expect(started).toBe(0);
    await client.init({ modelBaseUrl: server.base, backends: ['wasm'] });
    const stats = await client.stats();
    expect(stats).toMatchObject({ backend: 'wasm' });
    expect(stats?.numTensors).toBeGreaterThan(0);
    client.terminate();
    expect(await client.stats()).toBeNull();
  }, 60_000);
});
