/**
 * The diagnostics controller in Node, on the real engine (Analyzer, client, worker API, Engine and
 * the shipped models on TF.js's WASM backend) and the real event log on fake-indexeddb. Node has
 * no camera, heap or storage measurements: the probes are given, the camera path runs in the
 * browser tests (tests/browser/diagnostics.spec.ts).
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Diagnostics,
  type Probes,
} from '../../../../src/lib/features/diagnostics/diagnostics.svelte';
import { Analyzer } from '../../../../src/lib/inference/analyzer.svelte';
import { InferenceClient } from '../../../../src/lib/inference/client';
import { EventLog } from '../../../../src/lib/services/diagnostics/event-log';
import { readModelManifest } from '../../../../src/lib/services/diagnostics/probes';
import { createApi } from '../../../../src/lib/worker/api';
import { Engine } from '../../../../src/lib/worker/engine/engine';
import { initNodeBackend } from '../../../../scripts/lib/node-backend';
import { fakePage, undoFakes } from '../../fixtures/fake-page';
import { freshDb } from '../../fixtures/sessions';
import { ChannelWorker } from '../../worker/harness/channel-worker';
import { serveModels } from '../../worker/harness/model-server';
import { asBitmap, greyFrame, RgbaFrameReader } from '../../worker/harness/rgba-frames';

const server = await serveModels();
afterAll(() => server.close());
beforeAll(() => initNodeBackend('wasm'));
afterEach(undoFakes);

function setup() {
  const client = new InferenceClient({
    startWorker: () => new ChannelWorker(createApi(new Engine(new RgbaFrameReader()))),
  });
  const analyzer = new Analyzer(client, () => ({
    modelBaseUrl: server.base,
    backends: ['wasm'],
  }));
  const db = freshDb();
  const log = new EventLog(() => db);
  const probes: Probes = {
    heap: () => Promise.resolve({ usedBytes: 5e6, limitBytes: 4e9, source: 'performance.memory' }),
    storage: () => Promise.resolve({ usageBytes: 1000, quotaBytes: 1e9, persisted: false }),
    manifest: () => readModelManifest(`${server.base}manifest.json`),
  };
  return { analyzer, client, log, diagnostics: new Diagnostics(analyzer, log, probes) };
}

describe('Diagnostics', () => {
  it('shows the engine, the worker and the resources once started', async () => {
    const page = fakePage();
    const { analyzer, client, log, diagnostics } = setup();
    log.log('camera', 'stored before the page opened');
    const detach = diagnostics.attach();
    await analyzer.start();
    await diagnostics.refresh();
    expect(diagnostics.worker).toMatchObject({ backend: 'wasm' });
    expect(diagnostics.worker?.numTensors).toBeGreaterThan(0);
    expect(diagnostics.heap?.usedBytes).toBe(5e6);
    expect(diagnostics.storage?.persisted).toBe(false);
    expect(diagnostics.models.map((m) => m.id)).toEqual(analyzer.info?.models.map((m) => m.id));
    await expect.poll(() => diagnostics.manifest).not.toBeNull();
    for (const model of diagnostics.models) expect(Object.values(model.sha256)).not.toHaveLength(0);
    expect(diagnostics.events.map((e) => e.message)).toContain('stored before the page opened');

    log.log('import', 'logged while the page is open');
    expect(diagnostics.events[0]?.message).toBe('logged while the page is open');
    detach();
    client.terminate();
    expect(page.liveUrls()).toEqual([]);
  }, 60_000);

  it('measures each frame through it, counts failures, and downloads it all as JSON', async () => {
    const page = fakePage();
    const { analyzer, client, log, diagnostics } = setup();
    expect(diagnostics.errorRate).toBeNull();
    await diagnostics.measured.start();
    for (let i = 0; i < 5; i++) await diagnostics.measured.analyze(asBitmap(greyFrame()), 'live');
    const broken = { width: 64, height: 48, data: null } as unknown as ImageBitmap;
    await expect(diagnostics.measured.analyze(broken, 'live')).rejects.toThrow();
    expect(diagnostics.frames).toBe(5);
    expect(diagnostics.errors).toBe(1);
    expect(diagnostics.errorRate).toBeCloseTo(1 / 6);
    expect(diagnostics.lastError).toBeTruthy();
    log.log('engine', 'an engine event');

    await diagnostics.download();
    const [file] = await page.downloads();
    expect(file?.name).toMatch(/^emotion-diagnostics-\d{4}-\d\d-\d\d\.json$/);
    expect(file?.type).toBe('application/json');
    const report = JSON.parse(file?.text ?? '{}');
    expect(report.engine.backend.name).toBe('wasm');
    expect(report.engine.restarts).toBe(0);
    expect(report.live).toMatchObject({ frames: 5, errors: 1 });
    expect(report.live.latency.total.count).toBe(5);
    expect(report.live.latency.total.p50).toBeGreaterThan(0);
    expect(report.live.latency.total.p50).toBeLessThanOrEqual(report.live.latency.total.p95);
    expect(report.worker.numTensors).toBeGreaterThan(0);
    expect(report.events.map((e: { message: string }) => e.message)).toContain('an engine event');
    expect(analyzer.state).toBe('ready');
    client.terminate();
  }, 60_000);

  it('asks no worker before the engine is ready, and downloads the log shown when storage fails', async () => {
    fakePage();
    const client = new InferenceClient({
      startWorker: () => new ChannelWorker(createApi(new Engine(new RgbaFrameReader()))),
    });
    const failed = new Analyzer(client, () => ({ modelBaseUrl: `${server.base}nowhere/` }));
    await expect(failed.start()).rejects.toThrow();
    const noStorage = new EventLog(() => {
      throw new Error('IndexedDB is not available');
    });
    const diagnostics = new Diagnostics(failed, noStorage, {
      heap: () => Promise.resolve(null),
      storage: () => Promise.resolve({ usageBytes: null, quotaBytes: null, persisted: null }),
      manifest: () => Promise.resolve(null),
    });
    const detach = diagnostics.attach();
    noStorage.log('storage', 'shown, never stored');
    const report = await diagnostics.report(0);
    expect(report.generatedAt).toBe('1970-01-01T00:00:00.000Z');
    // attach() tried the engine again: it is loading or has failed once more, never ready.
    expect(report.engine.state).not.toBe('ready');
    expect(report.engine).toMatchObject({ backend: null, models: [] });
    expect(report.worker).toBeNull();
    expect(report.events.map((e) => e.message)).toEqual(['shown, never stored']);
    detach();
    await failed.settled();
    client.terminate();
  });
});
