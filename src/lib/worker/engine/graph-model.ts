import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';

/** A TF.js graph model as it lies on disk or on the wire: model.json and its weight files. */
export interface ModelFiles {
  /** Parsed model.json. */
  json: tf.io.ModelJSON;
  /** Weight file contents by the path names used in model.json's weightsManifest. */
  weights: Map<string, ArrayBuffer>;
}

/** Loads a graph model from bytes already in memory, so that fetching (and checksums) stay at the edge. */
export async function graphModelFromFiles(files: ModelFiles): Promise<GraphModel> {
  const groups = files.json.weightsManifest;
  const weightSpecs = groups.flatMap((group) => group.weights);
  const buffers = groups.flatMap((group) =>
    group.paths.map((path) => {
      const buffer = files.weights.get(path);
      if (!buffer) throw new Error(`Weight file ${path} is missing`);
      return buffer;
    }),
  );
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: files.json.modelTopology,
    format: files.json.format,
    generatedBy: files.json.generatedBy,
    convertedBy: files.json.convertedBy,
    weightSpecs,
    weightData: concatBuffers(buffers),
  };
  return loadGraphModel(tf.io.fromMemory(artifacts));
}

function concatBuffers(buffers: ArrayBuffer[]): ArrayBuffer {
  if (buffers.length === 1 && buffers[0]) return buffers[0];
  const total = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}
