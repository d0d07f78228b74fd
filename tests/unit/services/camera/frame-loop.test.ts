import { describe, expect, it } from 'vitest';
import { FrameLoop } from '../../../../src/lib/services/camera/frame-loop';

/** A video element that delivers a frame when the test says so; it has none before the first. */
function fakeVideo() {
  let callbacks: (() => void)[] = [];
  const video = {
    readyState: 0,
    requestVideoFrameCallback(cb: () => void) {
      callbacks.push(cb);
      return callbacks.length;
    },
    cancelVideoFrameCallback() {
      callbacks = [];
    },
    frame() {
      video.readyState = 4;
      const due = callbacks;
      callbacks = [];
      due.forEach((cb) => cb());
    },
  };
  return video;
}

/** A step that stays in flight until the test finishes it. */
function controlledStep() {
  const pending: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let calls = 0;
  return {
    step: () => {
      calls++;
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      return new Promise<void>((resolve) =>
        pending.push(() => {
          inFlight--;
          resolve();
        }),
      );
    },
    finish: async () => {
      pending.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    },
    get calls() {
      return calls;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

describe('frame loop back-pressure', () => {
  it.each([1, 2])(
    'keeps at most %i frame(s) in flight and drops the frames that arrive meanwhile',
    async (depth) => {
      const video = fakeVideo();
      const s = controlledStep();
      const loop = new FrameLoop(s.step, () => {}, depth);
      loop.start(video as unknown as HTMLVideoElement);
      for (let i = 0; i < depth + 2; i++) video.frame();
      expect(s.calls).toBe(depth);
      expect(loop.dropped).toBe(2);
      // Frames were dropped meanwhile: the newest one is taken as soon as a step ends.
      await s.finish();
      expect(s.calls).toBe(depth + 1);
      for (let i = 0; i < depth; i++) await s.finish();
      // Nothing new arrived: wait for the next frame.
      expect(s.calls).toBe(depth + 1);
      video.frame();
      expect(s.calls).toBe(depth + 2);
      expect(s.maxInFlight).toBe(depth);
    },
  );

  it('takes the frame already on screen when it starts', () => {
    const video = fakeVideo();
    const s = controlledStep();
    const loop = new FrameLoop(s.step, () => {});
    video.frame();
    loop.start(video as unknown as HTMLVideoElement);
    expect(s.calls).toBe(1);
    video.frame();
    expect(s.calls).toBe(1);
    expect(loop.dropped).toBe(1);
  });

  it('waits for a frame when the video has none yet, or when asked to wait for the next', () => {
    const video = fakeVideo();
    const s = controlledStep();
    const loop = new FrameLoop(s.step, () => {}, 2);
    loop.start(video as unknown as HTMLVideoElement);
    expect(s.calls).toBe(0);
    video.frame();
    expect(s.calls).toBe(1);
    loop.stop();
    loop.start(video as unknown as HTMLVideoElement, 'next');
    expect(s.calls).toBe(1);
    video.frame();
    expect(s.calls).toBe(2);
  });

  it('stops calling after stop(), and a restart waits for the step still in flight', async () => {
    const video = fakeVideo();
    const s = controlledStep();
    const loop = new FrameLoop(s.step, () => {});
    loop.start(video as unknown as HTMLVideoElement);
    video.frame();
    loop.stop();
    video.frame();
    loop.start(video as unknown as HTMLVideoElement);
    video.frame();
    expect(s.calls).toBe(1);
    await s.finish();
    video.frame();
    expect(s.calls).toBe(2);
    expect(s.maxInFlight).toBe(1);
  });

  it('reports once when steps in flight fail together', async () => {
    const video = fakeVideo();
    const errors: unknown[] = [];
    const loop = new FrameLoop(
      () => Promise.reject(new Error('worker gone')),
      (e) => errors.push(e),
      2,
    );
    loop.start(video as unknown as HTMLVideoElement);
    video.frame();
    video.frame();
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
  });

  it('stops and reports when a step fails', async () => {
    const video = fakeVideo();
    const errors: unknown[] = [];
    const loop = new FrameLoop(
      () => Promise.reject(new Error('worker gone')),
      (e) => errors.push(e),
    );
    loop.start(video as unknown as HTMLVideoElement);
    video.frame();
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
    video.frame();
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
  });
});
