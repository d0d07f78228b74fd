/** Reads a TF.js graph model (model.json + its weight files) from disk into ModelFiles. */
import type * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelFiles } from '../../src/lib/worker/engine/graph-model';
import { weightByteLength, type WeightSpec } from '../../models/scripts/quantize';

export type { ModelFiles };

/** Loads `dir/model.json` and the weight files its weightsManifest names. */
export function loadModelFiles(dir: string): Promise<ModelFiles> {
  return loadModelFilesFromJson(path.join(dir, 'model.json'));
}

/**
 * Loads a graph model from any model JSON file (e.g. human-models' `emotion.json`); weight paths
 * are resolved next to it. Checks that the weight bytes match what the manifest describes.
 */
export async function loadModelFilesFromJson(jsonPath: string): Promise<ModelFiles> {
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch {
    throw new Error(`Cannot read model file ${jsonPath}`);
  }
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(text) as tf.io.ModelJSON;
  } catch {
    throw new Error(`${jsonPath} is not valid JSON`);
  }
  if (
    json.format !== 'graph-model' ||
    !json.modelTopology ||
    !Array.isArray(json.weightsManifest)
  ) {
    throw new Error(
      `${jsonPath} is not a TF.js graph model (format, modelTopology, weightsManifest)`,
    );
  }
  const dir = path.dirname(jsonPath);
  const weights = new Map<string, ArrayBuffer>();
  for (const group of json.weightsManifest) {
    const expected = (group.weights as WeightSpec[]).reduce((s, w) => s + weightByteLength(w), 0);
    let actual = 0;
    for (const p of group.paths) {
      if (path.isAbsolute(p) || p.split(/[\\/]/).includes('..')) {
        throw new Error(`${jsonPath}: weight path ${p} leaves the model folder`);
      }
      let buf: Buffer;
      try {
        buf = await readFile(path.join(dir, p));
      } catch {
        throw new Error(`Cannot read weight file ${path.join(dir, p)}`);
      }
      weights.set(
        p,
        buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer,
      );
      actual += buf.byteLength;
    }
    if (actual !== expected) {
      throw new Error(
        `${jsonPath}: weight files ${group.paths.join(', ')} hold ${actual} bytes, manifest needs ${expected}`,
      );
    }
  }
  return { json, weights };
}
