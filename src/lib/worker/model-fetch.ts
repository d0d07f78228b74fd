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

export interface FetchedModel {
  id: string;
  json: unknown;
  weights: Map<string, ArrayBuffer>;
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
  const manifest = (await (
    await fetchOk(new URL('manifest.json', baseUrl))
  ).json()) as ModelManifest;
  const entries = ids.map((id) => {
    const model = manifest.models[id];
    if (!model) throw new ModelIntegrityError(`The model manifest has no "${id}" model`);
    return [id, model] as const;
  });
  const total = entries.reduce((sum, [, m]) => sum + manifestModelBytes(m), 0);
  let loaded = 0;
  const progress = (bytes: number) => onProgress((loaded += bytes), total);
  const models: FetchedModel[] = [];
  for (const [id, model] of entries) models.push(await fetchModel(baseUrl, id, model, progress));
  return models;
}

async function fetchModel(
  baseUrl: string,
  id: string,
  model: ManifestModel,
  progress: (bytes: number) => void,
): Promise<FetchedModel> {
  const files = new Map<string, ArrayBuffer>();
  for (const [name, expected] of Object.entries(model.files)) {
    const buffer = await download(new URL(`${id}/${name}`, baseUrl), progress);
    if (!(await fileMatchesManifest(buffer, expected))) {
      throw new ModelIntegrityError(
        `Model file ${id}/${name} is damaged or out of date (checksum mismatch); reload to fetch it again`,
      );
    }
    files.set(name, buffer);
  }
  const jsonBytes = files.get('model.json');
  if (!jsonBytes) throw new ModelIntegrityError(`The manifest lists no model.json for "${id}"`);
  files.delete('model.json');
  return {
    id,
    json: JSON.parse(new TextDecoder().decode(jsonBytes)),
    weights: files,
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
