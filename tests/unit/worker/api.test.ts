/**
 * The worker's API as the page meets it: `expose(api)` on one end of a MessageChannel, the page's
 * real InferenceClient on the other, the shipped models downloaded from a local HTTP server and
 * run on TF.js's WASM backend. Errors arrive as values and become InferenceErrors on the page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FrameAnalysis } from '../../../src/lib/domain/analysis/types';
import { InferenceClient, InferenceError } from '../../../src/lib/inference/client';
import { createApi, type InitResult, type WorkerApi } from '../../../src/lib/worker/api';
import { Engine } from '../../../src/lib/worker/engine/engine';
import { expose } from '../../../src/lib/worker/expose';
import type {
  Api,
  ProgressMessage,
  ReplyMessage,
  RequestMessage,
} from '../../../src/lib/worker/protocol';
import { decodeImageFile } from '../../../scripts/lib/images';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { describeWithSharedData, sharedData } from '../shared-data';
import { ChannelWorker } from './harness/channel-worker';
import { serveModels, type ModelServer } from './harness/model-server';
import { asBitmap, downscale, greyFrame, RgbaFrameReader } from './harness/rgba-frames';

const server: ModelServer = await serveModels();
beforeAll(() => initNodeBackend('wasm'));
afterAll(() => server.close());

/** A client whose workers each run the real API on a fresh Engine, as a real worker would. */
function setup(idleMs?: number) {
  const workers: ChannelWorker[] = [];
  const client = new InferenceClient({
    idleMs,
    startWorker: () => {
      const worker = new ChannelWorker(createApi(new Engine(new RgbaFrameReader())));
      workers.push(worker);
      return worker;
    },
  });
  return { client, workers, params: { modelBaseUrl: server.base, backends: ['wasm' as const] } };
}

let client: InferenceClient | undefined;
afterEach(() => client?.terminate());

const rejection = (work: Promise<unknown>) =>
  work.then(
    () => expect.unreachable('it should have failed'),
    (e: unknown) => {
      expect(e).toBeInstanceOf(InferenceError);
      return e as InferenceError;
    },
  );

const greyBitmap = (width?: number, height?: number) => asBitmap(greyFrame(width, height));
const frameInput = (width?: number, height?: number) => {
  const bitmap = greyBitmap(width, height);
  return { params: { bitmap, mode: 'live' as const }, transfer: [bitmap] };
};

describe('worker API errors, as values', () => {
  it('analyze before init: not-ready', async () => {
    const t = setup();
    client = t.client;
    const error = await rejection(t.client.analyze(frameInput().params));
    expect(error).toMatchObject({ code: 'not-ready', message: 'The models are not loaded yet' });
  });

  it('init from a folder without models: model-load', async () => {
    const t = setup();
    client = t.client;
    const init = t.client.init({ modelBaseUrl: `${server.base}missing/` });
    const error = await rejection(init);
    expect(error.code).toBe('model-load');
    expect(error.message).toMatch(/404/);
  });

  it('a method the API lacks, or one that throws: bad-request', async () => {
    const api = {
      fails: async (): Promise<never> => {
        throw new Error('out of cheese');
      },
    };
    const { port1, port2 } = new MessageChannel();
    expose(api, port2);
    const replies: unknown[] = [];
    port1.addEventListener('message', (event) => replies.push(event.data));
    port1.postMessage({ kind: 'request', id: 1, method: 'fails', params: null });
    port1.postMessage({ kind: 'request', id: 2, method: 'toString', params: null });
    port1.postMessage({ kind: 'something else' });
    await expect.poll(() => replies.length).toBe(2);
    port1.close();
    expect(replies).toEqual(
      expect.arrayContaining([
        {
          kind: 'reply',
          id: 1,
          method: 'fails',
          ok: false,
          error: { code: 'bad-request', message: 'out of cheese' },
        },
        {
          kind: 'reply',
          id: 2,
          method: 'toString',
          ok: false,
          error: { code: 'bad-request', message: 'The worker has no method "toString"' },
        },
      ]),
    );
  });
});

