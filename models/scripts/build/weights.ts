/** A float source model's weights, and the shipped model.json + weights.bin quantized from them. */
import type * as tf from '@tensorflow/tfjs-core';
import type { QuantizationDtype } from '../../../src/lib/domain/models/manifest';
import type { ModelFiles } from '../../../src/lib/worker/engine/graph-model';
import { float16BitsToFloat32, quantizeWeights, weightByteLength, type WeightSpec } from '../quantize';

export interface ShippedFiles {
  /** What a graph model is built from in memory, to measure it. */
  files: ModelFiles;
  modelJson: Uint8Array;
  weightsBin: Uint8Array;
}

/** All weight groups of a model as one list of specs and one byte array. */
export function flatWeights(files: ModelFiles): { specs: WeightSpec[]; data: Uint8Array } {
  const specs: WeightSpec[] = [];
  const parts: Uint8Array[] = [];
  for (const group of files.json.weightsManifest) {
    specs.push(...(group.weights as WeightSpec[]));
    for (const p of group.paths) {
      const buf = files.weights.get(p);
      if (!buf) throw new Error(`weight file ${p} missing`);
      parts.push(new Uint8Array(buf));
    }
  }
  const data = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.byteLength;
  }
  return asFloat32(specs, data);
}

/**
 * A source stored as float16 (facemesh-detection-short) is widened to float32, exactly (every
 * float16 is a float32), so that every model is quantized from the same starting point.
 */
function asFloat32(specs: WeightSpec[], data: Uint8Array): { specs: WeightSpec[]; data: Uint8Array } {
  if (!specs.some((s) => s.quantization)) return { specs, data };
  const outSpecs: WeightSpec[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const spec of specs) {
    const length = weightByteLength(spec);
    const raw = data.slice(offset, offset + length);
    offset += length;
    if (!spec.quantization) {
      outSpecs.push(spec);
      chunks.push(raw);
      continue;
    }
    if (spec.quantization.dtype !== 'float16' || spec.dtype !== 'float32')
      throw new Error(`Weight ${spec.name}: cannot widen ${spec.quantization.dtype}`);
    const halves = new Uint16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
    const wide = Float32Array.from(halves, (h) => float16BitsToFloat32(h));
    outSpecs.push({ name: spec.name, shape: [...spec.shape], dtype: 'float32' });
    chunks.push(new Uint8Array(wide.buffer));
  }
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return { specs: outSpecs, data: out };
}

/**
 * The source quantized to `dtype`: its model.json fields in the source's order (so the bytes only
 * change when the source does), with one shard, weights.bin.
 */
export function quantizedFiles(source: ModelFiles, dtype: QuantizationDtype): ShippedFiles {
  const { specs, data } = flatWeights(source);
  const q = quantizeWeights(specs, data, dtype);
  const json = {
    ...source.json,
    weightsManifest: [{ paths: ['weights.bin'], weights: q.specs as tf.io.WeightsManifestEntry[] }],
  };
  const weights = new Map([['weights.bin', q.data.slice().buffer as ArrayBuffer]]);
  return {
    files: { json, weights },
    modelJson: new TextEncoder().encode(JSON.stringify(json) + '\n'),
    weightsBin: q.data,
  };
}
