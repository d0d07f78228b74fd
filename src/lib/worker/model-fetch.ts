/**
 * Downloads the models from our own origin, with progress, and checks every file against the
 * sha256 in manifest.json before anything is built from it. No TensorFlow here: bytes only.
 */
import {
  fileMatchesManifest,
  manifestModelBytes,
  type ManifestModel,
  type ModelManifest,
} from '../domain/models/manifest';
import { errorText } from '../domain/error-text';

export interface FetchedModel {
  id: string;
  json: unknown;
  weights: Map<string, ArrayBuffer>;
  /** Every file as checked against the manifest, model.json included (kept for a restart). */
  files: Map<string, ArrayBuffer>;
  quantization: string;
  bytes: number;
}

export class ModelIntegrityError extends Error {}

export type Progress = (loaded: number, total: number) => void;

export async function fetchModels(
  baseUrl: string,
  ids: readonly string[],
  onProgress: Progress,
): Promise<FetchedModel[]> {
  const manifest = await fetchManifest(baseUrl);
  const entries = ids.map((id) => {
    const model = manifest.models[id];
    if (!model) throw new ModelIntegrityError(`The model manifest has no "${id}" model`);
    return [id, model] as const;
  });
  const total = entries.reduce((sum, [, m]) => sum + manifestModelBytes(m), 0);
  let loaded = 0;
  const progress = (bytes: number) => onProgress((loaded += bytes), total);
  // All at once: on a second visit each file is a round trip to the service worker, not a download.
  return Promise.all(entries.map(([id, model]) => fetchModel(baseUrl, id, model, progress)));
}

async function fetchModel(
  baseUrl: string,
  id: string,
  model: ManifestModel,
  progress: (bytes: number) => void,
): Promise<FetchedModel> {
  const names = Object.keys(model.files);
  const buffers = await Promise.all(
    Object.entries(model.files).map(([name, expected]) =>
      fetchChecked(baseUrl, id, name, expected, progress),
    ),
  );
  return assembleModel(id, model, new Map(names.map((name, i) => [name, buffers[i]!])));
}

/** One file, checked; a damaged copy is dropped from the caches and fetched once more. */
async function fetchChecked(
  baseUrl: string,
  id: string,
  name: string,
  expected: ManifestModel['files'][string],
  progress: (bytes: number) => void,
): Promise<ArrayBuffer> {
  const url = new URL(`${id}/${name}`, baseUrl);
  let buffer = await download(url, progress);
  if (!(await fileMatchesManifest(buffer, expected))) {
    // A damaged copy in Cache Storage (the service worker's precache) would be served again on
    // every reload: drop it, and ask the server once more.
    const dropped = await dropCached(url);
    buffer = await fetchAgain(url, `${id}/${name}`);
    if (!(await fileMatchesManifest(buffer, expected))) {
      throw new ModelIntegrityError(
        `Model file ${id}/${name} is damaged or out of date (checksum mismatch), also when fetched again from the server`,
      );
    }
    await refill(dropped, buffer);
  }
  return buffer;
}

/** Past the HTTP cache too; progress was already counted for the first copy. */
async function fetchAgain(url: URL, file: string): Promise<ArrayBuffer> {
  try {
    const response = await fetch(url, { cache: 'reload' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.arrayBuffer();
  } catch (e) {
    throw new ModelIntegrityError(
      `Model file ${file} is damaged or out of date (checksum mismatch), and fetching it again failed (${errorText(e)}); reload once the server can be reached`,
    );
  }
}

/** Every cached copy of `url`, whatever its query (Workbox adds a revision); none where Cache Storage is missing. */
async function cachedCopies(url: URL): Promise<{ cache: Cache; key: Request }[]> {
  if (typeof caches === 'undefined') return [];
  const copies: { cache: Cache; key: Request }[] = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const key of await cache.keys(url.href, { ignoreSearch: true }))
      copies.push({ cache, key });
  }
  return copies;
}

interface DroppedCopy {
  cache: Cache;
  key: Request;
  headers: Headers;
}

/** Deletes every cached copy of `url`; returns where they were, to be refilled with good bytes. */
async function dropCached(url: URL): Promise<DroppedCopy[]> {
  const dropped: DroppedCopy[] = [];
  try {
    for (const { cache, key } of await cachedCopies(url)) {
      const headers = new Headers((await cache.match(key))?.headers);
      headers.delete('content-length'); // the damaged copy's, perhaps cut short
      await cache.delete(key);
      dropped.push({ cache, key, headers });
    }
  } catch {
    // Cache Storage refused (storage off): the server's answer still decides.
  }
  return dropped;
}

/** The good bytes go back under the keys the damaged copy had, so that offline use keeps working. */
async function refill(dropped: DroppedCopy[], buffer: ArrayBuffer): Promise<void> {
  try {
    for (const { cache, key, headers } of dropped)
      await cache.put(key, new Response(buffer, { headers }));
  } catch {
    // Not cached again: the next visit fetches it from the network.
  }
}

export async function fetchManifest(baseUrl: string): Promise<ModelManifest> {
  return (await (await fetchOk(new URL('manifest.json', baseUrl))).json()) as ModelManifest;
}

/** A model from its files, each already checked against `model`'s entry in the manifest. */
export function assembleModel(
  id: string,
  model: ManifestModel,
  files: Map<string, ArrayBuffer>,
): FetchedModel {
  const jsonBytes = files.get('model.json');
  if (!jsonBytes) throw new ModelIntegrityError(`The manifest lists no model.json for "${id}"`);
  const weights = new Map(files);
  weights.delete('model.json');
  return {
    id,
    json: JSON.parse(new TextDecoder().decode(jsonBytes)),
    weights,
    files,
    quantization: model.quantization.dtype,
    bytes: manifestModelBytes(model),
  };
}

async function fetchOk(url: URL): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not download ${url.pathname} (HTTP ${response.status})`);
  return response;
}

async function download(url: URL, progress: (bytes: number) => void): Promise<ArrayBuffer> {
  const response = await fetchOk(url);
  if (!response.body) {
    const buffer = await response.arrayBuffer();
    progress(buffer.byteLength);
    return buffer;
  }
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    progress(value.byteLength);
  }
  return new Blob(chunks as BlobPart[]).arrayBuffer();
}
