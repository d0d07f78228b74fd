/**
 * One calibration at a time: a countdown fed with the live camera's frames (`add`), after which
 * the means of the good readings are stored as the profile's baseline and made active. Too few
 * good seconds store nothing and say why. No frame or image is kept, only running sums.
 */
import {
  CALIBRATION,
  addFrame,
  finishCalibration,
  remainingMs,
  startCalibration,
  type CalibrationOptions,
  type CalibrationState,
} from '../../domain/affect/calibration';
import { checkBaselineName, makeBaseline } from '../../domain/session/baselines';
import type { JudgedReading } from '../../domain/tracking/tracker';
import { epochNow } from '../../services/clock';
import { profiles as appProfiles, type Profiles } from './profiles.svelte';

export type CalibrationPhase = 'idle' | 'calibrating';

export interface CalibrationMessage {
  kind: 'ok' | 'error';
  text: string;
}

const TICK_MS = 250;

export class Calibration {
  phase = $state<CalibrationPhase>('idle');
  /** The profile being calibrated. */
  name = $state('');
  remainingMs = $state(0);
  goodSeconds = $state(0);
  message = $state.raw<CalibrationMessage | null>(null);

  private run: CalibrationState | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly profiles: Profiles = appProfiles,
    private readonly now: () => number = epochNow,
    private readonly newId: () => string = () => crypto.randomUUID(),
    readonly options: CalibrationOptions = CALIBRATION,
  ) {}

  /**
   * Starts calibrating `rawName`. A new profile may not take a stored profile's name; `recalibrate`
   * calibrates the stored profile of that name again (its baseline is replaced on success).
   */
  start(rawName: string, { recalibrate = false } = {}): boolean {
    if (this.phase === 'calibrating') return false;
    const checked = checkBaselineName(rawName);
    if (!checked.ok) return this.refuse(checked.message);
    if (!recalibrate && this.profiles.byName(checked.name)) {
      return this.refuse(
        `A profile named "${checked.name}" already exists. Choose it in the list to calibrate it again, or give a new profile another name.`,
      );
    }
    this.name = checked.name;
    this.run = startCalibration(this.now());
    this.remainingMs = this.options.durationMs;
    this.goodSeconds = 0;
    this.message = null;
    this.phase = 'calibrating';
    this.timer = setInterval(() => this.tick(), TICK_MS);
    return true;
  }

  /** A processed frame of the live camera (capture time `t`); ignored unless calibrating. */
  add(t: number, faces: readonly JudgedReading[]): void {
    if (!this.run || this.phase !== 'calibrating') return;
    this.run = addFrame(this.run, t, faces, this.options);
    this.goodSeconds = this.run.goodSeconds.length;
  }

  /** Stops a run without storing anything, saying why. */
  cancel(reason: string): void {
    if (this.phase !== 'calibrating') return;
    this.stopRun();
    this.phase = 'idle';
    this.message = { kind: 'error', text: `Calibration stopped: ${reason} Nothing was stored.` };
  }

  /** The page goes away: the run ends, nothing is stored. */
  detach(): void {
    this.stopRun();
    this.phase = 'idle';
  }

  private refuse(text: string): false {
    this.message = { kind: 'error', text };
    return false;
  }

  private tick(): void {
    if (!this.run) return;
    this.remainingMs = remainingMs(this.run, this.now(), this.options);
    if (this.remainingMs === 0) void this.finish();
  }

  private async finish(): Promise<void> {
    const run = this.run;
    this.stopRun();
    if (!run) return;
    const result = finishCalibration(run, this.options);
    if (!result.ok) {
      this.phase = 'idle';
      this.message = { kind: 'error', text: `${result.reason} Nothing was stored.` };
      return;
    }
    const baseline = makeBaseline(result.figures, {
      id: this.newId(),
      name: this.name,
      calibratedAt: Math.round(this.now()),
    });
    const saved = await this.profiles.save(baseline);
    this.phase = 'idle';
    this.message = saved
      ? {
          kind: 'ok',
          text: `Calibrated "${baseline.name}" from ${result.figures.goodSeconds} s of good readings: resting stress ${Math.round(baseline.stress)}. Stress is now also shown relative to it.`,
        }
      : { kind: 'error', text: this.profiles.error ?? 'Could not save the profile.' };
  }

  private stopRun(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.run = null;
  }
}
