import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CameraKeeper,
  type KeptCamera,
} from '../../../../src/lib/features/kiosk/camera-keeper.svelte';

/** A track that can end like an unplugged camera (an 'ended' event) or a stopped one (none). */
class FakeTrack extends EventTarget {
  readyState: MediaStreamTrackState = 'live';
  unplug() {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

/** A camera whose next opens fail or succeed as told; each open gets a fresh track. */
function fakeCamera(video: { srcObject: unknown }) {
  const outcomes: boolean[] = [];
  const camera = {
    state: 'off' as KeptCamera['state'],
    error: null as string | null,
    track: null as FakeTrack | null,
    opens: 0,
    willOpen: (...ok: boolean[]) => outcomes.push(...ok),
    start: vi.fn(async () => {
      camera.opens++;
      if (outcomes.shift() ?? true) {
        camera.track = new FakeTrack();
        video.srcObject = { getVideoTracks: () => [camera.track] };
        camera.state = 'on';
        camera.error = null;
      } else {
        camera.state = 'error';
        camera.error = 'No camera was found.';
      }
    }),
    stop: vi.fn(() => {
      camera.state = 'off';
      video.srcObject = null;
    }),
  };
  return camera;
}

describe('camera keeper', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const video = { srcObject: null as unknown };
    const camera = fakeCamera(video);
    const keeper = new CameraKeeper(camera);
    return { video, camera, keeper, keep: () => keeper.keep(video as HTMLVideoElement) };
  }

  it('starts the camera by itself', async () => {
    const { camera, keeper, keep } = setup();
    const stop = keep();
    expect(keeper.status).toBe('starting');
    await vi.advanceTimersByTimeAsync(0);
    expect(keeper.status).toBe('running');
    expect(camera.opens).toBe(1);
    stop();
    expect(keeper.status).toBe('off');
    expect(camera.stop).toHaveBeenCalled();
  });

  it('a lost camera is retried after 1 s, 2 s, 4 s … until it opens again', async () => {
    const { camera, keeper, keep } = setup();
    const stop = keep();
    await vi.advanceTimersByTimeAsync(0);
    camera.willOpen(false, false);
    camera.track?.unplug();
    expect(keeper.status).toBe('retrying');
    expect(keeper.reason).toMatch(/stopped/);

    await vi.advanceTimersByTimeAsync(999);
    expect(camera.opens).toBe(1);
    await vi.advanceTimersByTimeAsync(1); // 1 s: fails
    expect(camera.opens).toBe(2);
    expect(keeper.status).toBe('retrying');
    expect(keeper.reason).toBe('No camera was found.');
    await vi.advanceTimersByTimeAsync(2000); // 2 s more: fails
    expect(camera.opens).toBe(3);
    await vi.advanceTimersByTimeAsync(3999);
    expect(camera.opens).toBe(3);
    await vi.advanceTimersByTimeAsync(1); // 4 s more: opens
    expect(camera.opens).toBe(4);
    expect(keeper.status).toBe('running');
    expect(keeper.attempts).toBe(0);
    stop();
  });

  it('notices a track stopped without an event, and a camera that failed', async () => {
    const { camera, keeper, keep } = setup();
    const stop = keep();
    await vi.advanceTimersByTimeAsync(0);
    if (camera.track) camera.track.readyState = 'ended';
    await vi.advanceTimersByTimeAsync(1000);
    expect(keeper.status).toBe('retrying');
    await vi.advanceTimersByTimeAsync(1000);
    expect(keeper.status).toBe('running');

    camera.state = 'error';
    camera.error = 'Live analysis stopped: worker crashed';
    await vi.advanceTimersByTimeAsync(1000);
    expect(keeper.status).toBe('retrying');
    expect(keeper.reason).toMatch(/worker crashed/);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(camera.opens).toBe(2); // nothing retried after the clean-up
  });

  it('a camera that fails from the start is retried too', async () => {
    const { camera, keeper, keep } = setup();
    camera.willOpen(false);
    const stop = keep();
    await vi.advanceTimersByTimeAsync(0);
    expect(keeper.status).toBe('retrying');
    await vi.advanceTimersByTimeAsync(1000);
    expect(keeper.status).toBe('running');
    stop();
  });
});
