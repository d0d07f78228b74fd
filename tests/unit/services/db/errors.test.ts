import { describe, expect, it } from 'vitest';
import {
  isStorageUnavailable,
  storageErrorMessage,
  UNAVAILABLE_MESSAGE,
} from '../../../../src/lib/services/db/errors';

const named = (name: string, inner?: unknown) => Object.assign(new Error(name), { name, inner });

describe('storage unavailable', () => {
  it('recognises storage the browser will not open at all, however Dexie wraps it', () => {
    expect(isStorageUnavailable(named('MissingAPIError'))).toBe(true);
    expect(isStorageUnavailable(named('OpenFailedError', named('SecurityError')))).toBe(true);
    expect(isStorageUnavailable(named('DatabaseClosedError', named('MissingAPIError')))).toBe(true);
    expect(isStorageUnavailable(named('OpenFailedError', named('VersionError')))).toBe(false);
    expect(isStorageUnavailable(named('QuotaExceededError'))).toBe(false);
    expect(isStorageUnavailable('MissingAPIError')).toBe(false);
    expect(isStorageUnavailable(null)).toBe(false);
  });

  it('says why in words, rather than the API error', () => {
    expect(storageErrorMessage(named('MissingAPIError'))).toBe(UNAVAILABLE_MESSAGE);
    expect(storageErrorMessage(named('AbortError'))).toMatch(/^Could not save/);
  });
});
