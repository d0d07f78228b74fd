import { describe, expect, it, vi } from 'vitest';
import { askToPersist, persistence } from '../../../../src/lib/services/storage/persistence';

/** A StorageManager's two calls as a browser answers them; Node has none. */
function storage(persisted: boolean, grants: boolean) {
  return {
    persisted: vi.fn(() => Promise.resolve(persisted)),
    persist: vi.fn(() => Promise.resolve(grants)),
  };
}

describe('persistent storage', () => {
  it('reports the answer without asking', async () => {
    const s = storage(false, true);
    expect(await persistence(s)).toBe('not-granted');
    expect(s.persist).not.toHaveBeenCalled();
    expect(await persistence(storage(true, true))).toBe('granted');
    expect(await persistence(undefined)).toBe('unsupported');
    expect(await persistence({})).toBe('unsupported');
  });

  it('asks only while not granted, and passes the answer on', async () => {
    const granting = storage(false, true);
    expect(await askToPersist(granting)).toBe('granted');
    expect(granting.persist).toHaveBeenCalledOnce();
    expect(await askToPersist(storage(false, false))).toBe('not-granted');
    const already = storage(true, true);
    expect(await askToPersist(already)).toBe('granted');
    expect(already.persist).not.toHaveBeenCalled();
    expect(await askToPersist({ persisted: () => Promise.resolve(false) })).toBe('not-granted');
  });

  it('never throws: a refusal to answer counts as unsupported', async () => {
    const broken = { persisted: () => Promise.reject(new Error('no')), persist: vi.fn() };
    expect(await askToPersist(broken)).toBe('unsupported');
  });
});
