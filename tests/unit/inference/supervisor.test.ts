/**
 * The supervised engine: how the client notices a lost worker (heartbeat, timeouts, error event)
 * and how the Analyzer restarts it (back-off, rebuild from the kept files, give-up, retry). The
 * workers run the real API over a MessageChannel with the shipped models served over HTTP; only a
 * worker whose event loop is stuck is made up (it drops what it is sent), as Node cannot freeze
 * one on cue, and a method that never answers stands in for a stuck call.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer, type EngineNews } from '../../../src/lib/inference/analyzer.svelte';
import { InferenceClient, InferenceError, isEngineLost } from '../../../src/lib/inference/client';
import type { EngineTimeouts } from '../../../src/lib/inference/timeouts';
import { createApi } from '../../../src/lib/worker/api';
import { Engine } from '../../../src/lib/worker/engine/engine';
import type { Api } from '../../../src/lib/worker/protocol';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { ChannelWorker } from '../worker/harness/channel-worker';
import { serveModels } from '../worker/harness/model-server';
import { asBitmap, greyFrame, RgbaFrameReader } from '../worker/harness/rgba-frames';

const server = await serveModels();
beforeAll(() => initNodeBackend('wasm'));
afterAll(() => server.close());

const realApi = () => createApi(new Engine(new RgbaFrameReader()));
/** The real API, but its analyze never settles: a frame stuck inside the engine. */
const stuckCallApi = (): Api => ({ ...realApi(), analyze: () => new Promise(() => {}) });

const FAST: Partial<EngineTimeouts> = {
  frameMs: 300,
  photoMs: 600,
  initMs: 30_000,
  heartbeatMs: 20,
  silenceMs: 60,
};

function setup(api: () => Api = realApi, timeouts = FAST) {
  const workers: ChannelWorker[] = [];
  const lost: string[] = [];
  const client = new InferenceClient({
    timeouts,
    startWorker: () => {
      workers.push(new ChannelWorker(api()));
      return workers.at(-1) as ChannelWorker;
    },
  });
  client.onLost((reason) => lost.push(reason));
  return { client, workers, lost };
}

const frame = (mode: 'live' | 'photo' = 'live') => ({ bitmap: asBitmap(greyFrame()), mode });
const failure = (work: Promise<unknown>) =>
  work.then(
    () => expect.unreachable('it should have failed'),
    (e: unknown) => e as InferenceError,
  );

const clients: InferenceClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.terminate()));