describe('worker API with the shipped models', () => {
  const t = setup(200);
  const progress: number[] = [];
  let info: InitResult;

  beforeAll(async () => {
    info = await t.client.init(t.params, { onProgress: (p) => progress.push(p.loaded / p.total) });
  });
  afterAll(() => t.client.terminate());

  it('loads, reporting the download as it goes', () => {
    expect(info.backend.name).toBe('wasm');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(1);
    expect(t.workers).toHaveLength(1);
  });

  it('analyses a frame', async () => {
    const { params, transfer } = frameInput();
    const analysis = await t.client.analyze(params, { transfer });
    expect(analysis).toMatchObject({ width: 64, height: 48, faces: [], backend: 'wasm' });
  });

  it('an aborted call rejects at once; its late reply is dropped', async () => {
    const controller = new AbortController();
    const call = t.client.analyze(frameInput().params, { signal: controller.signal });
    controller.abort();
    expect(await rejection(call)).toMatchObject({
      code: 'aborted',
      message: 'The analysis was cancelled',
    });
    // The worker still answers it; the next call gets its own answer, not that one.
    const next = await t.client.analyze(frameInput(80, 60).params);
    expect(next).toMatchObject({ width: 80, height: 60 });
  });

  it('an idle worker is shut down; the next call starts one and rebuilds the same models from the files kept, downloading none', async () => {
    const modelFiles = () => server.requests.filter((p) => p !== '/models/manifest.json');
    const downloaded = modelFiles().length;
    expect(downloaded).toBeGreaterThan(3);
    await expect.poll(() => t.client.running, { timeout: 5000 }).toBe(false);
    expect(t.workers[0]?.terminated).toBe(true);
    const analysis = await t.client.analyze(frameInput().params);
    expect(analysis.backend).toBe('wasm');
    expect(t.workers).toHaveLength(2);
    // The manifest is read again, to check the kept files against; the models are not.
    expect(server.requests.filter((p) => p === '/models/manifest.json')).toHaveLength(2);
    expect(modelFiles()).toHaveLength(downloaded);
  });

  it('a request the engine cannot take is answered as a bad request', async () => {
    const bitmap = null as unknown as ImageBitmap;
    const error = await rejection(t.client.analyze({ bitmap, mode: 'live' }));
    expect(error.code).toBe('bad-request');
  });

  it('a crashed worker rejects the calls in flight; the next call starts afresh', async () => {
    const call = t.client.analyze(frameInput().params);
    t.workers.at(-1)?.crash('wasm memory access out of bounds');
    expect(await rejection(call)).toMatchObject({
      code: 'worker-crashed',
      message: 'The analysis engine stopped: it crashed (wasm memory access out of bounds)',
    });
    expect(t.workers.at(-1)?.terminated).toBe(true);
    const workers = t.workers.length;
    await t.client.analyze(frameInput().params);
    expect(t.workers.length).toBe(workers + 1);
  });

  it('terminate stops the worker and forgets the models', async () => {
    const workers = t.workers.length;
    t.client.terminate();
    expect(t.workers.at(-1)?.terminated).toBe(true);
    expect(await rejection(t.client.analyze(frameInput().params))).toMatchObject({
      code: 'not-ready',
    });
    expect(t.workers.length).toBe(workers + 1);
    await t.client.init(t.params);
  });

  describeWithSharedData('faces', 'on a real photo', () => {
    it('finds the face', async () => {
      const frame = downscale(decodeImageFile(sharedData('faces', 'neutral-woman.jpg')), 2);
      const bitmap = asBitmap(frame);
      const analysis: FrameAnalysis = await t.client.analyze(
        { bitmap, mode: 'photo' },
        { transfer: [bitmap] },
      );
      expect(analysis.faces).toHaveLength(1);
      expect(analysis.faces[0]?.pixels).not.toBeNull();
    });

    it('sends a photo’s whole-image faces as progress before the reply', async () => {
      const frame = decodeImageFile(sharedData('faces', 'meeting-group.jpg'));
      const bitmap = asBitmap(frame);
      const firsts: FrameAnalysis[] = [];
      const analysis = await t.client.analyze(
        { bitmap, mode: 'photo' },
        { transfer: [bitmap], onProgress: (first) => firsts.push(first) },
      );
      expect(firsts).toHaveLength(1);
      expect(firsts[0]?.width).toBe(analysis.width);
      expect(firsts[0]?.faces.length).toBeGreaterThan(0);
      expect(firsts[0]?.faces.length).toBeLessThanOrEqual(analysis.faces.length);
    });
  });
});

describe('protocol types follow the API', () => {
  type Reply = ReplyMessage<WorkerApi>;
  type Progress = ProgressMessage<WorkerApi>;
  type Request = RequestMessage<WorkerApi>;

  it('a message must carry its own method’s params, progress and value (checked by tsc)', () => {
    const value = {} as FrameAnalysis;
    const bitmap = greyBitmap();
    const right: Reply = { kind: 'reply', id: 1, method: 'analyze', ok: true, value };
    // @ts-expect-error an init reply cannot carry a frame analysis
    const wrong: Reply = { kind: 'reply', id: 1, method: 'init', ok: true, value };
    const firstFaces: Progress = { kind: 'progress', id: 1, method: 'analyze', progress: value };
    const noProgress: Progress = {
      kind: 'progress',
      id: 1,
      method: 'analyze',
      // @ts-expect-error analyze reports a photo's first faces, not a download
      progress: { loaded: 1, total: 2 },
    };
    // @ts-expect-error init's params are not analyze's
    const badParams: Request = { kind: 'request', id: 1, method: 'init', params: { bitmap } };
    const api: Api = createApi();
    expect([right, wrong, firstFaces, noProgress, badParams, api]).toHaveLength(6);
  });
});
