import { afterEach, describe, expect, it, vi } from 'vitest';
import { WakeLockKeeper } from '../../../../src/lib/services/screen/wake-lock.svelte';

class FakeSentinel extends EventTarget {
  released = false;
  release = vi.fn(async () => {
    this.released = true;
    this.dispatchEvent(new Event('release'));
  });
}

function fakePage(wakeLock?: { request: (type: 'screen') => Promise<FakeSentinel> }) {
  const doc = Object.assign(new EventTarget(), { hidden: false });
  vi.stubGlobal('document', doc);
  vi.stubGlobal('navigator', wakeLock ? { wakeLock } : {});
  const setHidden = (hidden: boolean) => {
    doc.hidden = hidden;
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  return { setHidden };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('wake lock keeper', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('holds the screen lock, and asks again when the page shows after being hidden', async () => {
    const sentinels: FakeSentinel[] = [];
    const request = vi.fn(async () => {
      const s = new FakeSentinel();
      sentinels.push(s);
      return s;
    });
    const { setHidden } = fakePage({ request });
    const keeper = new WakeLockKeeper();
    const release = keeper.keep();
    await settle();
    expect(request).toHaveBeenCalledWith('screen');
    expect(keeper.status).toBe('held');

    // The browser releases the lock when the page is hidden.
    setHidden(true);
    await sentinels[0]?.release();
    expect(keeper.status).toBe('off');
    setHidden(false);
    await settle();
    expect(request).toHaveBeenCalledTimes(2);
    expect(keeper.status).toBe('held');

    release();
    expect(sentinels[1]?.released).toBe(true);
    expect(keeper.status).toBe('off');
    setHidden(false);
    await settle();
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('says so quietly when the API is missing or refuses', async () => {
    fakePage();
    const keeper = new WakeLockKeeper();
    keeper.keep();
    await settle();
    expect(keeper.status).toBe('unsupported');

    fakePage({ request: () => Promise.reject(new DOMException('no', 'NotAllowedError')) });
    const refused = new WakeLockKeeper();
    refused.keep();
    await settle();
    expect(refused.status).toBe('refused');
  });
});
