import type { BackendName } from '../analysis/types';

/** What the inference worker holds now (tf.memory()): flat over time, or something leaks. */
export interface WorkerStats {
  numTensors: number;
  numBytes: number;
  /** null before the models are loaded. */
  backend: BackendName | null;
}
