/** What gets profiled: every shipped model, on the input the app would give it. */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import path from 'node:path';
import type { ManifestModel } from '../../src/lib/domain/models/manifest';
import { DETECTOR_SIZE } from '../../src/lib/worker/engine/face-detector';
import { LIVE_TRACKING } from '../../src/lib/worker/engine/live-tracker';
import { graphModelFromFiles } from '../../src/lib/worker/engine/graph-model';
import { letterboxInput } from '../../scripts/lib/detector';
import { decodeImageFile } from '../../scripts/lib/images';
import { loadShippedModelFiles, readShippedManifest } from '../../scripts/lib/shipped-models';

/** Classifier batch sizes: one face (the photo page's usual case) and a small group photo. */
const CLASSIFIER_BATCHES = [1, 4];

/** One model on one input. */
export interface ProfileCase {
  label: string;
  model: GraphModel;
  input: tf.Tensor;
  /** Nodes to read instead of the model's outputs (the detector's heads). */
  outputs?: readonly string[];
}

/**
 * The detector as the app runs it, read at its heads: one tracked region at DETECTOR_SIZE.run,
 * and the live scan's larger pass (a whole letterboxed photo stands in for both).
 */
function detectorCases(id: string, model: GraphModel, photo: string): ProfileCase[] {
  const image = decodeImageFile(photo);
  return [DETECTOR_SIZE.run, Math.max(...LIVE_TRACKING.scanSides)].map((side) => {
    const input = letterboxInput(image, side);
    const label = `${id} [${input.shape.join(',')}] (${path.basename(photo)})`;
    return { label, model, input, outputs: DETECTOR_SIZE.heads };
  });
}

/**
 * Classifier inputs are random in [-1, 1]: conv and dense kernel times do not depend on pixel
 * values, and this avoids pulling face cropping into the bench.
 */
function classifierCases(id: string, model: GraphModel, entry: ManifestModel): ProfileCase[] {
  const [, h, w, c] = entry.input.shape;
  if (h === undefined || w === undefined || c === undefined) {
    throw new Error(`${id}: manifest input shape [${entry.input.shape.join(', ')}] is not 4-D`);
  }
  return CLASSIFIER_BATCHES.map((batch) => {
    const input = tf.randomUniform([batch, h, w, c], -1, 1, 'float32', 42);
    return { label: `${id} [${input.shape.join(',')}]`, model, input };
  });
}

/** Every model of manifest.json, loaded from static/models and checked, with its inputs. */
export async function shippedCases(photo: string): Promise<ProfileCase[]> {
  const manifest = await readShippedManifest();
  const cases: ProfileCase[] = [];
  for (const [id, entry] of Object.entries(manifest.models)) {
    const files = await loadShippedModelFiles(manifest, id);
    if (entry.kind === 'detector')
      cases.push(
        ...detectorCases(id, await graphModelFromFiles(files, { anyInputSize: true }), photo),
      );
    else cases.push(...classifierCases(id, await graphModelFromFiles(files), entry));
  }
  return cases;
}
