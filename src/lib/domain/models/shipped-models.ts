/**
 * The roles the worker gives the shipped models (SHIPPED_MODELS in ./manifest.ts, built by
 * `npm run models`). No TensorFlow here: the worker, the build script and the evaluation share them.
 */
import { SHIPPED_MODELS, type ModelKind, type ShippedModelId } from './manifest';

const idsOfKind = (kind: ModelKind): ShippedModelId[] =>
  SHIPPED_MODELS.filter((m) => m.kind === kind).map((m) => m.id);

const [detector, ...otherDetectors] = idsOfKind('detector');
if (detector === undefined || otherDetectors.length > 0) {
  throw new Error('SHIPPED_MODELS must hold exactly one detector');
}

/**
 * MediaPipe's short-range BlazeFace: the live scans, the regions around the faces of the last
 * live frame, and every pass over a photo.
 */
export const DETECTOR_MODEL_ID: ShippedModelId = detector;

/**
 * The emotion classifiers the app runs on every face. With more than one, their probabilities are
 * averaged (an ensemble); the choice and its measurements are in models/README.md.
 */
export const EMOTION_MODEL_IDS: readonly ShippedModelId[] = idsOfKind('classifier');

/**
 * Test-time flip: also classify each face's mirror image and average, a common small gain on FER-2013
 * (faces are left-right symmetric in meaning) for twice the classifier time.
 */
export const EMOTION_TEST_TIME_FLIP = false;
