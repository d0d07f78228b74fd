/**
 * The analysis engine's life as one state machine, so that every page reads the same state and
 * the supervisor's decisions (restart, back off, give up) can be tested without a worker.
 *
 *   idle ──start──▶ loading ──loaded──▶ ready
 *                     │  ▲                 │
 *          load-failed│  │start/retry      │lost
 *                     ▼  │                 ▼
 *                    failed ◀──(too often)── restarting ──loaded──▶ ready
 *                                            ▲      │lost (again, backing off)
 *                                            └──────┘
 */

export type EngineState = 'idle' | 'loading' | 'ready' | 'restarting' | 'failed';

export interface EngineRestart {
  reason: string;
  /** Epoch ms. */
  at: number;
}

export interface EngineStatus {
  state: EngineState;
  /** Restarts since the page loaded (a retry clears only `recent`). */
  restarts: number;
  lastRestart: EngineRestart | null;
  /** When the restarts of the current window happened, oldest first (epoch ms). */
  recent: readonly number[];
  /** Why the engine is 'failed', in words. */
  error: string | null;
  /** Failed by giving up on restarts: only an explicit retry starts it again. */
  gaveUp: boolean;
}

export type EngineEvent =
  | { type: 'start' }
  | { type: 'loaded' }
  | { type: 'load-failed'; error: string }
  | { type: 'lost'; reason: string; at: number }
  | { type: 'retry' };

export interface RestartPolicy {
  /** At most this many restarts within `windowMs`; the next loss gives up. */
  maxRestarts: number;
  windowMs: number;
  /** The first restart waits this long; each further one in the window twice as long. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/**
 * A wedged GPU driver or a bad frame can kill a worker now and then; one that dies three times
 * in a minute is broken in a way restarting does not mend, and restarting it for ever would
 * only burn the battery.
 */
export const RESTART_POLICY: RestartPolicy = {
  maxRestarts: 3,
  windowMs: 60_000,
  firstDelayMs: 500,
  maxDelayMs: 8_000,
};

export const initialEngineStatus = (): EngineStatus => ({
  state: 'idle',
  restarts: 0,
  lastRestart: null,
  recent: [],
  error: null,
  gaveUp: false,
});

export function nextEngineStatus(
  s: EngineStatus,
  event: EngineEvent,
  policy: RestartPolicy = RESTART_POLICY,
): EngineStatus {
  switch (event.type) {
    case 'start':
      if (s.state !== 'idle' && s.state !== 'failed') return s;
      if (s.gaveUp) return s;
      return { ...s, state: 'loading', error: null };
    case 'retry':
      if (s.state !== 'failed') return s;
      return { ...s, state: 'loading', error: null, gaveUp: false, recent: [] };
    case 'loaded':
      if (s.state !== 'loading' && s.state !== 'restarting') return s;
      return { ...s, state: 'ready', error: null };
    case 'load-failed':
      if (s.state !== 'loading') return s;
      return { ...s, state: 'failed', error: event.error };
    case 'lost':
      return lost(s, event, policy);
  }
}

function lost(
  s: EngineStatus,
  { reason, at }: { reason: string; at: number },
  policy: RestartPolicy,
): EngineStatus {
  if (s.state === 'failed') return s;
  const recent = s.recent.filter((t) => at - t < policy.windowMs);
  if (recent.length >= policy.maxRestarts) {
    return {
      ...s,
      state: 'failed',
      recent,
      gaveUp: true,
      error: `The analysis engine stopped ${recent.length + 1} times within ${Math.round(policy.windowMs / 1000)} s and was not restarted again (last: ${reason}).`,
    };
  }
  return {
    ...s,
    state: 'restarting',
    restarts: s.restarts + 1,
    lastRestart: { reason, at },
    recent: [...recent, at],
    error: null,
  };
}

/** How long to wait before the restart that `s` (state 'restarting') is waiting for. */
export function restartDelayMs(s: EngineStatus, policy: RestartPolicy = RESTART_POLICY): number {
  const attempt = Math.max(1, s.recent.length);
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1));
}
