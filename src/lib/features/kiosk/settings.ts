/**
 * Kiosk settings, kept in localStorage (small, no index needed): on or off, the PIN that locks it,
 * how long stored sessions are kept, and how long without a face before the screen resets.
 * `parseSettings` returns a complete copy with defaults filled in for anything missing or invalid.
 */
import type { PinHash } from '../../domain/kiosk/pin';

export interface KioskSettings {
  enabled: boolean;
  /** The PIN's salted hash; null: no PIN, kiosk mode can be left without one. */
  pin: PinHash | null;
  /** Ended sessions older than this are purged in kiosk mode; 0 keeps none once it ends. */
  retentionMs: number;
  /** No face for this long clears the readout back to the idle screen. */
  idleMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The choices the settings page offers. */
export const RETENTION_CHOICES: readonly { ms: number; label: string }[] = [
  { ms: 0, label: 'None: delete each session when it ends' },
  { ms: HOUR, label: '1 hour' },
  { ms: DAY, label: '1 day' },
  { ms: 7 * DAY, label: '7 days' },
  { ms: 30 * DAY, label: '30 days' },
];

export const IDLE_LIMITS = { minMs: 3_000, maxMs: 10 * MINUTE } as const;

export const DEFAULT_SETTINGS: KioskSettings = {
  enabled: false,
  pin: null,
  retentionMs: 0,
  idleMs: 10_000,
};

export const SETTINGS_KEY = 'emotion-detector:kiosk';

export function parseSettings(value: unknown): KioskSettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  return {
    enabled: typeof v.enabled === 'boolean' ? v.enabled : d.enabled,
    pin: isPinHash(v.pin) ? { salt: v.pin.salt, hash: v.pin.hash } : d.pin,
    retentionMs: isDuration(v.retentionMs, 0, Infinity) ? v.retentionMs : d.retentionMs,
    idleMs: isDuration(v.idleMs, IDLE_LIMITS.minMs, IDLE_LIMITS.maxMs) ? v.idleMs : d.idleMs,
  };
}

function isDuration(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

function isPinHash(v: unknown): v is PinHash {
  const p = v as Partial<PinHash> | null;
  return typeof p?.salt === 'string' && typeof p.hash === 'string' && p.hash.length > 0;
}

/** The stored settings; the defaults when there are none or storage is off. */
export function readSettings(
  storage: Storage | undefined = globalThis.localStorage,
): KioskSettings {
  try {
    const raw = storage?.getItem(SETTINGS_KEY);
    return parseSettings(raw ? JSON.parse(raw) : null);
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** False when storage is off (private mode): the settings then last as long as the page. */
export function writeSettings(
  settings: KioskSettings,
  storage: Storage | undefined = globalThis.localStorage,
): boolean {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
    return storage !== undefined;
  } catch {
    return false;
  }
}
