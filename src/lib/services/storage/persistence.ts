/**
 * Persistent storage: unless the browser grants it, it may delete this site's data (every stored
 * session) when the device runs low on space. Asked for when a session is recorded, since that is
 * when there is something worth keeping; the Settings page shows the answer.
 */
export type Persistence = 'granted' | 'not-granted' | 'unsupported';

type StorageApi = Pick<StorageManager, 'persist' | 'persisted'>;

const api = (): Partial<StorageApi> | undefined => globalThis.navigator?.storage;

/** The current answer, without asking. */
export async function persistence(storage = api()): Promise<Persistence> {
  if (!storage?.persisted) return 'unsupported';
  return (await storage.persisted()) ? 'granted' : 'not-granted';
}

/** Asks once it is not granted yet; never throws (the answer is only advice to the browser). */
export async function askToPersist(storage = api()): Promise<Persistence> {
  try {
    const now = await persistence(storage);
    if (now !== 'not-granted' || !storage?.persist) return now;
    return (await storage.persist()) ? 'granted' : 'not-granted';
  } catch {
    return 'unsupported';
  }
}
