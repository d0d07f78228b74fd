/** How a call to the inference worker can fail, as the page sees it. */
import type { ErrorCode } from '../worker/protocol';

/** How a lost worker went: each makes the supervisor restart it. */
const LOST_CODES = ['worker-crashed', 'worker-hung', 'timeout'] as const;
export type LostCode = (typeof LOST_CODES)[number];

export class InferenceError extends Error {
  constructor(
    readonly code: ErrorCode | LostCode | 'aborted' | 'stopped',
    message: string,
  ) {
    super(message);
  }
}

/** Whether `e` failed a call because the worker was lost (and is being restarted). */
export function isEngineLost(e: unknown): boolean {
  return e instanceof InferenceError && (LOST_CODES as readonly string[]).includes(e.code);
}
