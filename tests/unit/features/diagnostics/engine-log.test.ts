/**
 * The engine's news reaching the event log, from a real Analyzer on the real worker API and the
 * shipped models (TF.js WASM in Node), into a real EventLog on fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  logEngineEvents,
  logAppEngineEvents,
} from '../../../../src/lib/features/diagnostics/engine-log';
import { Analyzer } from '../../../../src/lib/inference/analyzer.svelte';
import { InferenceClient } from '../../../../src/lib/inference/client';
import { EventLog } from '../../../../src/lib/services/diagnostics/event-log';
import { createApi } from '../../../../src/lib/worker/api';
import { Engine } from '../../../../src/lib/worker/engine/engine';
import { initNodeBackend } from '../../../../scripts/lib/node-backend';
import { freshDb } from '../../fixtures/sessions';
import { ChannelWorker } from '../../worker/harness/channel-worker';
import { serveModels } from '../../worker/harness/model-server';
import { RgbaFrameReader } from '../../worker/harness/rgba-frames';

const server = await serveModels();
afterAll(() => server.close());
beforeAll(() => initNodeBackend('wasm'));

const analyzerAt = (modelBaseUrl: string) =>
  new Analyzer(
    new InferenceClient({
      startWorker: () => new ChannelWorker(createApi(new Engine(new RgbaFrameReader()))),
    }),
    () => ({ modelBaseUrl, backends: ['wasm'] }),
  );

describe('logEngineEvents', () => {
  it('logs the start, and the ready engine with its backend and start-up timings', async () => {
    const db = freshDb();
    const log = new EventLog(() => db);
    const analyzer = analyzerAt(server.base);
    const stop = logEngineEvents(analyzer, (kind, message, data) => log.log(kind, message, data));
    await analyzer.start();
    stop();
    const events = (await log.read()).reverse();
    expect(events.map((e) => [e.kind, e.data?.event])).toEqual([
      ['engine', 'start'],
      ['engine', 'ready'],
    ]);
    expect(events[1]?.message).toMatch(/wasm/);
    expect(events[1]?.data).toMatchObject({ backend: { name: 'wasm' }, timings: {} });
  }, 60_000);

  it('logs a failed load as an error', async () => {
    const db = freshDb();
    const log = new EventLog(() => db);
    const analyzer = analyzerAt(`${server.base}nowhere/`);
    const stop = logEngineEvents(analyzer, (kind, message, data) => log.log(kind, message, data));
    await expect(analyzer.start()).rejects.toThrow();
    stop();
    const [last] = await log.read();
    expect(last).toMatchObject({ kind: 'error', data: { event: 'error' } });
    expect(last?.message).toMatch(/could not be loaded/);
  });

  it('is wired once for the app however often the layout asks', () => {
    expect(() => {
      logAppEngineEvents();
      logAppEngineEvents();
    }).not.toThrow();
  });
});
