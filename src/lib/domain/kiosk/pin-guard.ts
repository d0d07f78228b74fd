/**
 * Slows down guessing at the exit: after `maxFailures` wrong PINs in a row, no PIN is checked for
 * `lockMs`. Pure: the state goes in and comes out.
 */
export interface PinGuardState {
  failures: number;
  /** Epoch ms until which no PIN is accepted; 0 when not locked. */
  lockedUntil: number;
}

export const PIN_GUARD = { maxFailures: 5, lockMs: 60_000 } as const;

export const openGuard = (): PinGuardState => ({ failures: 0, lockedUntil: 0 });

/** Milliseconds left of a lock-out; 0 when a PIN may be tried. */
export function lockedFor(state: PinGuardState, now: number): number {
  return Math.max(0, state.lockedUntil - now);
}

export function recordAttempt(
  state: PinGuardState,
  ok: boolean,
  now: number,
  options = PIN_GUARD,
): PinGuardState {
  if (ok) return openGuard();
  const failures = state.failures + 1;
  if (failures < options.maxFailures) return { failures, lockedUntil: 0 };
  return { failures: 0, lockedUntil: now + options.lockMs };
}
