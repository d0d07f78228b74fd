/**
 * fetchModels against static/models served over HTTP by a small node:http server on 127.0.0.1:
 * the real manifest, the real files, the real integrity check. Requests can be altered per path.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  manifestModelBytes,
  SHIPPED_MODEL_IDS,
  type ModelManifest,
} from '../../../src/lib/domain/models/manifest';
import { EMOTION_MODEL_IDS } from '../../../src/lib/domain/models/shipped-models';
import { fetchModels, ModelIntegrityError } from '../../../src/lib/worker/model-fetch';
import { MANIFEST_PATH, SHIPPED_MODELS_DIR } from '../../../scripts/lib/paths';
import { shippedEntry } from '../../../scripts/lib/shipped-models';

/** A different answer for one URL path (a tampered file, an error), given the file's bytes. */
type Override = (res: ServerResponse, bytes: Buffer | undefined) => void;
const overrides = new Map<string, Override>();

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = path.join(SHIPPED_MODELS_DIR, urlPath.replace(/^\/models\//, ''));
  const bytes = file.startsWith(SHIPPED_MODELS_DIR)
    ? await readFile(file).catch(() => undefined)
    : undefined;
  const override = overrides.get(urlPath);
  if (override) override(res, bytes);
  else if (bytes) res.writeHead(200, { 'content-length': bytes.byteLength }).end(bytes);
  else res.writeHead(404).end();
}

const server = createServer((req, res) => void answer(req, res));
let base = '';
const manifest = JSON.parse(await readFile(MANIFEST_PATH, 'utf8')) as ModelManifest;
const entryOf = (id: string) => shippedEntry(manifest, id);
/** The model the single-model cases fetch: the first classifier. */
const CLASSIFIER = EMOTION_MODEL_IDS[0] as string;
const totalBytes = SHIPPED_MODEL_IDS.reduce((sum, id) => sum + manifestModelBytes(entryOf(id)), 0);

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  overrides.clear();
  vi.restoreAllMocks();
});

function tampered(bytes: Buffer | undefined): Buffer {
  const copy = Buffer.from(bytes ?? []);
  copy[100] = (copy[100] ?? 0) ^ 0xff;
  return copy;
}

describe('fetchModels', () => {
  it('downloads every model, reports progress up to the total, and parses model.json', async () => {
    const progress: [number, number][] = [];
    const models = await fetchModels(base, SHIPPED_MODEL_IDS, (loaded, total) =>
      progress.push([loaded, total]),
    );
    expect(models.map((m) => m.id)).toEqual(SHIPPED_MODEL_IDS);
    expect(progress.at(-1)).toEqual([totalBytes, totalBytes]);
    expect(progress.every(([, total]) => total === totalBytes)).toBe(true);
    const loaded = progress.map(([l]) => l);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    for (const model of models) {
      const entry = entryOf(model.id);
      expect(model.quantization).toBe(entry.quantization.dtype);
      expect(model.bytes).toBe(manifestModelBytes(entry));
      expect((model.json as { format?: string }).format).toBe('graph-model');
      expect([...model.weights.keys()]).toEqual(['weights.bin']);
      expect(model.weights.get('weights.bin')?.byteLength).toBe(entry.files['weights.bin']?.bytes);
    }
  });

  it('refuses a file with one byte changed, after fetching it once more', async () => {
    let served = 0;
    overrides.set(`/models/${CLASSIFIER}/weights.bin`, (res, bytes) => {
      served += 1;
      res.writeHead(200).end(tampered(bytes));
    });
    await expect(fetchModels(base, [CLASSIFIER], () => {})).rejects.toThrow(ModelIntegrityError);
    expect(served).toBe(2);
    await expect(fetchModels(base, [CLASSIFIER], () => {})).rejects.toThrow(
      `Model file ${CLASSIFIER}/weights.bin is damaged or out of date (checksum mismatch), also when fetched again from the server`,
    );
  });

  it('a file damaged once is fetched again past the HTTP cache, and used when good', async () => {
    let served = 0;
    overrides.set(`/models/${CLASSIFIER}/weights.bin`, (res, bytes) => {
      served += 1;
      res.writeHead(200).end(served === 1 ? tampered(bytes) : bytes);
    });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const [model] = await fetchModels(base, [CLASSIFIER], () => {});
    expect(model?.weights.get('weights.bin')?.byteLength).toBe(
      entryOf(CLASSIFIER).files['weights.bin']?.bytes,
    );
    expect(fetchSpy.mock.calls.at(-1)?.[1]).toEqual({ cache: 'reload' });
  });

  it('says so when the second try cannot reach the file', async () => {
    let served = 0;
    overrides.set(`/models/${CLASSIFIER}/model.json`, (res, bytes) => {
      served += 1;
      if (served === 1) res.writeHead(200).end(tampered(bytes));
      else res.writeHead(503).end();
    });
    await expect(fetchModels(base, [CLASSIFIER], () => {})).rejects.toThrow(
      `Model file ${CLASSIFIER}/model.json is damaged or out of date (checksum mismatch), and fetching it again failed (HTTP 503); reload once the server can be reached`,
    );
  });

  it('refuses an id the manifest does not list, before downloading any model', async () => {
    const progress = vi.fn();
    await expect(fetchModels(base, [CLASSIFIER, 'no-such-model'], progress)).rejects.toThrow(
      new ModelIntegrityError('The model manifest has no "no-such-model" model'),
    );
    expect(progress).not.toHaveBeenCalled();
  });

  it('fails on an HTTP error, naming the file and the status', async () => {
    overrides.set('/models/face-detector/model.json', (res) => {
      res.writeHead(404).end();
    });
    const error = await fetchModels(base, ['face-detector'], () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ModelIntegrityError);
    expect((error as Error).message).toBe(
      'Could not download /models/face-detector/model.json (HTTP 404)',
    );
  });

  it('fails when the manifest itself is missing', async () => {
    await expect(fetchModels(`${base}missing/`, [CLASSIFIER], () => {})).rejects.toThrow(
      /manifest\.json \(HTTP 404\)/,
    );
  });

  it('refuses an empty answer (no body) as damaged', async () => {
    overrides.set(`/models/${CLASSIFIER}/model.json`, (res) => {
      res.writeHead(204).end();
    });
    await expect(fetchModels(base, [CLASSIFIER], () => {})).rejects.toThrow(ModelIntegrityError);
  });

  it('reads whole files where the response has no body stream, still checked', async () => {
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      const bytes = await response.arrayBuffer();
      return {
        ok: response.ok,
        status: response.status,
        body: null,
        arrayBuffer: async () => bytes,
        json: async () => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
      } as Response;
    });
    const progress: number[] = [];
    const [model] = await fetchModels(base, [CLASSIFIER], (loaded) => progress.push(loaded));
    const emotion = entryOf(CLASSIFIER);
    // Without a stream each file counts once, whole, in whichever order the parallel downloads end.
    const steps = progress.map((loaded, i) => loaded - (progress[i - 1] ?? 0));
    const fileBytes = Object.values(emotion.files).map((file) => file.bytes);
    expect(steps.sort((a, b) => a - b)).toEqual(fileBytes.sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(manifestModelBytes(emotion));
    expect(model?.weights.get('weights.bin')?.byteLength).toBe(emotion.files['weights.bin']?.bytes);
  });
});