describe('the client notices a lost worker', () => {
  it('a worker that stops answering the heartbeat is terminated, and its calls fail as lost', async () => {
    const t = setup();
    clients.push(t.client);
    await failure(t.client.analyze(frame())); // started, and answering ('not-ready')
    const worker = t.workers[0] as ChannelWorker;
    worker.stuck = true;
    const error = await failure(t.client.analyze(frame()));
    expect(error).toBeInstanceOf(InferenceError);
    expect(error.code).toBe('worker-hung');
    expect(isEngineLost(error)).toBe(true);
    expect(error.message).toMatch(/^The analysis engine stopped: it did not answer for [\d.]+ s$/);
    expect(t.lost).toEqual([error.message.replace('The analysis engine stopped: ', '')]);
    expect(worker.terminated).toBe(true);
    expect(t.client.running).toBe(false);
  });

  it('a worker stuck before a photo is noticed by the ping sent ahead of it, not the photo timeout', async () => {
    const t = setup(realApi, { ...FAST, photoMs: 60_000 });
    clients.push(t.client);
    await failure(t.client.analyze(frame()));
    (t.workers[0] as ChannelWorker).stuck = true;
    const started = performance.now();
    expect((await failure(t.client.analyze(frame('photo')))).code).toBe('worker-hung');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a call stuck in an answering worker times out, a frame sooner than a photo', async () => {
    const t = setup(stuckCallApi);
    clients.push(t.client);
    let started = performance.now();
    const live = await failure(t.client.analyze(frame()));
    expect(live).toMatchObject({
      code: 'timeout',
      message: 'The analysis engine stopped: a frame took longer than 0.3 s',
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    started = performance.now();
    expect((await failure(t.client.analyze(frame('photo')))).message).toBe(
      'The analysis engine stopped: a photo took longer than 0.6 s',
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(590);
    expect(t.lost).toEqual(['a frame took longer than 0.3 s', 'a photo took longer than 0.6 s']);
    expect(t.workers.map((w) => w.terminated)).toEqual([true, true]);
  });

  it('a crash (error event) is a loss too; a deliberate terminate is not', async () => {
    const t = setup();
    clients.push(t.client);
    const call = failure(t.client.analyze(frame()));
    t.workers[0]?.crash('out of memory');
    expect(await call).toMatchObject({ code: 'worker-crashed' });
    expect(t.lost).toEqual(['it crashed (out of memory)']);
    const stopped = failure(t.client.analyze(frame()));
    t.client.terminate();
    const error = await stopped;
    expect(error.code).toBe('stopped');
    expect(isEngineLost(error)).toBe(false);
    expect(t.lost).toHaveLength(1);
  });
});

/** Fast back-off so that a give-up fits in a unit test. */
const POLICY = { maxRestarts: 2, windowMs: 60_000, firstDelayMs: 50, maxDelayMs: 1_000 };
const params = () => ({ modelBaseUrl: server.base, backends: ['wasm' as const] });

/** Generous enough for the real engine on a busy machine; a stuck worker still shows in a second. */
const SUPERVISED: Partial<EngineTimeouts> = {
  ...FAST,
  frameMs: 5_000,
  photoMs: 10_000,
  heartbeatMs: 100,
  silenceMs: 1_000,
};

function supervised(api: () => Api = realApi) {
  const t = setup(api, SUPERVISED);
  clients.push(t.client);
  const analyzer = new Analyzer(t.client, params, POLICY);
  const news: EngineNews[] = [];
  analyzer.onEvent((n) => news.push(n));
  return { ...t, analyzer, news };
}

const modelDownloads = () => server.requests.filter((p) => p !== '/models/manifest.json').length;

describe('the analyzer restarts a lost engine', () => {
  it('rebuilds the models from the kept files after a crash, and analyses again', async () => {
    const t = supervised();
    await t.analyzer.start();
    expect(t.analyzer.state).toBe('ready');
    const downloaded = modelDownloads();

    t.workers[0]?.crash('wasm trap');
    expect(t.analyzer.state).toBe('restarting');
    expect(t.analyzer.restarts).toBe(1);
    expect(t.analyzer.lastRestart).toMatchObject({ reason: 'it crashed (wasm trap)' });
    const analysis = await t.analyzer.analyze(asBitmap(greyFrame(40, 30)), 'live');
    expect(analysis).toMatchObject({ width: 40, height: 30, faces: [] });
    expect(t.analyzer.state).toBe('ready');
    expect(t.workers).toHaveLength(2);
    expect(modelDownloads()).toBe(downloaded);
    expect(t.news.map((n) => n.kind)).toEqual(['start', 'ready', 'restart', 'ready']);
    expect(t.news[2]?.message).toBe('Engine restarted: it crashed (wasm trap)');
  });

  it('backs off between restarts, gives up after too many, and retry starts it again', async () => {
    const t = supervised();
    await t.analyzer.start();
    const startedAt: number[] = [];
    for (let restart = 1; restart <= POLICY.maxRestarts; restart++) {
      const lostAt = performance.now();
      t.workers.at(-1)?.crash('boom');
      await t.analyzer.start();
      startedAt.push(performance.now() - lostAt);
      expect(t.analyzer).toMatchObject({ state: 'ready', restarts: restart });
    }
    expect(startedAt[0]).toBeGreaterThanOrEqual(POLICY.firstDelayMs - 5);
    expect(startedAt[1]).toBeGreaterThanOrEqual(2 * POLICY.firstDelayMs - 5);

    const workers = t.workers.length;
    t.workers.at(-1)?.crash('boom');
    expect(t.analyzer.state).toBe('failed');
    expect(t.analyzer.error).toBe(
      'The analysis engine stopped 3 times within 60 s and was not restarted again (last: it crashed (boom)).',
    );
    await expect(t.analyzer.start()).rejects.toMatchObject({ code: 'stopped' });
    await expect(t.analyzer.analyze(asBitmap(greyFrame()), 'live')).rejects.toThrow(
      /was not restarted again/,
    );
    await new Promise((resolve) => setTimeout(resolve, 3 * POLICY.firstDelayMs));
    expect(t.workers).toHaveLength(workers);
    expect(t.news.at(-1)?.kind).toBe('failed');

    await t.analyzer.retry();
    expect(t.analyzer.state).toBe('ready');
    expect(await t.analyzer.analyze(asBitmap(greyFrame()), 'live')).toMatchObject({ faces: [] });
    // A fresh count: the next loss restarts again.
    t.workers.at(-1)?.crash('boom');
    expect(t.analyzer.state).toBe('restarting');
    await t.analyzer.start();
  });

  it('a worker lost during the first load is restarted and loads', async () => {
    const t = supervised();
    const started = t.analyzer.start();
    await expect.poll(() => t.workers.length).toBe(1);
    t.workers[0]?.crash('lost at start');
    await started;
    expect(t.analyzer.state).toBe('ready');
    expect(t.workers).toHaveLength(2);
    expect(t.analyzer.restarts).toBe(1);
  });

  it('a hung frame restarts the engine; the next frame is analysed by the new worker', async () => {
    const t = supervised();
    await t.analyzer.start();
    (t.workers[0] as ChannelWorker).stuck = true;
    const error = await failure(t.analyzer.analyze(asBitmap(greyFrame()), 'live'));
    expect(isEngineLost(error)).toBe(true);
    expect(t.analyzer.state).toBe('restarting');
    expect(await t.analyzer.analyze(asBitmap(greyFrame()), 'live')).toMatchObject({ faces: [] });
    expect(t.workers[0]?.terminated).toBe(true);
  });

  it('retry is a plain start unless the engine has failed', async () => {
    const t = supervised();
    const unheard: EngineNews[] = [];
    const unsubscribe = t.analyzer.onEvent((n) => unheard.push(n));
    unsubscribe();
    await t.analyzer.retry();
    expect(t.analyzer.state).toBe('ready');
    expect(t.workers).toHaveLength(1);
    expect(t.news.map((n) => n.kind)).toEqual(['start', 'ready']);
    expect(unheard).toEqual([]);
  });
});
