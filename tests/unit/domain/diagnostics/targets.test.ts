import { describe, expect, it } from 'vitest';
import { errorRate, judgeLatency } from '../../../../src/lib/domain/diagnostics/targets';

describe('judgeLatency', () => {
  it('is good under 100 ms, an alert over 200 ms, fair between', () => {
    expect(judgeLatency(12)).toBe('good');
    expect(judgeLatency(99.9)).toBe('good');
    expect(judgeLatency(100)).toBe('fair');
    expect(judgeLatency(200)).toBe('fair');
    expect(judgeLatency(200.1)).toBe('alert');
  });
});

describe('errorRate', () => {
  it('is failures over attempts, null before any', () => {
    expect(errorRate(0, 0)).toBeNull();
    expect(errorRate(9, 1)).toBe(0.1);
    expect(errorRate(0, 3)).toBe(1);
    expect(errorRate(5, 0)).toBe(0);
  });
});