/**
 * Cache Storage, which Node lacks, in memory; `fetch` answers from it first, as the service
 * worker's precache does in the browser, and goes to the server on a miss.
 */
function fakeCacheStorage() {
  const stores = new Map<string, Map<string, Response>>();
  const strip = (url: string) => url.split('?')[0];
  const open = async (name: string): Promise<Cache> => {
    const store = stores.get(name) ?? new Map<string, Response>();
    stores.set(name, store);
    const find = (url: string, ignoreSearch?: boolean) =>
      [...store.keys()].filter((k) => (ignoreSearch ? strip(k) === strip(url) : k === url));
    return {
      keys: async (url: string, options?: CacheQueryOptions) =>
        find(url, options?.ignoreSearch).map((k) => new Request(k)),
      match: async (key: Request) => store.get(key.url)?.clone(),
      delete: async (key: Request) => store.delete(key.url),
      put: async (key: Request, response: Response) => void store.set(key.url, response),
    } as unknown as Cache;
  };
  const match = (url: string) => {
    for (const store of stores.values()) {
      for (const [k, response] of store) if (strip(k) === strip(url)) return response.clone();
    }
    return undefined;
  };
  return { stores, open, keys: async () => [...stores.keys()], match };
}

describe('a damaged copy in Cache Storage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is dropped from every cache, fetched again, and cached again with the good bytes', async () => {
    const caches = fakeCacheStorage();
    vi.stubGlobal('caches', caches);
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: URL, init?: RequestInit) => {
      return caches.match(String(input)) ?? realFetch(input, init);
    });
    const url = `${base}${CLASSIFIER}/weights.bin`;
    const good = await (await realFetch(url)).arrayBuffer();
    const damaged = tampered(Buffer.from(good));
    const precache = await caches.open('emotion-detector-precache-v1');
    const key = new Request(`${url}?__WB_REVISION__=abc`);
    await precache.put(
      key,
      new Response(new Uint8Array(damaged), { headers: { 'content-type': 'x/y' } }),
    );
    await caches.open('emotion-detector-runtime-v1');

    const [model] = await fetchModels(base, [CLASSIFIER], () => {});
    expect(model?.weights.get('weights.bin')?.byteLength).toBe(good.byteLength);
    const cached = await precache.match(key);
    expect(Buffer.from(await cached!.arrayBuffer()).equals(Buffer.from(good))).toBe(true);
    expect(cached?.headers.get('content-type')).toBe('x/y');
    expect(caches.stores.get('emotion-detector-runtime-v1')?.size).toBe(0);
  });

  it('when Cache Storage refuses, the server still decides', async () => {
    vi.stubGlobal('caches', {
      keys: () => Promise.reject(new DOMException('denied', 'SecurityError')),
    });
    let served = 0;
    overrides.set(`/models/${CLASSIFIER}/weights.bin`, (res, bytes) => {
      served += 1;
      res.writeHead(200).end(served === 1 ? tampered(bytes) : bytes);
    });
    const [model] = await fetchModels(base, [CLASSIFIER], () => {});
    expect(model?.id).toBe(CLASSIFIER);
  });
});
