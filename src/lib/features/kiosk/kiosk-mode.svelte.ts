/**
 * Whether the app is in kiosk mode, and the kiosk settings, as reactive state for the layout,
 * the kiosk screen and the settings page. `?kiosk` on any URL turns kiosk mode on and stores it,
 * so a reload stays in kiosk mode. Leaving it needs the PIN when one is set; the count of wrong
 * PINs is stored too, so reloading between guesses does not lift a lock-out.
 */
import { hashPin, isValidPin, verifyPin } from '../../domain/kiosk/pin';
import {
  lockedFor,
  openGuard,
  parseGuard,
  recordAttempt,
  type PinGuardState,
} from '../../domain/kiosk/pin-guard';
import { DEFAULT_SETTINGS, readSettings, writeSettings, type KioskSettings } from './settings';

export const KIOSK_PARAM = 'kiosk';

export const GUARD_KEY = 'emotion-detector:kiosk-pin-guard';

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; retryInMs: number };

class KioskMode {
  settings = $state.raw<KioskSettings>(DEFAULT_SETTINGS);
  /** False when storage is off: the settings then last as long as the page. */
  persisted = $state(true);

  private loaded = false;
  private guard = openGuard();

  get active(): boolean {
    return this.settings.enabled;
  }

  /** Reads the stored settings (once) and honours `?kiosk` in the page's URL. */
  load(url: URL = new URL(location.href)): void {
    if (!this.loaded) {
      this.loaded = true;
      this.settings = readSettings();
    }
    if (url.searchParams.has(KIOSK_PARAM) && !this.active) this.update({ enabled: true });
  }

  update(patch: Partial<Omit<KioskSettings, 'pin'>>): void {
    this.save({ ...this.settings, ...patch });
  }

  /** Sets the PIN; null removes it. Throws for a PIN that is not 4–12 digits. */
  async setPin(pin: string | null): Promise<void> {
    if (pin !== null && !isValidPin(pin)) throw new Error('A PIN is 4 to 12 digits.');
    this.save({ ...this.settings, pin: pin === null ? null : await hashPin(pin) });
  }

  /** Leaves kiosk mode if the PIN is right (any PIN, or none, when no PIN is set). */
  async unlock(pin: string, now = Date.now()): Promise<UnlockResult> {
    // Read on every try: another tab, or this one before a reload, may have counted wrong PINs.
    this.guard = readGuard() ?? this.guard;
    const wait = lockedFor(this.guard, now);
    if (wait > 0) return { ok: false, reason: 'locked', retryInMs: wait };
    const stored = this.settings.pin;
    const ok = stored === null || (await verifyPin(pin, stored));
    this.guard = recordAttempt(this.guard, ok, now);
    writeGuard(this.guard);
    if (!ok) {
      const locked = lockedFor(this.guard, now);
      return locked > 0
        ? { ok: false, reason: 'locked', retryInMs: locked }
        : { ok: false, reason: 'wrong' };
    }
    this.update({ enabled: false });
    return { ok: true };
  }

  private save(settings: KioskSettings): void {
    this.settings = settings;
    this.persisted = writeSettings(settings);
  }
}

/** The stored guard; null when storage is off (then the page's own count holds). */
function readGuard(): PinGuardState | null {
  try {
    const raw = globalThis.localStorage?.getItem(GUARD_KEY);
    return raw === undefined ? null : parseGuard(raw ? JSON.parse(raw) : null);
  } catch {
    return null;
  }
}

function writeGuard(guard: PinGuardState): void {
  try {
    globalThis.localStorage?.setItem(GUARD_KEY, JSON.stringify(guard));
  } catch {
    // Storage off: the count lasts as long as the page.
  }
}

export const kioskMode = new KioskMode();
