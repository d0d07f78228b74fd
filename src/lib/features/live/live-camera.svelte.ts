/**
 * The live camera: opens the chosen camera, runs the frame loop through the inference worker,
 * judges and tracks the faces, and measures processed fps and latency. Pauses while the tab is
 * hidden. Reactive state for the live page; each processed frame is also handed to `onFrame`.
 * Boxes (`faces`) follow every frame; the readouts under the view (`readouts`) are redrawn at a
 * reading pace (domain/tracking/readout-pace).
 * A camera that stops sending video while on (unplugged, taken by another application) is `lost`:
 * the loop stops, the faces are cleared, and `start` reconnects.
 */
import { errorText } from '../../domain/error-text';
import { analyzer as appAnalyzer, type Analyzer } from '../../inference/analyzer.svelte';
import { isEngineLost } from '../../inference/client';
import {
  CameraError,
  cameraErrorMessage,
  listCameras,
  openCamera,
  rememberCamera,
  rememberedCamera,
  stopStream,
  type CameraInfo,
} from '../../services/camera/camera';
import { epochNow } from '../../services/clock';
import { logEvent } from '../../services/diagnostics/event-log';
import { FrameLoop } from '../../services/camera/frame-loop';
import { assessQuality } from '../../domain/quality/quality';
import { addSample, rateMeter, rates, type Rates } from '../../domain/tracking/rate-meter';
import { readoutDue } from '../../domain/tracking/readout-pace';
import { emptyTracker, updateTracker, type TrackedFace } from '../../domain/tracking/tracker';

export type CameraState = 'off' | 'starting' | 'on' | 'error' | 'lost';

export const CAMERA_LOST =
  'The camera stopped sending video: it was unplugged, switched off or taken by another application.';

export class LiveCamera {
  state = $state<CameraState>('off');
  error = $state<string | null>(null);
  cameras = $state.raw<CameraInfo[]>([]);
  cameraId = $state<string | null>(null);
  /** Stopped because the tab is hidden. */
  paused = $state(false);
  /** Said once when analysis resumes after a pause. */
  notice = $state<string | null>(null);
  faces = $state.raw<TrackedFace[]>([]);
  /** The faces for the readouts under the view: `faces`, redrawn at most 5 times a second. */
  readouts = $state.raw<TrackedFace[]>([]);
  size = $state.raw({ width: 640, height: 480 });
  rates = $state.raw<Rates>({ fps: null, latencyMs: null });
  /** Why the camera was lost while on (state 'lost'), until it is started again. */
  lost = $state<string | null>(null);

  private stream: MediaStream | null = null;
  private video: HTMLVideoElement | null = null;
  // Two frames in flight: the page captures and sends the next frame while the worker still
  // reads the last one (the worker takes them in order, one at a time).
  private readonly loop = new FrameLoop(
    (video) => this.step(video),
    (e) => this.fail(e),
    2,
  );
  /** Capture time of the newest frame shown: an older one arriving late is not shown over it. */
  private shownAt = 0;
  private readoutsAt = 0;
  private tracker = emptyTracker();
  private meter = rateMeter();
  /** Bumped by every stop and pause: a result of an older generation is dropped. */
  private generation = 0;
  private hiddenAt = 0;
  private track: MediaStreamTrack | null = null;
  private readonly onTrackEnded = () => this.loseCamera();

  constructor(
    private readonly onFrame: (t: number, faces: TrackedFace[]) => void,
    private readonly analyzer: Pick<Analyzer, 'start' | 'analyze'> = appAnalyzer,
  ) {}

