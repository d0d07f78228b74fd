/**
 * Slows down guessing at the exit: after `maxFailures` wrong PINs in a row, no PIN is checked for
 * a while, and each lock-out lasts longer than the one before (1 min, 5 min, 15 min, then 1 h
 * each) until the right PIN is given. The state is stored, so a reload does not reset it. Pure:
 * the state goes in and comes out.
 */
export interface PinGuardState {
  failures: number;
  /** Epoch ms until which no PIN is accepted; 0 when not locked. */
  lockedUntil: number;
  /** Lock-outs since the last right PIN: each one lasts longer. */
  lockouts: number;
}

const MINUTE = 60_000;

export const PIN_GUARD = {
  maxFailures: 5,
  lockMs: [MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE],
} as const;

type GuardOptions = { maxFailures: number; lockMs: readonly number[] };

export const openGuard = (): PinGuardState => ({ failures: 0, lockedUntil: 0, lockouts: 0 });

/** How long the `n`-th lock-out (from 0) lasts: the last step repeats. */
export function lockLength(n: number, options: GuardOptions = PIN_GUARD): number {
  const steps = options.lockMs;
  return steps[Math.min(Math.max(0, Math.floor(n)), steps.length - 1)] ?? 0;
}

/**
 * Milliseconds left of a lock-out; 0 when a PIN may be tried. Never more than the lock-out's own
 * length, so a clock set back does not lock the exit for longer.
 */
export function lockedFor(state: PinGuardState, now: number, options = PIN_GUARD): number {
  const longest = state.lockouts > 0 ? lockLength(state.lockouts - 1, options) : 0;
  return Math.min(longest, Math.max(0, state.lockedUntil - now));
}

export function recordAttempt(
  state: PinGuardState,
  ok: boolean,
  now: number,
  options: GuardOptions = PIN_GUARD,
): PinGuardState {
  if (ok) return openGuard();
  const failures = state.failures + 1;
  if (failures < options.maxFailures) return { ...state, failures, lockedUntil: 0 };
  const lockMs = lockLength(state.lockouts, options);
  return { failures: 0, lockedUntil: now + lockMs, lockouts: state.lockouts + 1 };
}

/** A stored guard state, checked field by field; anything unreadable starts a fresh guard. */
export function parseGuard(value: unknown): PinGuardState {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const count = (x: unknown) => (Number.isSafeInteger(x) && (x as number) >= 0 ? (x as number) : 0);
  const lockedUntil = typeof v.lockedUntil === 'number' && v.lockedUntil > 0 ? v.lockedUntil : 0;
  return { failures: count(v.failures), lockedUntil, lockouts: count(v.lockouts) };
}
