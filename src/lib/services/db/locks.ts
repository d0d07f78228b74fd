/**
 * Which sessions are being recorded right now, by this tab or another: a recording tab holds a
 * Web Lock named after its session, which the browser releases when the tab goes away. Without
 * the Web Locks API, a session that wrote nothing for STALE_MS counts as abandoned.
 */
const PREFIX = 'emotion-detector:session:';
export const STALE_MS = 10_000;

export interface SessionLocks {
  /** Holds the lock of a session until the returned function is called. */
  hold(sessionId: string): () => void;
  /** Ids of the sessions whose lock is held; null when locks are not available. */
  held(): Promise<Set<string> | null>;
}

export const webLocks: SessionLocks = {
  hold(sessionId) {
    const locks = globalThis.navigator?.locks;
    if (!locks) return () => {};
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    locks.request(PREFIX + sessionId, () => done).catch(() => {});
    return release;
  },
  async held() {
    const locks = globalThis.navigator?.locks;
    if (!locks) return null;
    const { held = [] } = await locks.query();
    const ids = held.map((l) => l.name ?? '').filter((n) => n.startsWith(PREFIX));
    return new Set(ids.map((n) => n.slice(PREFIX.length)));
  },
};

/** No locks at all: staleness decides (Node tests, old browsers). */
export const noLocks: SessionLocks = {
  hold: () => () => {},
  held: () => Promise.resolve(null),
};
