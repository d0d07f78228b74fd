/** The app's own face pipeline, built in Node from the shipped models (tests and eval:faces). */
import path from 'node:path';
import {
  DETECTOR_MODEL_ID,
  EMOTION_MODEL_IDS,
  EMOTION_TEST_TIME_FLIP,
} from '../../src/lib/domain/models/shipped-models';
import { EmotionClassifier } from '../../src/lib/worker/engine/emotion-classifier';
import { DETECTOR_SIZE, faceDetectorFromFiles } from '../../src/lib/worker/engine/face-detector';
import { graphModelFromFiles } from '../../src/lib/worker/engine/graph-model';
import { FacePipeline } from '../../src/lib/worker/engine/pipeline';
import { loadModelFiles } from './model-files';
import { SHIPPED_MODELS_DIR } from './paths';

export async function loadShippedPipeline(): Promise<FacePipeline> {
  const files = (id: string) => loadModelFiles(path.join(SHIPPED_MODELS_DIR, id));
  const load = async (id: string) => graphModelFromFiles(await files(id));
  return new FacePipeline(
    new EmotionClassifier(await Promise.all(EMOTION_MODEL_IDS.map(load)), EMOTION_TEST_TIME_FLIP),
    await faceDetectorFromFiles(await files(DETECTOR_MODEL_ID), DETECTOR_SIZE),
  );
}
