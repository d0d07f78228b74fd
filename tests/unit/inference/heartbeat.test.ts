/** The heartbeat on its own, on real timers: when silence counts as a missed beat, and when not. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from '../../../src/lib/inference/heartbeat';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const beats: Heartbeat[] = [];
afterEach(() => beats.splice(0).forEach((b) => b.stop()));

function heartbeat(answer: boolean) {
  const missed = vi.fn();
  let pings = 0;
  const beat: Heartbeat = new Heartbeat(
    20,
    () => {
      pings++;
      if (answer) setTimeout(() => beat.answered());
    },
    () => 60,
    missed,
  );
  beats.push(beat);
  return { beat, missed, pings: () => pings };
}

describe('heartbeat', () => {
  it('pings while started; answered pings keep it quiet', async () => {
    const { beat, missed, pings } = heartbeat(true);
    beat.start();
    beat.start(); // once is enough
    await sleep(200);
    expect(pings()).toBeGreaterThan(3);
    expect(missed).not.toHaveBeenCalled();
    beat.stop();
    const sent = pings();
    await sleep(60);
    expect(pings()).toBe(sent);
  });

  it('a ping unanswered past the allowance is a miss, told once', async () => {
    const { beat, missed } = heartbeat(false);
    beat.start();
    await sleep(200);
    expect(missed).toHaveBeenCalledOnce();
    expect(missed.mock.calls[0]?.[0]).toBeGreaterThanOrEqual(60);
  });

  it('a probe pings at once, unless a ping is already out', () => {
    const { beat, pings } = heartbeat(false);
    beat.probe();
    beat.probe();
    expect(pings()).toBe(1);
  });

  it('a page that stalled itself does not blame the worker', async () => {
    const { beat, missed } = heartbeat(false);
    beat.probe();
    beat.start();
    const until = performance.now() + 150;
    while (performance.now() < until) {
      // The page's own long task: no beat, and no answer, can run meanwhile.
    }
    setTimeout(() => beat.answered());
    await sleep(30);
    expect(missed).not.toHaveBeenCalled();
  });
});
