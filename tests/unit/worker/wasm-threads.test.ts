/** How many WASM threads the worker asks XNNPACK for (backends.ts). */
import { describe, expect, it } from 'vitest';
import { wasmThreadCount } from '../../../src/lib/worker/engine/backends';

describe('wasmThreadCount', () => {
  it('is one thread unless threads are asked for (they lost on the 2-core bench machine)', () => {
    expect(wasmThreadCount(undefined, true, 8)).toBe(1);
  });

  it('is one thread without cross-origin isolation (no SharedArrayBuffer)', () => {
    expect(wasmThreadCount(4, false, 8)).toBe(1);
  });

  it('gives what is asked, capped by the cores and at 8', () => {
    expect(wasmThreadCount(2, true, 4)).toBe(2);
    expect(wasmThreadCount(6, true, 4)).toBe(4);
    expect(wasmThreadCount(16, true, 32)).toBe(8);
    expect(wasmThreadCount(3, true, undefined)).toBe(1);
  });

  it('never goes below one, whatever it is given', () => {
    expect(wasmThreadCount(0, true, 4)).toBe(1);
    expect(wasmThreadCount(Number.NaN, true, 4)).toBe(1);
    expect(wasmThreadCount(2.7, true, 4)).toBe(2);
  });
});
