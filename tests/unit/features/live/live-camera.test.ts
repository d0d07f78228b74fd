/**
 * The LiveCamera controller in Node. The analysis behind it is the real one (Analyzer, client,
 * worker API, Engine and the shipped models on TF.js's WASM backend); what Node has no part for is
 * made up: the camera (getUserMedia, a stream), the <video> element with its frame callbacks,
 * createImageBitmap (the frame's RGBA pixels stand in for the bitmap) and the document's
 * visibility. The browser tests (tests/browser/live.spec.ts) run the real camera path.
 */
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type Mock,
} from 'vitest';
import { CAMERA_LOST, LiveCamera } from '../../../../src/lib/features/live/live-camera.svelte';
import { Analyzer } from '../../../../src/lib/inference/analyzer.svelte';
import { InferenceClient } from '../../../../src/lib/inference/client';
import { READOUT_INTERVAL_MS } from '../../../../src/lib/domain/tracking/readout-pace';
import type { TrackedFace } from '../../../../src/lib/domain/tracking/tracker';
import { createApi } from '../../../../src/lib/worker/api';
import { Engine } from '../../../../src/lib/worker/engine/engine';
import type { Pixels } from '../../../../src/lib/worker/engine/pipeline';
import { decodeImageFile } from '../../../../scripts/lib/images';
import { initNodeBackend } from '../../../../scripts/lib/node-backend';
import { fakePage } from '../../fixtures/fake-page';
import { memoryStorage } from '../../fixtures/memory-storage';
import { describeWithSharedData, sharedData } from '../../shared-data';
import { ChannelWorker } from '../../worker/harness/channel-worker';
import { serveModels } from '../../worker/harness/model-server';
import { asBitmap, downscale, greyFrame, RgbaFrameReader } from '../../worker/harness/rgba-frames';

const server = await serveModels();
afterAll(() => server.close());

function analyzerFor(modelBaseUrl: string): Analyzer {
  const client = new InferenceClient({
    startWorker: () => new ChannelWorker(createApi(new Engine(new RgbaFrameReader()))),
  });
  return new Analyzer(client, () => ({ modelBaseUrl, backends: ['wasm'] }));
}

const analyzer = analyzerFor(server.base);
beforeAll(async () => {
  await initNodeBackend('wasm');
  await analyzer.start();
});

/**
 * A <video> that shows a frame when the test says so, calling its frame callbacks then. As a real
 * one, it has no frame (HAVE_NOTHING) from when it is given a stream until the first one shows.
 */
class FakeVideo {
  private stream: unknown = null;
  readyState = 0;
  play = vi.fn(() => Promise.resolve());
  pause = vi.fn();
  private callbacks = new Map<number, () => void>();
  private handles = 0;

  constructor(public frame: Pixels) {}

  get srcObject(): unknown {
    return this.stream;
  }

  set srcObject(stream: unknown) {
    this.stream = stream;
    this.readyState = 0;
  }

  requestVideoFrameCallback(callback: () => void): number {
    this.callbacks.set(++this.handles, callback);
    return this.handles;
  }

  cancelVideoFrameCallback(handle: number): void {
    this.callbacks.delete(handle);
  }

  get waitingForFrame(): boolean {
    return this.callbacks.size > 0;
  }

  showFrame(): void {
    this.readyState = 4;
    const callbacks = [...this.callbacks.values()];
    this.callbacks.clear();
    for (const callback of callbacks) callback();
  }
}

