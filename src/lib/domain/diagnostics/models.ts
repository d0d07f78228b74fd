/** Each loaded model as the diagnostics page lists it: what the engine loaded, and its checksums. */
import type { ModelManifest } from '../models/manifest';

export interface LoadedModel {
  id: string;
  quantization: string;
  bytes: number;
}

export interface ModelDescription extends LoadedModel {
  /** sha256 (hex) of each of the model's files, by file name; empty without a manifest. */
  sha256: Record<string, string>;
}

export function describeModels(
  loaded: readonly LoadedModel[],
  manifest: ModelManifest | null,
): ModelDescription[] {
  return loaded.map((model) => {
    const files = manifest?.models[model.id]?.files ?? {};
    return {
      ...model,
      sha256: Object.fromEntries(Object.entries(files).map(([name, f]) => [name, f.sha256])),
    };
  });
}
