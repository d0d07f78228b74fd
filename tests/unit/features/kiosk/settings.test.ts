import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  parseSettings,
  readSettings,
  SETTINGS_KEY,
  writeSettings,
} from '../../../../src/lib/features/kiosk/settings';
import { memoryStorage } from '../../fixtures/memory-storage';

describe('kiosk settings', () => {
  it('defaults: off, no PIN, nothing kept after a session, idle after 10 s', () => {
    expect(parseSettings(null)).toEqual({
      enabled: false,
      pin: null,
      retentionMs: 0,
      idleMs: 10_000,
    });
  });

  it('keeps valid values and replaces invalid ones by the defaults', () => {
    const pin = { salt: 'ab', hash: 'cd' };
    expect(parseSettings({ enabled: true, pin, retentionMs: 3_600_000, idleMs: 30_000 })).toEqual({
      enabled: true,
      pin,
      retentionMs: 3_600_000,
      idleMs: 30_000,
    });
    expect(
      parseSettings({ enabled: 'yes', pin: { salt: 1 }, retentionMs: -1, idleMs: 100 }),
    ).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ retentionMs: Number.NaN, idleMs: 3_600_000 })).toEqual(DEFAULT_SETTINGS);
  });

  it('round-trips through storage, and survives broken or garbled storage', () => {
    const storage = memoryStorage();
    const settings = { ...DEFAULT_SETTINGS, enabled: true, idleMs: 5_000 };
    expect(writeSettings(settings, storage)).toBe(true);
    expect(readSettings(storage)).toEqual(settings);

    storage.setItem(SETTINGS_KEY, '{not json');
    expect(readSettings(storage)).toEqual(DEFAULT_SETTINGS);

    const broken = memoryStorage(true);
    expect(writeSettings(settings, broken)).toBe(false);
    expect(readSettings(broken)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});
