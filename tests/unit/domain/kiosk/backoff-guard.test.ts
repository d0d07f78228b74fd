import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../../../src/lib/domain/kiosk/backoff';
import { mayNavigate, mustShowKiosk } from '../../../../src/lib/domain/kiosk/guard';

describe('camera retry backoff', () => {
  it('doubles from 1 s up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50, 5000].map((n) => retryDelay(n))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000,
    ]);
    expect(retryDelay(-3)).toBe(1000);
  });
});

describe('kiosk route guard', () => {
  const url = (path: string) => new URL(path, 'http://kiosk.test');

  it('sends every other page, and ?kiosk on the kiosk page, to the kiosk screen', () => {
    expect(mustShowKiosk(true, '/history', url('/history'))).toBe(true);
    expect(mustShowKiosk(true, '/history/[id]', url('/history/abc'))).toBe(true);
    expect(mustShowKiosk(true, '/settings', url('/settings'))).toBe(true);
    expect(mustShowKiosk(true, null, url('/nowhere'))).toBe(true);
    expect(mustShowKiosk(true, '/kiosk', url('/kiosk?kiosk'))).toBe(true);
    expect(mustShowKiosk(true, '/kiosk', url('/kiosk'))).toBe(false);
    expect(mustShowKiosk(false, '/history', url('/history'))).toBe(false);
  });

  it('holds back navigation away from the kiosk, but never the page closing', () => {
    expect(mayNavigate(true, '/history', false)).toBe(false);
    expect(mayNavigate(true, null, false)).toBe(false);
    expect(mayNavigate(true, '/kiosk', false)).toBe(true);
    expect(mayNavigate(true, null, true)).toBe(true);
    expect(mayNavigate(false, '/history', false)).toBe(true);
  });
});
