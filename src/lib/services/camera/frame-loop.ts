/**
 * Calls `step` once per video frame, but never while the previous step is still running: frames
 * that arrive meanwhile are dropped, so the analysis falls behind by at most one frame instead of
 * queueing up latency. When a step ends and a frame was dropped meanwhile, the newest frame is
 * taken at once rather than at the next frame callback.
 */
/** HTMLMediaElement.HAVE_CURRENT_DATA, spelled out so that the loop runs outside a browser too. */
const HAVE_CURRENT_DATA = 2;

type VideoWithFrameCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (callback: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/**
 * One loop serves every start and stop of the camera, so that a step still running from before a
 * stop also holds back the first step after the next start.
 */
export class FrameLoop {
  private video: VideoWithFrameCallback | null = null;
  private busy = false;
  /** A frame arrived while busy. */
  private missed = false;
  private handle = 0;
  /** Frames skipped because a step was still running. */
  dropped = 0;

  constructor(
    private readonly step: (video: HTMLVideoElement) => Promise<void>,
    private readonly onError: (e: unknown) => void,
  ) {}

  start(video: HTMLVideoElement): void {
    this.stop();
    this.video = video;
    this.missed = false;
    this.schedule(video);
  }

  stop(): void {
    const video = this.video;
    this.video = null;
    if (!video) return;
    if (video.cancelVideoFrameCallback) video.cancelVideoFrameCallback(this.handle);
    else cancelAnimationFrame(this.handle);
  }

  private schedule(video: VideoWithFrameCallback): void {
    const tick = () => this.tick(video);
    this.handle = video.requestVideoFrameCallback
      ? video.requestVideoFrameCallback(tick)
      : requestAnimationFrame(tick);
  }

  private tick(video: VideoWithFrameCallback): void {
    if (this.video !== video) return;
    this.schedule(video);
    if (this.busy) {
      this.dropped++;
      this.missed = true;
      return;
    }
    this.run(video);
  }

  private run(video: VideoWithFrameCallback): void {
    if (video.readyState < HAVE_CURRENT_DATA) return;
    this.busy = true;
    this.missed = false;
    this.step(video)
      .catch((e: unknown) => {
        this.stop();
        this.onError(e);
      })
      .finally(() => {
        this.busy = false;
        if (this.missed && this.video === video) this.run(video);
      });
  }
}
