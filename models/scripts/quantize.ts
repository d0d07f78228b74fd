/**
 * Weight quantization in TF.js's own weightsManifest format (what tfjs-converter writes and
 * tf.io.decodeWeights reads back), so the shipped model.json loads with plain loadGraphModel.
 *
 * Pure: no TensorFlow, no I/O.
 */
import type { QuantizationDtype } from '../../src/lib/domain/models/manifest';

/** The quantization written into a weightsManifest entry. */
export type Uint8Quantization = {
  dtype: 'uint8';
  min: number;
  scale: number;
  original_dtype: 'float32';
};
export type Float16Quantization = { dtype: 'float16'; original_dtype: 'float32' };

/** One weightsManifest entry (the subset of tf.io.WeightsManifestEntry used by graph models). */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?:
    Uint8Quantization | Float16Quantization | { dtype: string; [key: string]: unknown };
}

// ---------------------------------------------------------------------------------------------
// uint8: per-tensor affine

export interface Uint8Quantized {
  data: Uint8Array;
  min: number;
  scale: number;
}

/**
 * Per-tensor affine uint8: scale = (max - min) / 255, q = round((v - min) / scale).
 * TF.js dequantizes as q * scale + min. A constant tensor gets scale 1 and q = 0, so it comes
 * back exactly.
 */
export function quantizeUint8(values: Float32Array): Uint8Quantized {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error('quantizeUint8: tensor contains NaN or Infinity');
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const data = new Uint8Array(values.length);
  if (values.length === 0) return { data, min: 0, scale: 1 };
  if (max === min) return { data, min, scale: 1 };
  const scale = (max - min) / 255;
  for (let i = 0; i < values.length; i++) {
    const q = Math.round(((values[i] as number) - min) / scale);
    data[i] = q < 0 ? 0 : q > 255 ? 255 : q;
  }
  return { data, min, scale };
}

/** The inverse, as tf.io.decodeWeights computes it (into a Float32Array). */
export function dequantizeUint8(q: Uint8Quantized): Float32Array {
  const out = new Float32Array(q.data.length);
  for (let i = 0; i < q.data.length; i++) out[i] = (q.data[i] as number) * q.scale + q.min;
  return out;
}

// ---------------------------------------------------------------------------------------------
// float16 (IEEE 754 binary16)

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * float32 → binary16 bits, round to nearest, ties to even. Handles signed zero, subnormal
 * results, overflow to ±Infinity (anything >= 65520 in magnitude), Infinity and NaN.
 */
export function float32ToFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;

  if (exp === 0xff) return mant !== 0 ? sign | 0x7e00 : sign | 0x7c00; // NaN (quiet) or ±Infinity

  const e = exp - 127 + 15; // re-biased exponent
  if (e >= 0x1f) return sign | 0x7c00; // too large: ±Infinity

  if (e <= 0) {
    // Subnormal half (or zero): value = m * 2^-24 with m = full * 2^(exp - 126).
    const shift = 14 - e; // = 126 - exp
    if (shift > 24) return sign; // below half the smallest subnormal: ±0
    const full = mant | 0x800000;
    let m = full >>> shift;
    const rem = full & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && (m & 1) === 1)) m++; // may carry into the smallest normal
    return sign | m;
  }

  let bits = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (bits & 1) === 1)) bits++; // carry may reach Infinity
  return sign | bits;
}

/** binary16 bits → number (exact). */
export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant === 0 ? sign * Infinity : NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export function quantizeFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i] as number);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Whole weight manifests

const BYTES_PER_VALUE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** Bytes one entry occupies in the weight data (string tensors are not supported). */
export function weightByteLength(spec: WeightSpec): number {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const dtype = spec.quantization ? spec.quantization.dtype : spec.dtype;
  const bytes = BYTES_PER_VALUE[dtype];
  if (bytes === undefined) throw new Error(`Weight ${spec.name}: unsupported dtype ${dtype}`);
  return size * bytes;
}

export interface QuantizedWeights {
  specs: WeightSpec[];
  data: Uint8Array;
}

/**
 * Quantizes every float32 weight of a (float) weight manifest; int32 and other tensors are
 * copied unchanged. `specs` and `data` are the concatenated entries and bytes of all groups.
 */
export function quantizeWeights(
  specs: readonly WeightSpec[],
  data: ArrayBuffer | Uint8Array,
  dtype: QuantizationDtype,
): QuantizedWeights {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const expected = specs.reduce((sum, s) => sum + weightByteLength(s), 0);
  if (expected !== bytes.byteLength) {
    throw new Error(`Weight data has ${bytes.byteLength} bytes, manifest needs ${expected}`);
  }
  const outSpecs: WeightSpec[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const spec of specs) {
    if (spec.quantization) throw new Error(`Weight ${spec.name} is already quantized`);
    const length = weightByteLength(spec);
    const raw = bytes.slice(offset, offset + length);
    offset += length;
    if (spec.dtype !== 'float32') {
      outSpecs.push({ name: spec.name, shape: [...spec.shape], dtype: spec.dtype });
      chunks.push(raw);
      continue;
    }
    const values = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    if (dtype === 'uint8') {
      const q = quantizeUint8(values);
      outSpecs.push({
        name: spec.name,
        shape: [...spec.shape],
        dtype: 'float32',
        quantization: { dtype: 'uint8', min: q.min, scale: q.scale, original_dtype: 'float32' },
      });
      chunks.push(q.data);
    } else {
      const h = quantizeFloat16(values);
      outSpecs.push({
        name: spec.name,
        shape: [...spec.shape],
        dtype: 'float32',
        quantization: { dtype: 'float16', original_dtype: 'float32' },
      });
      chunks.push(new Uint8Array(h.buffer, h.byteOffset, h.byteLength));
    }
  }
  const total = chunks.reduce((sum, c) => sum + c.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return { specs: outSpecs, data: out };
}
