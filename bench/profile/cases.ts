/** What gets profiled: every shipped model, on the input the app would give it. */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import path from 'node:path';
import type { ManifestModel } from '../../src/lib/domain/models/manifest';
import { TRACKER_SIZE } from '../../src/lib/worker/engine/face-detector';
import { graphModelFromFiles } from '../../src/lib/worker/engine/graph-model';
import { detectorInputSize, letterboxInput } from '../../scripts/lib/detector';
import { decodeImageFile } from '../../scripts/lib/images';
import { loadShippedModelFiles, readShippedManifest } from '../../scripts/lib/shipped-models';

/** Classifier batch sizes: one face (the photo page's usual case) and a small group photo. */
const CLASSIFIER_BATCHES = [1, 4];

/** One model on one input. */
export interface ProfileCase {
  label: string;
  model: GraphModel;
  input: tf.Tensor;
  /** Nodes to read instead of the model's outputs (the tracker's heads). */
  outputs?: readonly string[];
}

/** The detector's input as the pipeline would build it, so shapes and values are realistic. */
function detectorCase(id: string, model: GraphModel, photo: string): ProfileCase {
  const input = letterboxInput(decodeImageFile(photo), detectorInputSize(model));
  return { label: `${id} [${input.shape.join(',')}] (${path.basename(photo)})`, model, input };
}

/** The tracker as the app runs it: one region at TRACKER_SIZE, read at its heads. */
function trackerCase(id: string, model: GraphModel, photo: string): ProfileCase {
  const input = letterboxInput(decodeImageFile(photo), TRACKER_SIZE.run);
  const label = `${id} [${input.shape.join(',')}] (${path.basename(photo)})`;
  return { label, model, input, outputs: TRACKER_SIZE.heads };
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
    // The tracker is profiled on one region (a whole letterboxed photo stands in for it).
    if (entry.kind === 'tracker')
      cases.push(trackerCase(id, await graphModelFromFiles(files, { anyInputSize: true }), photo));
    else if (entry.kind === 'detector')
      cases.push(detectorCase(id, await graphModelFromFiles(files), photo));
    else cases.push(...classifierCases(id, await graphModelFromFiles(files), entry));
  }
  return cases;
}
