import { afterEach, describe, expect, it, vi } from 'vitest';
import { noLocks, webLocks } from '../../../../src/lib/services/db/locks';

/** navigator.locks, enough of it: named locks held until their callback's promise settles. */
function fakeLocks() {
  const held = new Map<string, Promise<unknown>>();
  const locks = {
    request: vi.fn(async (name: string, callback: () => Promise<unknown>) => {
      const done = callback();
      held.set(name, done);
      await done;
      held.delete(name);
    }),
    query: vi.fn(async () => ({
      held: [...held.keys(), 'someone-else'].map((name) => ({ name })),
    })),
  };
  vi.stubGlobal('navigator', { locks });
  return locks;
}

describe('session locks', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a recording tab holds the lock of its session until it lets go', async () => {
    const locks = fakeLocks();
    const release = webLocks.hold('s1');
    webLocks.hold('s2');
    expect(locks.request).toHaveBeenCalledWith('emotion-detector:session:s1', expect.any(Function));
    expect(await webLocks.held()).toEqual(new Set(['s1', 's2']));
    release();
    await vi.waitFor(async () => expect(await webLocks.held()).toEqual(new Set(['s2'])));
  });

  it('without the Web Locks API, holds nothing and knows nothing', async () => {
    vi.stubGlobal('navigator', {});
    expect(() => webLocks.hold('s1')()).not.toThrow();
    expect(await webLocks.held()).toBeNull();
    expect(() => noLocks.hold('s1')()).not.toThrow();
    expect(await noLocks.held()).toBeNull();
  });
});
