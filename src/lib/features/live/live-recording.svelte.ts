/**
 * Records a session from the live camera: frames are aggregated per face and per second, and the
 * closed seconds are written through every second and whenever the page may go away (pagehide,
 * tab hidden), so closing the tab loses at most the last two seconds. Stop always ends the
 * session, saying what storage could not keep; a session recorded in another tab is shown, and a
 * second one starts only when the person asks for it.
 */
import { getDb, type EmotionDb } from '../../services/db/db';
import { isStorageUnavailable, storageErrorMessage } from '../../services/db/errors';
import { webLocks, type SessionLocks } from '../../services/db/locks';
import { SessionRecorder, type SessionMeta } from '../../services/db/recorder';
import { liveSessions, recoverOnce } from '../../services/db/recovery';
import { logEvent } from '../../services/diagnostics/event-log';
import { askToPersist } from '../../services/storage/persistence';
import { profiles } from '../baseline/profiles.svelte';
import type { SessionBaseline } from '../../domain/session/records';
import type { Checkin, CheckinLevel, SessionRow } from '../../domain/session/records';
import { SecondAggregator, SECOND_MS } from '../../domain/session/aggregate';
import { epochNow } from '../../services/clock';
import { errorText } from '../../domain/error-text';
import type { TrackedFace } from '../../domain/tracking/tracker';

export type { SessionMeta };

