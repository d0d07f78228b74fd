/** Wall time of the emotion classifier on one face ([1, 64, 64, 1]), median of repeated runs. */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';

export async function timePerFace(model: GraphModel, runs = 50, warmup = 5): Promise<number> {
  const input = tf.randomUniform([1, 64, 64, 1], -1, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = performance.now();
      const out = model.execute(input) as tf.Tensor;
      await out.data();
      out.dispose();
      if (i >= warmup) times.push(performance.now() - t0);
    }
  } finally {
    input.dispose();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}
