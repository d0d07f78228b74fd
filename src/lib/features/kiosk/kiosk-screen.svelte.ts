/**
 * The kiosk screen's controller: the live camera kept running unattended, the readout with its
 * idle reset, the screen wake lock, and retention. Reactive state for src/routes/kiosk.
 *
 * Storage: with a retention age of 0 (the default) the kiosk writes nothing; readings live in
 * memory for the readout only. With an age above 0 each visit (first face until the idle reset)
 * is recorded as a session tagged "kiosk", through the live page's LiveRecording. Either way,
 * ended sessions older than the age are purged on start, after each visit and every minute.
 *
 * One clock, the frames' (epochNow), times everything: the readout compares frame times with it,
 * and the sessions' start and end, which retention compares with it, are taken from it.
 */
import { analyzer } from '../../inference/analyzer.svelte';
import { epochNow } from '../../services/clock';
import { LiveCamera } from '../live/live-camera.svelte';
import { LiveRecording } from '../live/live-recording.svelte';
import type { TrackedFace } from '../../domain/tracking/tracker';
import { getDb, type EmotionDb } from '../../services/db/db';
import { storageErrorMessage } from '../../services/db/errors';
import { recoverOnce } from '../../services/db/recovery';
import { applyRetention } from '../../services/db/retention';
import { CameraKeeper, type KeptCamera } from './camera-keeper.svelte';
import { kioskMode } from './kiosk-mode.svelte';
import { profiles } from '../baseline/profiles.svelte';
import type { SessionBaseline } from '../../domain/session/records';
import { expire, HOLD_MS, idleState, observe, type ReadoutState } from '../../domain/kiosk/readout';
import { WakeLockKeeper } from '../../services/screen/wake-lock.svelte';

const TICK_MS = 500;
const PURGE_MS = 60_000;
export const VISIT_META = { label: 'Kiosk visit', tags: ['kiosk'], note: '' };

export interface PurgeRun {
  /** Epoch ms. */
  at: number;
  purged: number;
}

type FrameListener = (t: number, faces: TrackedFace[]) => void;

/** What the kiosk uses of the live camera. */
export type KioskCamera = KeptCamera & Pick<LiveCamera, 'attach' | 'faces' | 'size'>;

/** The parts the kiosk is built from; the app's own unless a test hands it others. */
export interface KioskParts {
  camera: (onFrame: FrameListener) => KioskCamera;
  /** Loads the models. */
  engine: { start(): Promise<unknown> };
  db: () => EmotionDb;
  /** Epoch ms, on the frames' clock. */
  now: () => number;
  /** The active baseline, which a visit's session records. */
  baseline: () => SessionBaseline | null;
}

const APP_PARTS: KioskParts = {
  camera: (onFrame) => new LiveCamera(onFrame),
  engine: analyzer,
  db: getDb,
  now: epochNow,
  baseline: () => profiles.forSession,
};

export class KioskScreen {
  readonly camera: KioskCamera;
  readonly keeper: CameraKeeper;
  readonly wakeLock = new WakeLockKeeper();
  private readonly recording: LiveRecording;
  private readonly parts: KioskParts;

  state = $state.raw<ReadoutState>(idleState());
  lastPurge = $state.raw<PurgeRun | null>(null);
  storageError = $state<string | null>(null);

  constructor(parts: Partial<KioskParts> = {}) {
    this.parts = { ...APP_PARTS, ...parts };
    this.camera = this.parts.camera((t, faces) => this.frame(t, faces));
    this.keeper = new CameraKeeper(this.camera);
    this.recording = new LiveRecording(this.parts.db, this.parts.now);
  }

  get readout() {
    return this.state.readout;
  }

  /** Runs the kiosk on `video` until the returned clean-up runs. */
  run(video: HTMLVideoElement): () => void {
    this.parts.engine.start().catch(() => {});
    const detach = this.camera.attach();
    const stopKeeping = this.keeper.keep(video);
    const releaseWakeLock = this.wakeLock.keep();
    const tick = setInterval(() => this.tick(), TICK_MS);
    const purge = setInterval(() => void this.purge(), PURGE_MS);
    void this.startup();
    return () => {
      clearInterval(tick);
      clearInterval(purge);
      stopKeeping();
      releaseWakeLock();
      detach();
      void this.endVisit();
      this.state = idleState();
    };
  }

  private options() {
    return { idleMs: kioskMode.settings.idleMs, holdMs: HOLD_MS };
  }

  private frame(t: number, faces: TrackedFace[]): void {
    const before = this.state;
    this.state = observe(before, faces, t, this.options());
    this.recording.add(t, faces);
    this.changed(before);
  }

  private tick(): void {
    const before = this.state;
    this.state = expire(before, this.parts.now(), this.options());
    this.changed(before);
  }

  private changed(before: ReadoutState): void {
    const wasIdle = before.readout.state === 'idle';
    const isIdle = this.state.readout.state === 'idle';
    if (wasIdle && !isIdle && kioskMode.settings.retentionMs > 0) {
      void this.recording.start({ ...VISIT_META, baseline: this.parts.baseline() });
    } else if (!wasIdle && isIdle) {
      void this.endVisit();
    }
  }

  private async endVisit(): Promise<void> {
    await this.recording.stop();
    await this.purge();
  }

  /** Closes sessions whose tab went away, so that retention can judge them, then purges. */
  private async startup(): Promise<void> {
    try {
      await recoverOnce(this.parts.db());
    } catch (e) {
      this.storageError = storageErrorMessage(e);
    }
    await this.purge();
  }

  private async purge(): Promise<void> {
    try {
      const now = Math.round(this.parts.now());
      const purged = await applyRetention(this.parts.db(), now, kioskMode.settings.retentionMs);
      this.lastPurge = { at: now, purged };
      this.storageError = null;
    } catch (e) {
      this.storageError = storageErrorMessage(e);
    }
  }
}
