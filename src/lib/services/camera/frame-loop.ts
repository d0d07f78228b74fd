/**
 * Calls `step` once per video frame, with at most `depth` steps running at once: frames that
 * arrive while that many are in flight are dropped, so the analysis falls behind by at most
 * `depth` frames instead of queueing up latency. When a step ends and a frame was dropped
 * meanwhile, the newest frame is taken at once rather than at the next frame callback.
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
  private inFlight = 0;
  /** A frame arrived while busy. */
  private missed = false;
  private handle = 0;
  /** Frames skipped because a step was still running. */
  dropped = 0;

  /**
   * @param depth steps allowed in flight at once: 2 lets the page capture and send the next frame
   *   while the worker still reads the last one
   */
  constructor(
    private readonly step: (video: HTMLVideoElement) => Promise<void>,
    private readonly onError: (e: unknown) => void,
    private readonly depth = 1,
  ) {}

  /**
   * @param from `current` takes the frame already on screen at once (on a second visit the camera
   *   often plays before the engine is ready, and the next frame callback is up to 33 ms away);
   *   `next` waits for a new frame, as after a pause, when the frame on screen is stale
   */
  start(video: HTMLVideoElement, from: 'current' | 'next' = 'current'): void {
    this.stop();
    this.video = video;
    this.missed = false;
    this.schedule(video);
    if (from === 'next') return;
    if (this.inFlight < this.depth) this.run(video);
    else this.missed = true;
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
    if (this.inFlight >= this.depth) {
      this.dropped++;
      this.missed = true;
      return;
    }
    this.run(video);
  }

  private run(video: VideoWithFrameCallback): void {
    if (video.readyState < HAVE_CURRENT_DATA) return;
    this.inFlight++;
    this.missed = false;
    this.step(video)
      .catch((e: unknown) => {
        // Of several steps failing together, the first stops the loop and is the one reported.
        if (this.video !== video) return;
        this.stop();
        this.onError(e);
      })
      .finally(() => {
        this.inFlight--;
        if (this.missed && this.video === video) this.run(video);
      });
  }
}
