/**
 * Records a session from the live camera: frames are aggregated per face and per second, and the
 * closed seconds are written through every second and whenever the page may go away (pagehide,
 * tab hidden), so closing the tab loses at most the last two seconds.
 */
import { getDb, type EmotionDb } from '../../services/db/db';
import { SessionRecorder, type SessionMeta } from '../../services/db/recorder';
import { recoverOnce } from '../../services/db/recovery';
import type { SessionRow } from '../../domain/session/records';
import { SecondAggregator, SECOND_MS } from '../../domain/session/aggregate';
import { epochNow } from '../../services/clock';
import { errorText } from '../../domain/error-text';
import type { TrackedFace } from '../../domain/tracking/tracker';

export type { SessionMeta };

export type RecordingState = 'idle' | 'starting' | 'recording' | 'stopping';

export class LiveRecording {
  state = $state<RecordingState>('idle');
  /** The session being recorded. */
  session = $state.raw<SessionRow | null>(null);
  /** Epoch ms up to which readings are safely stored. */
  savedUntil = $state(0);
  error = $state<string | null>(null);
  /** The last session stopped here, with its summary. */
  stopped = $state.raw<SessionRow | null>(null);
  /** Sessions found unfinished (their tab closed while recording) and closed on this start. */
  recovered = $state.raw<SessionRow[]>([]);

  private recorder: SessionRecorder | null = null;
  private aggregator: SecondAggregator | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private starting: Promise<void> = Promise.resolve();

  private readonly onPageHide = () => this.saveNow();
  private readonly onVisibility = () => {
    if (document.hidden) this.saveNow();
  };

  /** `now` is the clock of the frames' times (epoch ms); the sessions' times follow it. */
  constructor(
    private readonly db: () => EmotionDb = getDb,
    private readonly now: () => number = epochNow,
  ) {}

  async recover(): Promise<void> {
    try {
      this.recovered = await recoverOnce(this.db());
    } catch (e) {
      this.error = `Could not check for unfinished sessions: ${errorText(e)}`;
    }
  }

  start(meta: SessionMeta): Promise<void> {
    if (this.state === 'idle') this.starting = this.open(meta);
    return this.starting;
  }

  private async open(meta: SessionMeta): Promise<void> {
    this.state = 'starting';
    this.error = null;
    try {
      const recorder = await SessionRecorder.start(this.db(), meta, Math.round(this.now()));
      this.recorder = recorder;
      this.aggregator = new SecondAggregator(recorder.session.id, recorder.session.startedAt);
      this.session = recorder.session;
      this.savedUntil = recorder.session.startedAt;
      this.timer = setInterval(() => this.tick(), SECOND_MS);
      addEventListener('pagehide', this.onPageHide);
      document.addEventListener('visibilitychange', this.onVisibility);
      this.state = 'recording';
    } catch (e) {
      this.state = 'idle';
      this.error = `Could not start the session: ${errorText(e)}`;
    }
  }

  /** A processed frame; ignored unless recording. */
  add(t: number, faces: readonly TrackedFace[]): void {
    if (this.state !== 'recording' || !this.recorder || !this.aggregator) return;
    this.recorder.push(this.aggregator.add(t, faces));
  }

  async stop(): Promise<void> {
    // A stop asked for while the session opens (the page going away) waits for it to be open.
    await this.starting;
    const { recorder, aggregator } = this;
    if (this.state !== 'recording' || !recorder || !aggregator) return;
    this.state = 'stopping';
    const now = this.now();
    recorder.push(aggregator.closeBefore(now));
    recorder.push(aggregator.current());
    try {
      this.stopped = await recorder.stop(Math.round(now));
    } catch (e) {
      // Storage full or gone: keep recording (and the buffer) so that nothing is lost.
      this.state = 'recording';
      this.error = errorText(e);
      return;
    }
    clearInterval(this.timer);
    removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.recorder = null;
    this.aggregator = null;
    this.session = null;
    this.error = null;
    this.state = 'idle';
  }

  private tick(): void {
    if (this.state !== 'recording' || !this.recorder || !this.aggregator) return;
    const now = this.now();
    this.recorder.push(this.aggregator.closeBefore(now));
    void this.flush(now);
  }

  /** Writes everything, the open second included (it is rewritten once complete). */
  private saveNow(): void {
    if (this.state !== 'recording' || !this.recorder || !this.aggregator) return;
    this.recorder.push(this.aggregator.current());
    void this.flush(this.now());
  }

  private async flush(now: number): Promise<void> {
    const recorder = this.recorder;
    if (!recorder) return;
    const result = await recorder.flush(Math.round(now));
    if (this.recorder !== recorder) return;
    if (result.ok) {
      this.savedUntil = now;
      this.error = null;
    } else {
      this.error = result.message;
    }
  }
}
