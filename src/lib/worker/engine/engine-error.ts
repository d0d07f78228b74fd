import type { WorkerError } from '../protocol';

/** A failure the page is told about as it is: its code says what went wrong, its message how. */
export class EngineError extends Error {
  constructor(readonly error: WorkerError) {
    super(error.message);
  }
}
