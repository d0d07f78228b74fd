/**
 * The app's Analyzer: its reactive load state over the real client and worker API, the shipped
 * models served from the page's own origin (a local HTTP server stands in for it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Analyzer } from '../../../src/lib/inference/analyzer.svelte';
import { InferenceClient } from '../../../src/lib/inference/client';
import { createApi } from '../../../src/lib/worker/api';
import { Engine } from '../../../src/lib/worker/engine/engine';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { ChannelWorker } from '../worker/harness/channel-worker';
import { serveModels } from '../worker/harness/model-server';
import { asBitmap, greyFrame, RgbaFrameReader } from '../worker/harness/rgba-frames';

const server = await serveModels();
const origin = new URL(server.base).origin;
beforeAll(() => initNodeBackend('wasm'));
afterAll(() => server.close());
afterEach(() => vi.unstubAllGlobals());

function analyzerAt(page: string) {
  vi.stubGlobal('location', new URL(page));
  const workers: ChannelWorker[] = [];
  const client = new InferenceClient({
    startWorker: () => {
      workers.push(new ChannelWorker(createApi(new Engine(new RgbaFrameReader()))));
      return workers.at(-1) as ChannelWorker;
    },
  });
  return { analyzer: new Analyzer(client), workers };
}

describe('analyzer', () => {
  it('has nothing to wait for before it starts', async () => {
    const { analyzer, workers } = analyzerAt(`${origin}/`);
    await analyzer.settled();
    expect(analyzer.state).toBe('idle');
    expect(workers).toHaveLength(0);
  });

  it('loads the models of its origin once, with the backend the page asks for first', async () => {
    const { analyzer, workers } = analyzerAt(`${origin}/live?backend=wasm`);
    const started = analyzer.start();
    expect(analyzer.start()).toBe(started);
    expect(analyzer.state).toBe('loading');
    await started;
    await analyzer.settled();
    expect(analyzer.state).toBe('ready');
    expect(analyzer.error).toBeNull();
    expect(analyzer.info?.backend.name).toBe('wasm');
    expect(analyzer.progress.loaded).toBe(analyzer.progress.total);
    expect(analyzer.progress.total).toBeGreaterThan(0);

    const analysis = await analyzer.analyze(asBitmap(greyFrame(40, 30)), 'photo');
    expect(analysis).toMatchObject({ width: 40, height: 30, faces: [] });
    expect(workers).toHaveLength(1);
    expect(server.requests).toContain('/models/manifest.json');
  });

  it('says why the models could not be loaded, and tries again on the next start', async () => {
    // Nothing listens on port 1.
    const { analyzer, workers } = analyzerAt('http://127.0.0.1:1/');
    await expect(analyzer.analyze(asBitmap(greyFrame()), 'live')).rejects.toMatchObject({
      code: 'model-load',
    });
    await analyzer.settled();
    expect(analyzer.state).toBe('failed');
    expect(analyzer.error).toMatch(/^The models could not be loaded: /);
    expect(workers[0]?.terminated).toBe(true);

    await expect(analyzer.start()).rejects.toMatchObject({ code: 'model-load' });
    expect(workers).toHaveLength(2);
  });
});
