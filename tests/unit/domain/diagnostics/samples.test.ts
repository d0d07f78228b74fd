import { describe, expect, it } from 'vitest';
import {
  percentile,
  percentiles,
  SampleRing,
} from '../../../../src/lib/domain/diagnostics/samples';

describe('SampleRing', () => {
  it('holds the samples in order until it is full', () => {
    const ring = new SampleRing(4);
    expect(ring.toArray()).toEqual([]);
    ring.push(1);
    ring.push(2);
    expect(ring.size).toBe(2);
    expect(ring.toArray()).toEqual([1, 2]);
  });

  it('keeps only the newest samples once full, oldest first', () => {
    const ring = new SampleRing(3);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    ring.push(8);
    ring.push(9);
    ring.push(10);
    expect(ring.toArray()).toEqual([8, 9, 10]);
  });

  it('empties on clear', () => {
    const ring = new SampleRing(2);
    ring.push(1);
    ring.push(2);
    ring.push(3);
    ring.clear();
    expect(ring.size).toBe(0);
    ring.push(4);
    expect(ring.toArray()).toEqual([4]);
  });

  it('refuses a capacity that holds nothing', () => {
    expect(() => new SampleRing(0)).toThrow('at least one sample, not 0');
    expect(() => new SampleRing(2.5)).toThrow(RangeError);
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('is the nearest-rank sample', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([3, 7, 9], 50)).toBe(7);
  });

  it('clamps p to 0..100 and gives the smallest sample for 0', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, -5)).toBe(1);
    expect(percentile(hundred, 250)).toBe(100);
  });

  it('is null without samples', () => {
    expect(percentile([], 50)).toBeNull();
  });
});

describe('percentiles', () => {
  it('sorts the samples first and reports p50, p95, p99 and the count', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    expect(percentiles(samples)).toEqual({ count: 1000, p50: 499, p95: 949, p99: 989 });
  });

  it('of one sample is that sample', () => {
    expect(percentiles([42])).toEqual({ count: 1, p50: 42, p95: 42, p99: 42 });
  });

  it('is null without samples', () => {
    expect(percentiles([])).toBeNull();
  });
});