export type RecordingState = 'idle' | 'starting' | 'recording' | 'stopping';
export type CheckinStatus = 'saving' | 'saved' | 'in memory';

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
  /** Sessions another tab is recording; a start waits for the person to confirm. */
  elsewhere = $state.raw<SessionRow[]>([]);
  /** A person's start was held back because of `elsewhere`: they may start anyway. */
  confirming = $state(false);
  /** Why nothing can be recorded in this browser (storage unavailable), or null. */
  unavailable = $state<string | null>(null);
  /** The camera was lost: the session waits, its seconds not counting, until `resume`. */
  paused = $state(false);
  /** The running session's check-ins, in time order. */
  checkins = $state.raw<Checkin[]>([]);
  /** The last check-in made here, and where it is: being written, stored, or kept in memory. */
  lastCheckin = $state.raw<{ checkin: Checkin; status: CheckinStatus } | null>(null);

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
    private readonly locks: SessionLocks = webLocks,
    /** The active baseline, which a session records unless `meta` names one. */
    private readonly baseline: () => SessionBaseline | null = () => profiles.forSession,
  ) {}

  /** Closes what closed tabs left open, and looks for a session recorded in another tab. */
  async recover(): Promise<void> {
    try {
      this.recovered = await recoverOnce(this.db(), this.locks);
      await this.lookElsewhere();
    } catch (e) {
      if (this.markUnavailable(e)) return;
      this.error = `Could not check for unfinished sessions: ${errorText(e)}`;
    }
  }

  /**
   * `unlessElsewhere`: a person pressed Start; if another tab records a session, ask them first
   * (`confirming`) rather than record the same faces twice. The kiosk, unattended, never asks.
   */
  start(meta: SessionMeta, { unlessElsewhere = false } = {}): Promise<void> {
    if (this.state === 'idle') this.starting = this.open(meta, unlessElsewhere);
    return this.starting;
  }

  private async open(meta: SessionMeta, unlessElsewhere: boolean): Promise<void> {
    this.state = 'starting';
    this.error = null;
    try {
      if (unlessElsewhere && (await this.lookElsewhere()).length > 0) {
        this.confirming = true;
        this.state = 'idle';
        return;
      }
      const recorder = await SessionRecorder.start(
        this.db(),
        { baseline: this.baseline(), ...meta },
        Math.round(this.now()),
        this.locks,
      );
      this.recorder = recorder;
      this.aggregator = new SecondAggregator(recorder.session.id, recorder.session.startedAt);
      this.session = recorder.session;
      this.checkins = [];
      this.lastCheckin = null;
      this.savedUntil = recorder.session.startedAt;
      this.timer = setInterval(() => this.tick(), SECOND_MS);
      addEventListener('pagehide', this.onPageHide);
      document.addEventListener('visibilitychange', this.onVisibility);
      this.confirming = false;
      this.state = 'recording';
      logEvent('session', 'recording started', { id: recorder.session.id });
      void askToPersist();
    } catch (e) {
      this.state = 'idle';
      if (!this.markUnavailable(e)) this.error = `Could not start the session: ${errorText(e)}`;
    }
  }

  /** A processed frame; ignored unless recording. */
  add(t: number, faces: readonly TrackedFace[]): void {
    if (this.state !== 'recording' || !this.recorder || !this.aggregator) return;
    this.recorder.push(this.aggregator.add(t, faces));
  }

  /**
   * A self-report, at the session clock's now; ignored unless recording. Stored at once; when
   * storage refuses it, it is kept in memory like the readings, `error` says so, and the next
   * flush or the stop writes it (or reports it lost).
   */
  async checkin(level: CheckinLevel): Promise<void> {
    const recorder = this.recorder;
    if (this.state !== 'recording' || !recorder) return;
    const pending = recorder.checkin(level, this.now());
    const checkin = recorder.allCheckins.find((c) => !this.checkins.includes(c));
    this.checkins = [...recorder.allCheckins];
    if (checkin) this.lastCheckin = { checkin, status: 'saving' };
    const result = await pending;
    if (this.recorder !== recorder) return;
    if (checkin && this.lastCheckin?.checkin === checkin) {
      this.lastCheckin = { checkin, status: result.ok ? 'saved' : 'in memory' };
    }
    if (!result.ok) {
      if (this.error === null) logEvent('storage', result.message, { id: recorder.session.id });
      this.error = `Your check-in is kept in memory until it can be saved. ${result.message}`;
    }
  }

  /** Saves what is open and stops the clock of the session until `resume` (camera lost). */
  pause(): void {
    if (this.state !== 'recording' || this.paused) return;
    this.saveNow();
    clearInterval(this.timer);
    this.paused = true;
  }

  resume(): void {
    if (this.state !== 'recording' || !this.paused) return;
    this.paused = false;
    this.timer = setInterval(() => this.tick(), SECOND_MS);
  }

  /**
   * Ends the session, always: what storage refused is reported in `error` and the session is
   * closed as partial (recorder.ts).
   */
  async stop(): Promise<void> {
    // A stop asked for while the session opens (the page going away) waits for it to be open.
    await this.starting;
    const { recorder, aggregator } = this;
    if (this.state !== 'recording' || !recorder || !aggregator) return;
    this.state = 'stopping';
    this.unhook();
    const now = this.now();
    recorder.push(aggregator.closeBefore(now));
    recorder.push(aggregator.current());
    try {
      const result = await recorder.stop(Math.round(now));
      this.stopped = result.session;
      this.error = result.problem;
      logEvent('session', result.problem ?? 'recording stopped', {
        id: result.session.id,
        unsaved: result.unsaved,
      });
    } finally {
      this.recorder = null;
      this.aggregator = null;
      this.session = null;
      this.checkins = [];
      this.lastCheckin = null;
      this.paused = false;
      this.state = 'idle';
    }
  }

  /** The page goes away: timers and listeners end now, the session is closed and its lock freed. */
  detach(): void {
    this.unhook();
    void this.stop();
  }

  private unhook(): void {
    clearInterval(this.timer);
    removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  private async lookElsewhere(): Promise<SessionRow[]> {
    const own = this.session?.id;
    const live = await liveSessions(this.db(), Math.round(this.now()), this.locks);
    this.elsewhere = live.filter((s) => s.id !== own);
    if (this.elsewhere.length === 0) this.confirming = false;
    return this.elsewhere;
  }

  private markUnavailable(e: unknown): boolean {
    if (!isStorageUnavailable(e)) return false;
    this.unavailable = `Recording is unavailable: ${storageErrorMessage(e)}`;
    return true;
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
      const last = this.lastCheckin;
      if (last?.status === 'in memory' && recorder.unsavedCheckins === 0) {
        this.lastCheckin = { ...last, status: 'saved' };
      }
    } else {
      // Logged once per run of failures, not every second.
      if (this.error === null) logEvent('storage', result.message, { id: recorder.session.id });
      this.error = result.message;
    }
  }
}
