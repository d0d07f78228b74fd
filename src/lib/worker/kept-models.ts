/**
 * The model files a restarted worker is built from, so that a restart downloads nothing: the
 * first init hands its verified files to the page as Blobs (passed by reference, no copy on the
 * page's heap), and the page hands them to the next worker. They are checked against the current
 * manifest.json again before use: a deploy that changed a model, or bytes damaged in between,
 * fail the check, and then the models are downloaded as on a first start.
 */
import { fileMatchesManifest } from '../domain/models/manifest';
import { assembleModel, fetchManifest, type FetchedModel, type Progress } from './model-fetch';

export interface KeptModel {
  id: string;
  /** Each file of the model as served, by its name in the manifest (model.json included). */
  files: Record<string, Blob>;
}

export function keepModels(models: readonly FetchedModel[]): KeptModel[] {
  return models.map(({ id, files }) => ({
    id,
    files: Object.fromEntries([...files].map(([name, bytes]) => [name, new Blob([bytes])])),
  }));
}

/** The models of `ids` from `kept`, or null unless every file is there and matches the manifest. */
export async function restoreModels(
  baseUrl: string,
  ids: readonly string[],
  kept: readonly KeptModel[],
  onProgress: Progress,
): Promise<FetchedModel[] | null> {
  const manifest = await fetchManifest(baseUrl);
  const models: FetchedModel[] = [];
  for (const id of ids) {
    const entry = manifest.models[id];
    const files = kept.find((k) => k.id === id)?.files;
    if (!entry || !files) return null;
    const checked = new Map<string, ArrayBuffer>();
    for (const [name, expected] of Object.entries(entry.files)) {
      const bytes = await files[name]?.arrayBuffer();
      if (!bytes || !(await fileMatchesManifest(bytes, expected))) return null;
      checked.set(name, bytes);
    }
    models.push(assembleModel(id, entry, checked));
  }
  const total = models.reduce((sum, m) => sum + m.bytes, 0);
  onProgress(total, total);
  return models;
}
