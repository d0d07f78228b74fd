import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SETTINGS_KEY } from '../../../../src/lib/features/kiosk/settings';
import { memoryStorage } from '../../fixtures/memory-storage';

const storage = memoryStorage();
vi.stubGlobal('localStorage', storage);
const { GUARD_KEY, kioskMode } =
  await import('../../../../src/lib/features/kiosk/kiosk-mode.svelte');

const stored = () => JSON.parse(storage.getItem(SETTINGS_KEY) ?? 'null') as unknown;
const T = 1_700_000_000_000;

describe('kiosk mode', () => {
  beforeAll(() => kioskMode.load(new URL('http://kiosk.test/')));

  it('?kiosk on any page turns it on and stores it', () => {
    expect(kioskMode.active).toBe(false);
    kioskMode.load(new URL('http://kiosk.test/history?kiosk'));
    expect(kioskMode.active).toBe(true);
    expect(stored()).toMatchObject({ enabled: true });
  });

  it('without a PIN, any exit leaves', async () => {
    expect(await kioskMode.unlock('', T)).toEqual({ ok: true });
    expect(kioskMode.active).toBe(false);
    expect(stored()).toMatchObject({ enabled: false });
  });

  it('with a PIN, only the right one leaves; five wrong ones lock the exit for a minute', async () => {
    await expect(kioskMode.setPin('12')).rejects.toThrow(/4 to 12 digits/);
    await kioskMode.setPin('4321');
    expect(JSON.stringify(stored())).not.toContain('4321');
    kioskMode.update({ enabled: true });

    expect(await kioskMode.unlock('1234', T)).toEqual({ ok: false, reason: 'wrong' });
    expect(kioskMode.active).toBe(true);
    for (let i = 1; i < 4; i++) await kioskMode.unlock('0000', T + i);
    expect(await kioskMode.unlock('0000', T + 4)).toEqual({
      ok: false,
      reason: 'locked',
      retryInMs: 60_000,
    });
    // Locked: even the right PIN waits.
    expect(await kioskMode.unlock('4321', T + 30_004)).toEqual({
      ok: false,
      reason: 'locked',
      retryInMs: 30_000,
    });
    expect(await kioskMode.unlock('4321', T + 60_004)).toEqual({ ok: true });
    expect(kioskMode.active).toBe(false);
  });

  it('a reload keeps a lock-out, and the next one lasts 5 minutes', async () => {
    kioskMode.update({ enabled: true });
    const t = T + 100_000;
    for (let i = 0; i < 5; i++) await kioskMode.unlock('0000', t);
    vi.resetModules();
    const fresh = (await import('../../../../src/lib/features/kiosk/kiosk-mode.svelte')).kioskMode;
    fresh.load(new URL('http://kiosk.test/kiosk'));
    expect(await fresh.unlock('4321', t + 1_000)).toEqual({
      ok: false,
      reason: 'locked',
      retryInMs: 59_000,
    });
    for (let i = 0; i < 5; i++) await fresh.unlock('0000', t + 60_000);
    expect(JSON.parse(storage.getItem(GUARD_KEY) ?? 'null')).toMatchObject({ lockouts: 2 });
    expect(await fresh.unlock('4321', t + 60_000 + 299_000)).toMatchObject({ retryInMs: 1_000 });
    expect(await fresh.unlock('4321', t + 60_000 + 300_000)).toEqual({ ok: true });
    expect(JSON.parse(storage.getItem(GUARD_KEY) ?? 'null')).toMatchObject({ lockouts: 0 });
  });

  it('with storage off or unreadable, the page keeps its own count', async () => {
    kioskMode.update({ enabled: true });
    storage.setItem(GUARD_KEY, '{not json');
    const t = T + 1_000_000;
    for (let i = 0; i < 4; i++) await kioskMode.unlock('0000', t);
    vi.stubGlobal('localStorage', undefined);
    try {
      expect(await kioskMode.unlock('0000', t)).toMatchObject({ reason: 'locked' });
    } finally {
      vi.stubGlobal('localStorage', storage);
    }
    expect(await kioskMode.unlock('4321', t + 60_000)).toEqual({ ok: true });
  });

  it('a reload reads the stored settings back', async () => {
    kioskMode.update({ enabled: true, retentionMs: 3_600_000, idleMs: 20_000 });
    vi.resetModules();
    const fresh = (await import('../../../../src/lib/features/kiosk/kiosk-mode.svelte')).kioskMode;
    expect(fresh).not.toBe(kioskMode);
    fresh.load(new URL('http://kiosk.test/kiosk'));
    expect(fresh.settings).toMatchObject({ enabled: true, retentionMs: 3_600_000, idleMs: 20_000 });
    expect(fresh.settings.pin).not.toBeNull();
  });
});
