/**
 * The models the worker loads, by their folder under static/models (built from models/models.config.ts).
 * No TensorFlow here: the ids are shared by the worker, the build script and the evaluation.
 */
export const DETECTOR_MODEL_ID = 'face-detector';

/**
 * The emotion classifiers the app runs on every face. With more than one, their probabilities are
 * averaged (an ensemble); the choice and its measurements are in models/README.md.
 */
export const EMOTION_MODEL_IDS: readonly string[] = ['emotion', 'emotion-fer'];

/**
 * Test-time flip: also classify each face's mirror image and average, a common small gain on FER-2013
 * (faces are left-right symmetric in meaning) for twice the classifier time.
 */
export const EMOTION_TEST_TIME_FLIP = false;
