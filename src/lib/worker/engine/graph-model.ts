import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';

/** A TF.js graph model as it lies on disk or on the wire: model.json and its weight files. */
export interface ModelFiles {
  /** Parsed model.json. */
  json: tf.io.ModelJSON;
  /** Weight file contents by the path names used in model.json's weightsManifest. */
  weights: Map<string, ArrayBuffer>;
}

export interface LoadOptions {
  /**
   * Accept inputs of any height and width. TF.js checks inputs against the shape the converter
   * recorded, which for a fully convolutional detector is only the size it was trained at.
   */
  anyInputSize?: boolean;
}

/** Loads a graph model from bytes already in memory, so that fetching (and checksums) stay at the edge. */
export async function graphModelFromFiles(
  files: ModelFiles,
  options: LoadOptions = {},
): Promise<GraphModel> {
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
    modelTopology: options.anyInputSize
      ? withAnyInputSize(files.json.modelTopology)
      : files.json.modelTopology,
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

interface GraphNode {
  op?: string;
  attr?: { shape?: { shape?: { dim?: { size: string }[] } } };
}

/** A copy of a graph whose image inputs ([batch, height, width, channels]) take any height and width. */
function withAnyInputSize(topology: tf.io.ModelJSON['modelTopology']): object {
  const graph = structuredClone(topology) as { node?: GraphNode[] };
  for (const node of graph.node ?? []) {
    const dims = node.op === 'Placeholder' ? node.attr?.shape?.shape?.dim : undefined;
    if (dims?.length !== 4) continue;
    dims.forEach((d, i) => {
      if (i === 1 || i === 2) d.size = '-1';
    });
  }
  return graph;
}
