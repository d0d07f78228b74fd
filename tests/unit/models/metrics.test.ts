import { describe, expect, it } from 'vitest';
import {
  argmaxRows,
  classificationMetrics,
  confusionMatrix,
  metricsFromConfusion,
} from '../../../scripts/lib/metrics';

describe('classification metrics', () => {
  // 3 classes; truth has 4 x class 0, 2 x class 1, 1 x class 2.
  const truth = [0, 0, 0, 0, 1, 1, 2];
  const predicted = [0, 0, 0, 1, 1, 0, 2];

  it('builds the confusion matrix with rows = truth, columns = prediction', () => {
    expect(confusionMatrix(truth, predicted, 3)).toEqual([
      [3, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('computes accuracy, per-class recall and balanced accuracy', () => {
    const m = classificationMetrics(truth, predicted, 3);
    expect(m.images).toBe(7);
    expect(m.accuracy).toBeCloseTo(5 / 7, 12);
    expect(m.recall).toEqual([0.75, 0.5, 1]);
    expect(m.balancedAccuracy).toBeCloseTo((0.75 + 0.5 + 1) / 3, 12);
  });

  it('leaves classes without examples out of balanced accuracy', () => {
    const m = metricsFromConfusion([
      [2, 0, 0],
      [0, 0, 0],
      [1, 0, 1],
    ]);
    expect(m.recall).toEqual([1, null, 0.5]);
    expect(m.balancedAccuracy).toBeCloseTo(0.75, 12);
    expect(m.accuracy).toBeCloseTo(0.75, 12);
  });

  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow();
    expect(() => confusionMatrix([0, 2], [0, 1], 2)).toThrow(/out of range/);
  });

  it('takes the row-wise argmax (first index on ties)', () => {
    expect(argmaxRows([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0, 0, 1], 3)).toEqual([1, 0, 2]);
  });
});
