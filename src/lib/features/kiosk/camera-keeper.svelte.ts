/**
 * Keeps the live camera running unattended: starts it without a click, and when it is lost (its
 * track ends, the device is unplugged, opening it fails, analysis stops) reopens it after a
 * growing delay (backoff.ts) until it works again. The live machinery itself is LiveCamera's.
 */
import type { LiveCamera } from '../live/live-camera.svelte';
import { retryDelay } from '../../domain/kiosk/backoff';

export type KeeperStatus = 'off' | 'starting' | 'running' | 'retrying';

/** What the keeper uses of the live camera. */
export type KeptCamera = Pick<LiveCamera, 'state' | 'error' | 'start' | 'stop'>;

/** How often the track is checked: a track stopped by the page ends without an 'ended' event. */
const WATCH_MS = 1_000;

export class CameraKeeper {
  status = $state<KeeperStatus>('off');
  /** Why the camera was lost, for diagnosis. */
  reason = $state<string | null>(null);
  /** Tries since the camera last ran. */
  attempts = $state(0);

  private video: HTMLVideoElement | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private watch: ReturnType<typeof setInterval> | undefined;
  private track: MediaStreamTrack | null = null;
  private readonly onEnded = () => this.lost('The camera stopped sending video.');

  constructor(private readonly camera: KeptCamera) {}

  /** Starts the camera on `video` and keeps it running until the returned clean-up runs. */
  keep(video: HTMLVideoElement): () => void {
    this.video = video;
    this.attempts = 0;
    this.watch = setInterval(() => this.check(), WATCH_MS);
    void this.open();
    return () => {
      this.video = null;
      clearInterval(this.watch);
      clearTimeout(this.retry);
      this.retry = undefined;
      this.unwatchTrack();
      this.camera.stop();
      this.status = 'off';
    };
  }

  private async open(): Promise<void> {
    const video = this.video;
    if (!video) return;
    this.retry = undefined;
    if (this.status !== 'retrying') this.status = 'starting';
    await this.camera.start(video);
    if (this.video !== video) return;
    if (this.camera.state !== 'on')
      return this.lost(this.camera.error ?? 'The camera did not start.');
    this.watchTrack(video);
    this.status = 'running';
    this.reason = null;
    this.attempts = 0;
  }

  private check(): void {
    if (this.status !== 'running') return;
    if (this.camera.state === 'error') this.lost(this.camera.error ?? 'The camera failed.');
    else if (this.track?.readyState === 'ended') this.onEnded();
  }

  private lost(reason: string): void {
    if (!this.video || this.retry !== undefined) return;
    this.unwatchTrack();
    this.camera.stop();
    this.status = 'retrying';
    this.reason = reason;
    this.retry = setTimeout(() => void this.open(), retryDelay(this.attempts));
    this.attempts += 1;
  }

  private watchTrack(video: HTMLVideoElement): void {
    this.unwatchTrack();
    const source = video.srcObject;
    const stream = source && 'getVideoTracks' in source ? source : null;
    this.track = stream?.getVideoTracks()[0] ?? null;
    this.track?.addEventListener('ended', this.onEnded);
  }

  private unwatchTrack(): void {
    this.track?.removeEventListener('ended', this.onEnded);
    this.track = null;
  }
}
