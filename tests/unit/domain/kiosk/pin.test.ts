import { describe, expect, it } from 'vitest';
import { hashPin, isValidPin, verifyPin } from '../../../../src/lib/domain/kiosk/pin';
import {
  lockedFor,
  lockLength,
  openGuard,
  parseGuard,
  recordAttempt,
} from '../../../../src/lib/domain/kiosk/pin-guard';

describe('PIN hash', () => {
  it('accepts 4 to 12 digits only', () => {
    expect(['1234', '000000000000'].map(isValidPin)).toEqual([true, true]);
    expect(['123', '1234567890123', '12a4', ' 1234', ''].map(isValidPin)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('stores a salted hash, never the PIN, and verifies it', async () => {
    const stored = await hashPin('2468');
    expect(stored.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain('2468');
    expect(await verifyPin('2468', stored)).toBe(true);
    expect(await verifyPin('2469', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('salts: the same PIN hashes differently each time it is set', async () => {
    const a = await hashPin('2468');
    const b = await hashPin('2468');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await hashPin('2468', a.salt)).toEqual(a);
  });
});

describe('PIN guard', () => {
  it('locks for a minute after five wrong PINs in a row', () => {
    let g = openGuard();
    for (let i = 0; i < 4; i++) g = recordAttempt(g, false, 1000 + i);
    expect(lockedFor(g, 1004)).toBe(0);
    g = recordAttempt(g, false, 2000);
    expect(lockedFor(g, 2000)).toBe(60_000);
    expect(lockedFor(g, 61_999)).toBe(1);
    expect(lockedFor(g, 62_000)).toBe(0);
  });

  it('a right PIN clears the count', () => {
    let g = openGuard();
    for (let i = 0; i < 4; i++) g = recordAttempt(g, false, i);
    g = recordAttempt(g, true, 10);
    g = recordAttempt(g, false, 11);
    expect(g).toEqual({ failures: 1, lockedUntil: 0, lockouts: 0 });
  });

  it('each lock-out lasts longer: 1 min, 5 min, 15 min, then 1 h each, until the right PIN', () => {
    const MIN = 60_000;
    let g = openGuard();
    let now = 0;
    const lengths: number[] = [];
    for (let lockout = 0; lockout < 6; lockout++) {
      for (let i = 0; i < 5; i++) g = recordAttempt(g, false, now);
      lengths.push(lockedFor(g, now));
      now = g.lockedUntil;
      expect(lockedFor(g, now)).toBe(0);
    }
    expect(lengths).toEqual([MIN, 5 * MIN, 15 * MIN, 60 * MIN, 60 * MIN, 60 * MIN]);
    g = recordAttempt(g, true, now);
    for (let i = 0; i < 5; i++) g = recordAttempt(g, false, now);
    expect(lockedFor(g, now)).toBe(MIN);
    expect(lockLength(-1)).toBe(MIN);
  });

  it('a clock set back does not lock for longer than the lock-out itself', () => {
    let g = openGuard();
    for (let i = 0; i < 5; i++) g = recordAttempt(g, false, 10_000_000);
    expect(lockedFor(g, 0)).toBe(60_000);
  });

  it('reads a stored state back, and starts afresh from anything unreadable', () => {
    const stored = { failures: 2, lockedUntil: 1_700_000_060_000, lockouts: 1 };
    expect(parseGuard(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(parseGuard(null)).toEqual(openGuard());
    expect(parseGuard({ failures: -1, lockedUntil: 'soon', lockouts: 1.5 })).toEqual(openGuard());
  });
});
