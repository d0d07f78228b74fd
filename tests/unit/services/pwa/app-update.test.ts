import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The app as built (not `vite dev`), with workbox-window's Workbox replaced by one the test drives.
vi.mock('$app/environment', () => ({ dev: false }));
const workboxes: FakeWorkbox[] = [];
/** Whether the next service worker registered finds one already active (a later visit). */
let alreadyActive = false;
class FakeWorkbox extends EventTarget {
  registration = { active: alreadyActive ? {} : null };
  register = vi.fn(async () => this.registration);
  update = vi.fn(async () => {});
  messageSkipWaiting = vi.fn();
  constructor(readonly url: string) {
    super();
    workboxes.push(this);
  }
  fire(type: string) {
    this.dispatchEvent(new Event(type));
  }
}
vi.mock('workbox-window', () => ({ Workbox: FakeWorkbox }));

const HOUR = 3_600_000;

describe('app update', () => {
  let reload: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    vi.resetModules();
    workboxes.length = 0;
    alreadyActive = false;
    reload = vi.fn();
    vi.stubGlobal('navigator', { serviceWorker: {} });
    vi.stubGlobal('location', { reload });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const fresh = async () =>
    (await import('../../../../src/lib/services/pwa/app-update.svelte')).appUpdate;

  /** The Web Locks the browser would list (any tab's), by name; the test changes `held`. */
  function heldLocks(...names: string[]) {
    const locks = { held: names.map((name) => ({ name })) };
    vi.stubGlobal('navigator', { serviceWorker: {}, locks: { query: async () => locks } });
    return locks;
  }

  /** A registered service worker with a waiting version, which the user has accepted. */
  async function acceptedUpdate() {
    const update = await fresh();
    await update.register('/sw.js');
    const workbox = workboxes[0]!;
    workbox.fire('waiting');
    await update.accept();
    return { update, workbox };
  }

  it('registers the service worker once, and says when the app works offline', async () => {
    const update = await fresh();
    await Promise.all([update.register('/sw.js'), update.register('/sw.js')]);
    expect(workboxes.map((w) => w.url)).toEqual(['/sw.js']);
    expect(update.offlineReady).toBe(false);
    workboxes[0]!.fire('activated');
    expect(update.offlineReady).toBe(true);
  });

  it('is ready offline at once when a service worker is already active', async () => {
    alreadyActive = true;
    const update = await fresh();
    await update.register('/sw.js');
    expect(update.offlineReady).toBe(true);
  });

  it('offers a waiting version; only the page that accepts it reloads', async () => {
    const update = await fresh();
    await update.accept(); // nothing registered yet: nothing to accept
    await update.register('/sw.js');
    const workbox = workboxes[0]!;
    await update.accept(); // nothing waiting yet
    expect(workbox.messageSkipWaiting).not.toHaveBeenCalled();

    workbox.fire('waiting');
    expect(update.waiting).toBe(true);
    update.dismiss();
    expect(update.waiting).toBe(false);
    workbox.fire('controlling'); // another page took the new version
    expect(reload).not.toHaveBeenCalled();

    workbox.fire('waiting');
    await update.accept();
    await update.accept();
    expect(workbox.messageSkipWaiting).toHaveBeenCalledOnce();
    workbox.fire('controlling');
    expect(reload).toHaveBeenCalledOnce();
  });

  it('while a session records, in this tab or another, an accepted update waits for it to stop', async () => {
    const locks = heldLocks('emotion-detector:session:s1', 'other-app-lock');
    const { update, workbox } = await acceptedUpdate();
    expect(update.deferred).toBe(true);
    vi.advanceTimersByTime(3_000);
    await vi.waitFor(() => expect(update.deferred).toBe(true));
    expect(workbox.messageSkipWaiting).not.toHaveBeenCalled();

    locks.held = [{ name: 'other-app-lock' }];
    vi.advanceTimersByTime(1_000);
    await vi.waitFor(() => expect(workbox.messageSkipWaiting).toHaveBeenCalledOnce());
    expect(update.deferred).toBe(false);
    vi.advanceTimersByTime(5_000);
    workbox.fire('controlling');
    expect(reload).toHaveBeenCalledOnce();
    expect(workbox.messageSkipWaiting).toHaveBeenCalledOnce();
  });

  it('a deferred update put off with "not now" is not applied when recording stops', async () => {
    const locks = heldLocks('emotion-detector:session:s1');
    const { update, workbox } = await acceptedUpdate();
    update.dismiss();
    expect(update).toMatchObject({ deferred: false, waiting: false });
    locks.held = [];
    vi.advanceTimersByTime(5_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(workbox.messageSkipWaiting).not.toHaveBeenCalled();
  });

  it('applies at once when the locks cannot be read', async () => {
    vi.stubGlobal('navigator', {
      serviceWorker: {},
      locks: { query: () => Promise.reject(new Error('locks broken')) },
    });
    const { workbox } = await acceptedUpdate();
    expect(workbox.messageSkipWaiting).toHaveBeenCalledOnce();
  });

  it('looks for a new version every hour', async () => {
    const update = await fresh();
    await update.register('/sw.js');
    vi.advanceTimersByTime(2 * HOUR);
    expect(workboxes[0]!.update).toHaveBeenCalledTimes(2);
  });

  it('does nothing in a browser without service workers', async () => {
    vi.stubGlobal('navigator', {});
    await (await fresh()).register('/sw.js');
    expect(workboxes).toEqual([]);
  });
});
