import { describe, expect, it } from 'vitest';
import {
  dequantizeUint8,
  float16BitsToFloat32,
  float32ToFloat16Bits,
  quantizeFloat16,
  quantizeUint8,
  quantizeWeights,
  weightByteLength,
  type WeightSpec,
} from '../../../models/scripts/quantize';

/** Deterministic pseudo-random values (LCG), so failures reproduce. */
function values(n: number, lo: number, hi: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

describe('quantizeUint8', () => {
  it('round-trips within half a step', () => {
    for (const [lo, hi] of [
      [-1, 1],
      [-37.875, 1.507],
      [0.001, 0.002],
      [5, 5000],
    ] as const) {
      const v = values(5000, lo, hi, Math.round(hi * 1000));
      const q = quantizeUint8(v);
      const back = dequantizeUint8(q);
      let min = Infinity;
      let max = -Infinity;
      for (const x of v) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      expect(q.min).toBe(min);
      expect(q.scale).toBeCloseTo((max - min) / 255, 12);
      for (let i = 0; i < v.length; i++) {
        const x = v[i] as number;
        // scale/2 from rounding, plus float32 storage of the decoded value.
        const tolerance = q.scale / 2 + Math.abs(x) * 2 ** -23;
        expect(Math.abs((back[i] as number) - x)).toBeLessThanOrEqual(tolerance);
      }
      // the extremes are hit exactly (0 and 255 are used)
      expect(Math.min(...q.data)).toBe(0);
      expect(Math.max(...q.data)).toBe(255);
    }
  });

  it('keeps a constant tensor exact', () => {
    const v = new Float32Array(17).fill(0.1);
    const q = quantizeUint8(v);
    expect(q.scale).toBe(1);
    expect([...q.data]).toEqual(new Array(17).fill(0));
    expect([...dequantizeUint8(q)]).toEqual([...v]);
  });

  it('handles empty tensors and rejects non-finite values', () => {
    expect(quantizeUint8(new Float32Array(0)).data.length).toBe(0);
    expect(() => quantizeUint8(new Float32Array([1, NaN]))).toThrow(/NaN/);
    expect(() => quantizeUint8(new Float32Array([1, Infinity]))).toThrow();
  });
});

describe('float32ToFloat16Bits', () => {
  const cases: [number, number][] = [
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [65504, 0x7bff], // largest finite half
    [65519, 0x7bff], // below the halfway point: rounds down
    [65520, 0x7c00], // halfway to 65536, ties to even -> overflows to Infinity
    [1e6, 0x7c00],
    [-1e6, 0xfc00],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // smallest normal
    [2 ** -24, 0x0001], // smallest subnormal
    [1023 * 2 ** -24, 0x03ff], // largest subnormal
    [2 ** -25, 0x0000], // halfway to the smallest subnormal: ties to even (0)
    [1.5 * 2 ** -25, 0x0001], // above halfway: rounds up
    [3 * 2 ** -25, 0x0002], // 1.5 subnormal steps: ties to even (2)
    [2 ** -26, 0x0000], // underflow
    [-(2 ** -24), 0x8001],
    [1023.5 * 2 ** -24, 0x0400], // rounds up out of the subnormals
    [0.1, 0x2e66],
    [1 / 3, 0x3555],
    [1 + 2 ** -11, 0x3c00], // tie between 1 and 1+2^-10: even (1)
    [1 + 3 * 2 ** -11, 0x3c02], // tie: even (1+2^-9)
    [1 + 2 ** -11 + 2 ** -20, 0x3c01], // just above the tie: up
    [2047.9, 0x6800], // 2048 (rounding carries into the exponent)
  ];
  it.each(cases)('%s -> 0x%s', (value, bits) => {
    expect(float32ToFloat16Bits(value).toString(16)).toBe(bits.toString(16));
  });

  it('maps NaN to a NaN', () => {
    const bits = float32ToFloat16Bits(NaN);
    expect(bits & 0x7c00).toBe(0x7c00);
    expect(bits & 0x3ff).not.toBe(0);
    expect(float16BitsToFloat32(bits)).toBeNaN();
  });

  it('round-trips every finite half value exactly', () => {
    const mismatches: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue; // Inf / NaN
      if (float32ToFloat16Bits(float16BitsToFloat32(bits)) !== bits) mismatches.push(bits);
    }
    expect(mismatches).toEqual([]);
  });

  it('has relative error <= 2^-11 for normal values', () => {
    let worst = 0;
    for (const x of [...values(2000, -60000, 60000, 7), ...values(2000, -1, 1, 8)]) {
      if (Math.abs(x) < 2 ** -14) continue;
      const back = float16BitsToFloat32(float32ToFloat16Bits(x));
      worst = Math.max(worst, Math.abs(back - x) / Math.abs(x));
    }
    expect(worst).toBeLessThanOrEqual(2 ** -11);
  });

  it('quantizeFloat16 converts arrays', () => {
    expect([...quantizeFloat16(new Float32Array([1, 65504, -0]))]).toEqual([
      0x3c00, 0x7bff, 0x8000,
    ]);
  });
});

describe('quantizeWeights', () => {
  const specs: WeightSpec[] = [
    { name: 'w', shape: [2, 3], dtype: 'float32' },
    { name: 'ids', shape: [3], dtype: 'int32' },
    { name: 'b', shape: [2], dtype: 'float32' },
  ];
  const floats = new Float32Array([0, 0.5, 1, -1, 0.25, 2]);
  const ints = new Int32Array([7, -3, 2 ** 30]);
  const bias = new Float32Array([3, 3]);
  const data = new Uint8Array(4 * (6 + 3 + 2));
  data.set(new Uint8Array(floats.buffer), 0);
  data.set(new Uint8Array(ints.buffer), 24);
  data.set(new Uint8Array(bias.buffer), 36);

  it('writes TF.js uint8 quantization entries and keeps int32 bytes', () => {
    const q = quantizeWeights(specs, data, 'uint8');
    expect(q.data.byteLength).toBe(6 + 12 + 2);
    expect(q.specs[0]).toEqual({
      name: 'w',
      shape: [2, 3],
      dtype: 'float32',
      quantization: { dtype: 'uint8', min: -1, scale: 3 / 255, original_dtype: 'float32' },
    });
    expect(q.specs[1]).toEqual({ name: 'ids', shape: [3], dtype: 'int32' });
    expect([...new Int32Array(q.data.slice(6, 18).buffer)]).toEqual([...ints]);
    expect(q.specs[2]?.quantization).toEqual({
      dtype: 'uint8',
      min: 3,
      scale: 1,
      original_dtype: 'float32',
    });
    expect(q.specs.reduce((s, w) => s + weightByteLength(w), 0)).toBe(q.data.byteLength);
  });

  it('writes float16 entries', () => {
    const q = quantizeWeights(specs, data, 'float16');
    expect(q.data.byteLength).toBe(12 + 12 + 4);
    expect(q.specs[0]?.quantization).toEqual({ dtype: 'float16', original_dtype: 'float32' });
    const halves = new Uint16Array(q.data.slice(0, 12).buffer);
    expect([...halves].map(float16BitsToFloat32)).toEqual([...floats]);
  });

  it('rejects data of the wrong size and already quantized input', () => {
    expect(() => quantizeWeights(specs, data.slice(4), 'uint8')).toThrow(/bytes/);
    const already = quantizeWeights(specs, data, 'uint8');
    expect(() => quantizeWeights(already.specs, already.data, 'uint8')).toThrow(
      /already quantized/,
    );
  });
});
