/**
 * The page's InferenceClient on its own: when it starts and stops its worker, and how calls end.
 * Its workers run the real worker API (on an Engine without models, which answers at once); only
 * a worker that never answers is made up, as no real one can be made to hang on cue.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  InferenceClient,
  InferenceError,
  type WorkerLike,
} from '../../../src/lib/inference/client';
import { createApi } from '../../../src/lib/worker/api';
import { Engine } from '../../../src/lib/worker/engine/engine';
import { ChannelWorker } from '../worker/harness/channel-worker';
import { asBitmap, greyFrame, RgbaFrameReader } from '../worker/harness/rgba-frames';

const frame = () => ({ bitmap: asBitmap(greyFrame()), mode: 'live' as const });

/** The real API over a MessageChannel; its Engine has no models, so it answers 'not-ready'. */
function realWorkers() {
  const started: ChannelWorker[] = [];
  const startWorker = vi.fn(() => {
    const worker = new ChannelWorker(createApi(new Engine(new RgbaFrameReader())));
    started.push(worker);
    return worker;
  });
  return { started, startWorker };
}

/** A worker that takes every request and never answers. */
function silentWorker(): WorkerLike & { requests: unknown[]; terminated: boolean } {
  return {
    requests: [],
    terminated: false,
    postMessage(message) {
      this.requests.push(message);
    },
    addEventListener: () => {},
    terminate() {
      this.terminated = true;
    },
  };
}

let client: InferenceClient | undefined;
afterEach(() => client?.terminate());

const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => 'resolved',
    (e: unknown) => (e instanceof InferenceError ? e.code : e),
  );

describe('inference client', () => {
  it('starts its worker on the first call, then keeps using it', async () => {
    const { started, startWorker } = realWorkers();
    client = new InferenceClient({ startWorker });
    expect(client.running).toBe(false);
    expect(startWorker).not.toHaveBeenCalled();
    expect(await codeOf(client.analyze(frame()))).toBe('not-ready');
    expect(await codeOf(client.analyze(frame()))).toBe('not-ready');
    expect(startWorker).toHaveBeenCalledTimes(1);
    expect(client.running).toBe(true);
    expect(started[0]?.terminated).toBe(false);
  });

  it('a call aborted beforehand is not sent, and starts no worker', async () => {
    const { startWorker } = realWorkers();
    client = new InferenceClient({ startWorker });
    const error = await client.analyze(frame(), { signal: AbortSignal.abort() }).catch((e) => e);
    expect(error).toBeInstanceOf(InferenceError);
    expect(error).toMatchObject({ code: 'aborted', message: 'The analysis was cancelled' });
    expect(await codeOf(client.init({ modelBaseUrl: '/' }, { signal: AbortSignal.abort() }))).toBe(
      'aborted',
    );
    expect(startWorker).not.toHaveBeenCalled();
  });

  it('a call aborted in flight rejects at once; the late reply goes nowhere', async () => {
    const { startWorker } = realWorkers();
    client = new InferenceClient({ startWorker });
    const controller = new AbortController();
    const call = codeOf(client.analyze(frame(), { signal: controller.signal }));
    controller.abort();
    expect(await call).toBe('aborted');
    // The worker's reply to it arrives meanwhile and is dropped; the next call has its own.
    expect(await codeOf(client.analyze(frame()))).toBe('not-ready');
  });

  it('a call that takes too long is given up by its timeout signal', async () => {
    const worker = silentWorker();
    client = new InferenceClient({ startWorker: () => worker });
    const error = await client
      .analyze(frame(), { signal: AbortSignal.timeout(20) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'aborted',
      message: 'The analysis took too long and was given up',
    });
    expect(worker.requests).toHaveLength(1);
  });

  it('shuts an idle worker down, and starts a fresh one for the next call', async () => {
    const { started, startWorker } = realWorkers();
    client = new InferenceClient({ startWorker, idleMs: 20 });
    expect(await codeOf(client.analyze(frame()))).toBe('not-ready');
    await expect.poll(() => client?.running).toBe(false);
    expect(started[0]?.terminated).toBe(true);
    expect(await codeOf(client.analyze(frame()))).toBe('not-ready');
    expect(started).toHaveLength(2);
    expect(started[1]?.terminated).toBe(false);
  });

  it('does not shut a worker down while a call is in flight', async () => {
    const worker = silentWorker();
    client = new InferenceClient({ startWorker: () => worker, idleMs: 10 });
    const call = codeOf(client.analyze(frame()));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(worker.terminated).toBe(false);
    client.terminate();
    expect(await call).toBe('stopped');
    expect(worker.terminated).toBe(true);
  });

  it('a crashed worker fails the calls in flight; the next call starts a new one', async () => {
    const { started, startWorker } = realWorkers();
    client = new InferenceClient({ startWorker });
    const first = client.analyze(frame());
    const second = client.analyze(frame());
    started[0]?.crash('');
    for (const call of [first, second]) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'worker-crashed',
        message: 'The analysis engine stopped: it could not start',
      });
    }
    expect(started[0]?.terminated).toBe(true);
    expect(client.running).toBe(false);
    expect(await codeOf(client.analyze(frame()))).toBe('not-ready');
    expect(started).toHaveLength(2);
  });

  it('a failed init is not remembered: a restarted worker is not loaded with it', async () => {
    const { started, startWorker } = realWorkers();
    client = new InferenceClient({ startWorker, idleMs: 10 });
    expect(await codeOf(client.init({ modelBaseUrl: 'http://127.0.0.1:1/models/' }))).toBe(
      'model-load',
    );
    await expect.poll(() => client?.running).toBe(false);
    expect(await codeOf(client.analyze(frame()))).toBe('not-ready');
    expect(started).toHaveLength(2);
  });
});
