/** Classification metrics over integer class indices. */

export interface ClassificationMetrics {
  images: number;
  /** Correct / all. */
  accuracy: number;
  /** Mean per-class recall over the classes that occur in the truth (as scikit-learn). */
  balancedAccuracy: number;
  /** Per-class recall; null for a class with no true examples. */
  recall: (number | null)[];
  /** confusion[true][predicted]. */
  confusion: number[][];
}

export function confusionMatrix(
  truth: readonly number[],
  predicted: readonly number[],
  classes: number,
): number[][] {
  if (truth.length !== predicted.length) {
    throw new Error(`confusionMatrix: ${truth.length} labels but ${predicted.length} predictions`);
  }
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as number;
    const p = predicted[i] as number;
    if (!(
      Number.isInteger(t) &&
      t >= 0 &&
      t < classes &&
      Number.isInteger(p) &&
      p >= 0 &&
      p < classes
    )) {
      throw new Error(`confusionMatrix: class index out of range at ${i} (${t}, ${p})`);
    }
    (m[t] as number[])[p] = ((m[t] as number[])[p] as number) + 1;
  }
  return m;
}

export function metricsFromConfusion(confusion: number[][]): ClassificationMetrics {
  let images = 0;
  let correct = 0;
  const recall: (number | null)[] = [];
  confusion.forEach((row, t) => {
    const support = row.reduce((a, b) => a + b, 0);
    images += support;
    correct += row[t] ?? 0;
    recall.push(support > 0 ? (row[t] ?? 0) / support : null);
  });
  const present = recall.filter((r): r is number => r !== null);
  return {
    images,
    accuracy: images > 0 ? correct / images : 0,
    balancedAccuracy: present.length > 0 ? present.reduce((a, b) => a + b, 0) / present.length : 0,
    recall,
    confusion,
  };
}

export function classificationMetrics(
  truth: readonly number[],
  predicted: readonly number[],
  classes: number,
): ClassificationMetrics {
  return metricsFromConfusion(confusionMatrix(truth, predicted, classes));
}

/** Index of the largest value in each row of a row-major [rows, cols] array (first wins on ties). */
export function argmaxRows(values: ArrayLike<number>, cols: number): number[] {
  const out: number[] = [];
  for (let r = 0; r * cols < values.length; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++)
      if ((values[r * cols + c] as number) > (values[r * cols + best] as number)) best = c;
    out.push(best);
  }
  return out;
}
