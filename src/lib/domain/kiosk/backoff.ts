/** Delay before the next try to reopen a lost camera: 1 s, 2 s, 4 s … at most 30 s. */
export const BACKOFF = { baseMs: 1_000, maxMs: 30_000 } as const;

export function retryDelay(attempt: number, options = BACKOFF): number {
  const n = Math.max(0, Math.floor(attempt));
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.min(n, 30));
}
