import { describe, expect, it } from 'vitest';
import { assessAffect } from '../../../../src/lib/domain/affect/assess';
import {
  expire,
  idleState,
  observe,
  type ReadoutState,
} from '../../../../src/lib/domain/kiosk/readout';
import type { TrackedFace } from '../../../../src/lib/domain/tracking/tracker';
import { box, DARK, FEAR, GOOD, HAPPY, judged, NEUTRAL } from '../tracking/readings';

const options = { idleMs: 10_000, holdMs: 2_000 };

function face(id: number, side: number, probabilities: number[], ok = true): TrackedFace {
  return {
    ...judged(box(id * 200, 0, side), probabilities, ok ? GOOD : DARK),
    id,
    smoothed: ok ? assessAffect(probabilities) : null,
  };
}

/** A fake clock: frames and ticks at given times, folded through the reducer. */
function run(events: [number, TrackedFace[] | 'tick'][]): ReadoutState[] {
  let state = idleState();
  return events.map(([t, faces]) => {
    state = faces === 'tick' ? expire(state, t, options) : observe(state, faces, t, options);
    return state;
  });
}

describe('kiosk readout', () => {
  it('starts idle and reads the one face in view', () => {
    const [s] = run([[1000, [face(1, 120, HAPPY)]]]);
    expect(s?.readout).toMatchObject({ state: 'reading', emotion: 'happy', faces: 1, at: 1000 });
    const happy = assessAffect(HAPPY);
    expect(s?.readout).toMatchObject({ stress: happy.stress, level: happy.level });
    expect(s?.lastFaceAt).toBe(1000);
  });

  it('follows the nearest readable face: the largest box with a good reading', () => {
    const [s] = run([[0, [face(1, 80, HAPPY), face(2, 200, FEAR, false), face(3, 150, NEUTRAL)]]]);
    expect(s?.readout).toMatchObject({ state: 'reading', emotion: 'neutral', faces: 3 });
  });

  it('holds the last reading through a short stretch of low signal, then says why', () => {
    const states = run([
      [0, [face(1, 120, FEAR)]],
      [1500, [face(1, 120, FEAR, false)]],
      [2500, [face(1, 120, FEAR, false)]],
    ]);
    expect(states.map((s) => s.readout.state)).toEqual(['reading', 'reading', 'low-signal']);
    expect(states[2]?.readout).toEqual({ state: 'low-signal', issues: ['dark'], faces: 1 });
  });

  it('a face that never reads well says why at once', () => {
    const [s] = run([[0, [face(1, 120, FEAR, false)]]]);
    expect(s?.readout.state).toBe('low-signal');
  });

  it('resets to idle when no face was seen for the idle time, frames or not', () => {
    const states = run([
      [0, [face(1, 120, HAPPY)]],
      [5000, []],
      [9999, 'tick'],
      [10_000, []],
    ]);
    expect(states.map((s) => s.readout.state)).toEqual(['reading', 'reading', 'reading', 'idle']);
    expect(states[3]).toEqual(idleState());

    // The camera lost: no frames at all, only the clock.
    const lost = run([
      [0, [face(1, 120, HAPPY)]],
      [10_000, 'tick'],
    ]);
    expect(lost[1]).toEqual(idleState());
  });

  it('any face, even an unreadable one, keeps the screen from resetting', () => {
    const states = run([
      [0, [face(1, 120, HAPPY)]],
      [8000, [face(1, 120, HAPPY, false)]],
      [16_000, 'tick'],
      [18_000, 'tick'],
    ]);
    expect(states.map((s) => s.readout.state)).toEqual([
      'reading',
      'low-signal',
      'low-signal',
      'idle',
    ]);
  });

  it('idle stays idle', () => {
    const s = idleState();
    expect(expire(s, 1e12, options)).toBe(s);
    expect(observe(s, [], 1e12, options)).toBe(s);
  });
});