/** The cameras the browser would give: each open, a stream of one track of the camera asked for. */
function fakeCamera() {
  // An EventTarget, as a real track is: it fires 'ended' when its camera goes away.
  const tracks: (EventTarget & {
    stop: Mock<() => void>;
    getSettings: () => { deviceId: string };
  })[] = [];
  const getUserMedia = vi.fn((constraints: MediaStreamConstraints) => {
    const asked = (constraints.video as { deviceId?: { exact: string } }).deviceId?.exact;
    const track = Object.assign(new EventTarget(), {
      stop: vi.fn(),
      getSettings: () => ({ deviceId: asked ?? 'front' }),
    });
    tracks.push(track);
    return Promise.resolve({ getVideoTracks: () => [track], getTracks: () => [track] });
  });
  const devices = [
    { kind: 'videoinput', deviceId: 'front', label: '' },
    { kind: 'audioinput', deviceId: 'mic', label: 'Microphone' },
    { kind: 'videoinput', deviceId: 'usb', label: 'USB camera' },
  ];
  const enumerateDevices = vi.fn(() => Promise.resolve(devices));
  vi.stubGlobal('navigator', { mediaDevices: { getUserMedia, enumerateDevices } });
  return { tracks, getUserMedia };
}

let page: ReturnType<typeof fakePage>;
let camera: ReturnType<typeof fakeCamera>;
let capture: Mock<(video: FakeVideo) => Promise<ImageBitmap>>;
let onFrame: Mock<(t: number, faces: TrackedFace[]) => void>;
let live: LiveCamera;
let detach: () => void;

