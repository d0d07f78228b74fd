/**
 * The profiles (calibrated baselines) of this device and the active one, as reactive state shared
 * by the live page, the kiosk and the settings page. Choosing a profile makes its baseline the
 * reference of the stress shown and of the sessions started from then on.
 */
import { sessionBaseline } from '../../domain/session/baselines';
import type { Baseline, SessionBaseline } from '../../domain/session/records';
import {
  deleteBaseline,
  listBaselines,
  readActiveBaselineId,
  saveBaseline,
  writeActiveBaselineId,
} from '../../services/db/baselines';
import { getDb, type EmotionDb } from '../../services/db/db';
import { storageErrorMessage } from '../../services/db/errors';

export class Profiles {
  list = $state.raw<Baseline[]>([]);
  activeId = $state<string | null>(null);
  error = $state<string | null>(null);
  readonly active: Baseline | null = $derived(
    this.list.find((b) => b.id === this.activeId) ?? null,
  );

  constructor(
    private readonly db: () => EmotionDb = getDb,
    private readonly storage: () => Storage | undefined = () => globalThis.localStorage,
  ) {}

  /** What a session started now keeps of the active baseline. */
  get forSession(): SessionBaseline | null {
    return this.active ? sessionBaseline(this.active) : null;
  }

  /** Reads the stored profiles and the device's choice (a choice whose profile is gone is none). */
  async load(): Promise<void> {
    try {
      this.list = await listBaselines(this.db());
      const id = readActiveBaselineId(this.storage());
      this.activeId = this.list.some((b) => b.id === id) ? id : null;
      this.error = null;
    } catch (e) {
      this.error = `Could not read the profiles: ${storageErrorMessage(e)}`;
    }
  }

  /** Makes a stored profile active; null: no baseline. */
  choose(id: string | null): void {
    this.activeId = id !== null && this.list.some((b) => b.id === id) ? id : null;
    writeActiveBaselineId(this.activeId, this.storage());
  }

  /** Stores a calibration (replacing the profile's earlier one) and makes it active. */
  async save(baseline: Baseline): Promise<boolean> {
    try {
      await saveBaseline(this.db(), baseline);
      await this.load();
      this.choose(baseline.id);
      return true;
    } catch (e) {
      this.error = `Could not save the profile: ${storageErrorMessage(e)}`;
      return false;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await deleteBaseline(this.db(), id);
      if (this.activeId === id) this.choose(null);
      await this.load();
    } catch (e) {
      this.error = `Could not delete the profile: ${storageErrorMessage(e)}`;
    }
  }

  byName(name: string): Baseline | undefined {
    return this.list.find((b) => b.name === name);
  }
}

/** The app's profiles. */
export const profiles = new Profiles();
