/** Cancelling a call: an AbortSignal makes its promise reject at once with code 'aborted'. */
import { InferenceError } from './errors';

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

function abortError(signal: AbortSignal): InferenceError {
  const timedOut = signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError';
  return new InferenceError(
    'aborted',
    timedOut ? 'The analysis took too long and was given up' : 'The analysis was cancelled',
  );
}

/** `work`, or a rejection as soon as `signal` aborts (then `onAbort` runs). */
export function abortable<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: () => void,
): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(abortError(signal));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