beforeEach(() => {
  page = fakePage();
  camera = fakeCamera();
  vi.stubGlobal('localStorage', memoryStorage());
  capture = vi.fn((video: FakeVideo) => Promise.resolve(asBitmap(video.frame)));
  vi.stubGlobal('createImageBitmap', capture);
  onFrame = vi.fn<(t: number, faces: TrackedFace[]) => void>();
  live = new LiveCamera(onFrame, analyzer);
  detach = live.attach();
});
afterEach(() => {
  detach();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const asVideo = (video: FakeVideo) => video as unknown as HTMLVideoElement;
const frames = (n: number) => vi.waitFor(() => expect(onFrame).toHaveBeenCalledTimes(n));

describe('live camera', () => {
  it('opens the camera and lists the cameras, naming those without a label', async () => {
    const video = new FakeVideo(greyFrame());
    const starting = live.start(asVideo(video));
    expect(live.state).toBe('starting');
    await starting;
    expect(live.state).toBe('on');
    expect(video.srcObject).not.toBeNull();
    expect(video.play).toHaveBeenCalled();
    expect(camera.getUserMedia).toHaveBeenCalledWith({
      audio: false,
      video: { width: { ideal: 640 }, height: { ideal: 480 } },
    });
    expect(live.cameraId).toBe('front');
    expect(live.cameras).toEqual([
      { deviceId: 'front', label: 'Camera 1' },
      { deviceId: 'usb', label: 'USB camera' },
    ]);
    // Starting again while on changes nothing.
    await live.start(asVideo(video));
    expect(camera.getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('analyses each frame it is shown, and measures the rate', async () => {
    const video = new FakeVideo(greyFrame(80, 60));
    await live.start(asVideo(video));
    video.showFrame();
    await frames(1);
    video.showFrame();
    await frames(2);
    expect(live.size).toEqual({ width: 80, height: 60 });
    expect(live.faces).toEqual([]);
    expect(live.rates.latencyMs).toBeGreaterThan(0);
    expect(capture).toHaveBeenCalledWith(video);
  });

  it('stop gives the camera back and clears the readings', async () => {
    const video = new FakeVideo(greyFrame());
    await live.start(asVideo(video));
    live.stop();
    expect(live.state).toBe('off');
    expect(camera.tracks[0]?.stop).toHaveBeenCalled();
    expect(video.srcObject).toBeNull();
    expect(video.waitingForFrame).toBe(false);
    expect(live.rates).toEqual({ fps: null, latencyMs: null });
  });

  it('a stop while the camera opens gives it back as soon as it is open', async () => {
    const video = new FakeVideo(greyFrame());
    const starting = live.start(asVideo(video));
    live.stop();
    await starting;
    expect(live.state).toBe('off');
    expect(camera.tracks[0]?.stop).toHaveBeenCalled();
    expect(video.srcObject).toBeNull();
  });

  it('pauses while the tab is hidden, drops the frame in flight, and says so when back', async () => {
    const video = new FakeVideo(greyFrame());
    await live.start(asVideo(video));
    video.showFrame();
    page.setHidden(true);
    expect(live.paused).toBe(true);
    expect(video.pause).toHaveBeenCalled();
    expect(video.waitingForFrame).toBe(false);
    await vi.waitFor(() => expect(capture).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onFrame).not.toHaveBeenCalled();

    page.setHidden(false);
    expect(live.paused).toBe(false);
    expect(live.notice).toMatch(
      /^Paused for \d+ s while this tab was hidden; live analysis has resumed\.$/,
    );
    expect(video.waitingForFrame).toBe(true);
    video.showFrame();
    await frames(1);
  });

  it('starts paused in a hidden tab', async () => {
    page.setHidden(true);
    const video = new FakeVideo(greyFrame());
    await live.start(asVideo(video));
    expect(live).toMatchObject({ state: 'on', paused: true });
    expect(video.waitingForFrame).toBe(false);
  });

  it('switches to another camera, and remembers it', async () => {
    const video = new FakeVideo(greyFrame());
    await live.start(asVideo(video));
    await live.select('usb');
    expect(camera.getUserMedia).toHaveBeenLastCalledWith({
      audio: false,
      video: { width: { ideal: 640 }, height: { ideal: 480 }, deviceId: { exact: 'usb' } },
    });
    expect(camera.tracks[0]?.stop).toHaveBeenCalled();
    expect(live).toMatchObject({ state: 'on', cameraId: 'usb' });
    expect(localStorage.getItem('emotion-detector:camera')).toBe('usb');
  });

  it('a refused camera gets a clear message', async () => {
    camera.getUserMedia.mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'));
    await live.start(asVideo(new FakeVideo(greyFrame())));
    expect(live.state).toBe('error');
    expect(live.error).toBe(
      'Camera access was refused. Allow the camera for this site in the browser, then press Start camera again.',
    );
  });

  it('a browser without camera access gets a clear message', async () => {
    vi.stubGlobal('navigator', {});
    await live.start(asVideo(new FakeVideo(greyFrame())));
    expect(live.error).toBe(
      'This browser cannot use a camera here (it needs a secure https:// page).',
    );
  });

  it('models that do not load stop the start with their reason', async () => {
    const broken = new LiveCamera(onFrame, analyzerFor(`${server.base}missing/`));
    const video = new FakeVideo(greyFrame());
    await broken.start(asVideo(video));
    expect(broken.state).toBe('error');
    expect(broken.error).toMatch(/^The models could not be loaded: .*404/);
    expect(camera.tracks[0]?.stop).toHaveBeenCalled();
  });

  it('a frame that cannot be read stops live analysis with the reason', async () => {
    capture.mockRejectedValueOnce(new Error('the video has no frame'));
    const video = new FakeVideo(greyFrame());
    await live.start(asVideo(video));
    video.showFrame();
    await vi.waitFor(() => expect(live.state).toBe('error'));
    expect(live.error).toBe('Live analysis stopped: the video has no frame');
    expect(camera.tracks[0]?.stop).toHaveBeenCalled();
  });

  describeWithSharedData('faces', 'on a face', () => {
    const face = downscale(decodeImageFile(sharedData('faces', 'neutral-woman.jpg')), 2);
    const dimmed = { ...face, data: face.data.map((v, i) => (i % 4 === 3 ? v : v * 0.15)) };

    it('tracks the face, judges it by the pixels the worker measured, and smooths it', async () => {
      const video = new FakeVideo(face);
      await live.start(asVideo(video));
      video.showFrame();
      await frames(1);
      const [tracked] = live.faces;
      expect(tracked?.quality).toEqual({ ok: true, issues: [] });
      expect(tracked?.reading.pixels?.brightness).toBeGreaterThan(0.15);
      expect(tracked?.smoothed?.dominant).toBe(tracked?.reading.dominant);
      expect(onFrame.mock.calls[0]?.[1]).toBe(live.faces);

      video.frame = dimmed;
      video.showFrame();
      await frames(2);
      expect(live.faces[0]?.id).toBe(tracked?.id);
      expect(live.faces[0]?.quality.issues).toContain('dark');
      expect(live.faces[0]?.smoothed).toBeNull();
    });

    it('redraws the boxes on every frame and the readouts at a reading pace', async () => {
      let clock = 1_000;
      vi.spyOn(performance, 'now').mockImplementation(() => clock);
      const video = new FakeVideo(face);
      await live.start(asVideo(video));
      video.showFrame();
      await frames(1);
      const first = live.faces;
      expect(first).toHaveLength(1);
      expect(live.readouts).toBe(first);

      clock += READOUT_INTERVAL_MS / 2;
      video.showFrame();
      await frames(2);
      expect(live.faces).not.toBe(first);
      expect(live.readouts).toBe(first);

      clock += READOUT_INTERVAL_MS / 2;
      video.showFrame();
      await frames(3);
      expect(live.readouts).toBe(live.faces);

      // A face that turns to "not enough signal" is shown so at once.
      clock += 1;
      video.frame = dimmed;
      video.showFrame();
      await frames(4);
      expect(live.readouts).toBe(live.faces);
      expect(live.readouts[0]?.smoothed).toBeNull();

      live.stop();
      expect(live.readouts).toEqual([]);
    });
  });
});

describe('a camera lost while on', () => {
  it('stops the loop, clears the faces, says why, and starts again on request', async () => {
    const video = new FakeVideo(greyFrame());
    await live.start(asVideo(video));
    video.showFrame();
    await frames(1);
    camera.tracks[0]?.dispatchEvent(new Event('ended'));
    expect(live).toMatchObject({ state: 'lost', lost: CAMERA_LOST, faces: [] });
    expect(live.rates).toEqual({ fps: null, latencyMs: null });
    expect(video.waitingForFrame).toBe(false);
    expect(video.srcObject).toBeNull();

    await live.start(asVideo(video));
    expect(live).toMatchObject({ state: 'on', lost: null });
    expect(camera.getUserMedia).toHaveBeenCalledTimes(2);
    video.showFrame();
    await frames(2);
    // The old track is no longer watched; nor is a track after a stop.
    camera.tracks[0]?.dispatchEvent(new Event('ended'));
    expect(live.state).toBe('on');
    live.stop();
    camera.tracks[1]?.dispatchEvent(new Event('ended'));
    expect(live).toMatchObject({ state: 'off', lost: null });
  });
});

describeWithSharedData('faces', 'an engine lost while the camera is on', () => {
  const face = downscale(decodeImageFile(sharedData('faces', 'neutral-woman.jpg')), 2);

  it('keeps the camera on, clears the boxes while it restarts, and shows faces again after', async () => {
    const workers: ChannelWorker[] = [];
    const client = new InferenceClient({
      timeouts: { heartbeatMs: 50, silenceMs: 1_500 },
      startWorker: () => {
        workers.push(new ChannelWorker(createApi(new Engine(new RgbaFrameReader()))));
        return workers.at(-1) as ChannelWorker;
      },
    });
    const engine = new Analyzer(client, () => ({ modelBaseUrl: server.base, backends: ['wasm'] }));
    const restarted = new LiveCamera(onFrame, engine);
    const video = new FakeVideo(face);
    await restarted.start(asVideo(video));
    video.showFrame();
    await frames(1);
    expect(restarted.faces).toHaveLength(1);

    (workers[0] as ChannelWorker).stuck = true;
    video.showFrame();
    await vi.waitFor(() => expect(engine.state).toBe('restarting'), { timeout: 10_000 });
    await vi.waitFor(() => expect(restarted.faces).toEqual([]));
    expect(restarted.state).toBe('on');

    await engine.start();
    video.showFrame();
    await vi.waitFor(() => expect(restarted.faces).toHaveLength(1), { timeout: 10_000 });
    expect(restarted).toMatchObject({ state: 'on', error: null });
    expect(workers).toHaveLength(2);
    restarted.stop();
    client.terminate();
  });
});