  /** Call once mounted; returns the clean-up. */
  attach(): () => void {
    this.cameraId = rememberedCamera();
    listCameras().then(
      (c) => (this.cameras = c),
      () => {},
    );
    const onVisibility = () => this.visibility(document.hidden);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      this.stop();
    };
  }

  async start(video: HTMLVideoElement): Promise<void> {
    if (this.state === 'starting' || this.state === 'on') return;
    this.state = 'starting';
    this.error = null;
    this.notice = null;
    this.lost = null;
    // A stop (or the page going away) while this awaits bumps the generation: then give up.
    const generation = ++this.generation;
    try {
      const stream = await openCamera(this.cameraId);
      if (generation !== this.generation) return stopStream(stream);
      this.stream = stream;
      this.watchTrack(stream);
      this.video = video;
      video.srcObject = stream;
      await video.play();
      const id = stream.getVideoTracks()[0]?.getSettings().deviceId;
      if (id) this.choose(id);
      this.cameras = await listCameras();
      await this.analyzer.start();
      if (generation !== this.generation) return;
      this.state = 'on';
      if (document.hidden) this.pause();
      else this.loop.start(video);
    } catch (e) {
      if (generation !== this.generation) return;
      this.release();
      this.state = 'error';
      this.error = e instanceof CameraError ? e.message : describeError(e);
    }
  }

  stop(): void {
    this.release();
    this.state = 'off';
    this.lost = null;
  }

  /** Switches camera; restarts it if it is on. */
  async select(deviceId: string): Promise<void> {
    this.choose(deviceId);
    const video = this.video;
    if (this.state === 'on' && video) {
      this.stop();
      await this.start(video);
    }
  }

  private choose(deviceId: string): void {
    this.cameraId = deviceId;
    rememberCamera(deviceId);
  }

  private async step(video: HTMLVideoElement): Promise<void> {
    const generation = this.generation;
    const capturedAt = epochNow();
    const analysis = await this.analyzer
      .analyze(await createImageBitmap(video), 'live')
      .catch((e: unknown) => this.engineLost(e, generation));
    if (!analysis || generation !== this.generation || capturedAt < this.shownAt) return;
    this.shownAt = capturedAt;
    const now = epochNow();
    const judged = analysis.faces.map((reading) => ({
      reading,
      quality: assessQuality(reading, reading.pixels),
    }));
    const { state, faces } = updateTracker(this.tracker, judged, capturedAt);
    this.tracker = state;
    this.faces = faces;
    if (readoutDue(this.readouts, this.readoutsAt, faces, now)) {
      this.readouts = faces;
      this.readoutsAt = now;
    }
    this.size = { width: analysis.width, height: analysis.height };
    this.meter = addSample(this.meter, now, now - capturedAt);
    this.rates = rates(this.meter);
    this.onFrame(capturedAt, faces);
  }

  /**
   * A frame lost with the engine (it is being restarted) keeps the camera on: the stale boxes go,
   * and the loop waits here, dropping frames, until the engine is back. Anything else, or an
   * engine that gave up, stops live analysis.
   */
  private async engineLost(e: unknown, generation: number): Promise<null> {
    if (!isEngineLost(e)) throw e;
    if (generation === this.generation) this.clearReadings();
    await this.analyzer.start();
    return null;
  }

  private visibility(hidden: boolean): void {
    if (this.state !== 'on' || !this.video) return;
    if (hidden) {
      this.pause();
    } else if (this.paused) {
      const seconds = Math.round((epochNow() - this.hiddenAt) / 1000);
      this.paused = false;
      this.notice = `Paused for ${seconds} s while this tab was hidden; live analysis has resumed.`;
      this.video.play().catch(() => {});
      this.loop.start(this.video, 'next');
    }
  }

  private pause(): void {
    this.generation++;
    this.loop.stop();
    this.video?.pause();
    this.paused = true;
    this.hiddenAt = epochNow();
    this.clearReadings();
  }

  /** The track ended by itself (a track the page stops fires no 'ended'). */
  private loseCamera(): void {
    if (this.state !== 'on' && this.state !== 'starting') return;
    this.release();
    this.state = 'lost';
    this.lost = CAMERA_LOST;
    logEvent('camera', 'camera lost: its video track ended', { cameraId: this.cameraId });
  }

  private watchTrack(stream: MediaStream): void {
    this.track = stream.getVideoTracks()[0] ?? null;
    this.track?.addEventListener('ended', this.onTrackEnded);
  }

  private fail(e: unknown): void {
    this.release();
    this.state = 'error';
    this.error = `Live analysis stopped: ${describeError(e)}`;
  }

  private release(): void {
    this.generation++;
    this.loop.stop();
    this.track?.removeEventListener('ended', this.onTrackEnded);
    this.track = null;
    stopStream(this.stream);
    this.stream = null;
    if (this.video) this.video.srcObject = null;
    this.video = null;
    this.paused = false;
    this.clearReadings();
  }

  private clearReadings(): void {
    this.faces = [];
    this.readouts = [];
    this.tracker = emptyTracker();
    this.meter = rateMeter();
    this.rates = { fps: null, latencyMs: null };
  }
}

/** A camera's DOMException in words the person can act on; anything else as it reads. */
function describeError(e: unknown): string {
  return e instanceof DOMException ? cameraErrorMessage(e) : errorText(e);
}
