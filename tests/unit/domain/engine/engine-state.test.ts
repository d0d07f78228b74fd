import { describe, expect, it } from 'vitest';
import {
  initialEngineStatus,
  nextEngineStatus,
  restartDelayMs,
  RESTART_POLICY,
  type EngineEvent,
  type EngineStatus,
} from '../../../../src/lib/domain/engine/engine-state';

const run = (events: EngineEvent[], from: EngineStatus = initialEngineStatus()) =>
  events.reduce((s, e) => nextEngineStatus(s, e), from);

const lost = (at: number, reason = 'it stopped answering'): EngineEvent => ({
  type: 'lost',
  reason,
  at,
});

const ready = run([{ type: 'start' }, { type: 'loaded' }]);

describe('engine state', () => {
  it('loads once started, and is ready once loaded', () => {
    expect(initialEngineStatus().state).toBe('idle');
    expect(run([{ type: 'start' }]).state).toBe('loading');
    expect(ready).toMatchObject({ state: 'ready', restarts: 0, error: null });
    // A start while loading or ready changes nothing.
    expect(nextEngineStatus(ready, { type: 'start' })).toBe(ready);
  });

  it('a failed first load says why, and a later start tries again', () => {
    const failed = run([{ type: 'start' }, { type: 'load-failed', error: 'offline' }]);
    expect(failed).toMatchObject({ state: 'failed', error: 'offline', gaveUp: false });
    expect(nextEngineStatus(failed, { type: 'start' })).toMatchObject({
      state: 'loading',
      error: null,
    });
    // Only a load can fail to load.
    expect(nextEngineStatus(ready, { type: 'load-failed', error: 'x' })).toBe(ready);
  });

  it('a lost engine restarts, counting restarts and remembering the last reason', () => {
    const restarting = nextEngineStatus(ready, lost(1_000, 'it crashed'));
    expect(restarting).toMatchObject({
      state: 'restarting',
      restarts: 1,
      lastRestart: { reason: 'it crashed', at: 1_000 },
    });
    const back = nextEngineStatus(restarting, { type: 'loaded' });
    expect(back).toMatchObject({ state: 'ready', restarts: 1 });
    // A loss during the first load, or during a restart, also restarts.
    expect(run([{ type: 'start' }, lost(5)]).state).toBe('restarting');
    expect(nextEngineStatus(restarting, lost(2_000)).restarts).toBe(2);
  });

  it('backs off: each restart within the window waits twice as long as the one before', () => {
    const delays: number[] = [];
    let s = ready;
    for (let i = 0; i < RESTART_POLICY.maxRestarts; i++) {
      s = nextEngineStatus(s, lost(i * 1_000));
      delays.push(restartDelayMs(s));
      s = nextEngineStatus(s, { type: 'loaded' });
    }
    expect(delays).toEqual([500, 1_000, 2_000]);
    expect(restartDelayMs({ ...ready, recent: Array(10).fill(0) })).toBe(RESTART_POLICY.maxDelayMs);
  });

  it('gives up after too many restarts within the window, until an explicit retry', () => {
    const s = run(
      [lost(0), { type: 'loaded' }, lost(10_000), { type: 'loaded' }, lost(20_000)],
      ready,
    );
    expect(s).toMatchObject({ state: 'restarting', restarts: 3 });
    const failed = nextEngineStatus(s, lost(30_000, 'it crashed'));
    expect(failed).toMatchObject({ state: 'failed', gaveUp: true, restarts: 3 });
    expect(failed.error).toBe(
      'The analysis engine stopped 4 times within 60 s and was not restarted again (last: it crashed).',
    );
    // Neither a start nor a further loss moves it; a retry does, with a clean slate.
    expect(nextEngineStatus(failed, { type: 'start' })).toBe(failed);
    expect(nextEngineStatus(failed, lost(31_000))).toBe(failed);
    const retried = nextEngineStatus(failed, { type: 'retry' });
    expect(retried).toMatchObject({ state: 'loading', gaveUp: false, recent: [], error: null });
    expect(nextEngineStatus(ready, { type: 'retry' })).toBe(ready);
  });

  it('forgets restarts older than the window', () => {
    const s = run(
      [lost(0), { type: 'loaded' }, lost(1_000), { type: 'loaded' }, lost(2_000)],
      ready,
    );
    const later = nextEngineStatus(s, lost(2_000 + RESTART_POLICY.windowMs));
    expect(later).toMatchObject({ state: 'restarting', restarts: 4 });
    expect(later.recent).toEqual([2_000 + RESTART_POLICY.windowMs]);
    expect(restartDelayMs(later)).toBe(500);
  });

  it('only a loading or restarting engine becomes ready', () => {
    expect(nextEngineStatus(initialEngineStatus(), { type: 'loaded' }).state).toBe('idle');
  });
});
