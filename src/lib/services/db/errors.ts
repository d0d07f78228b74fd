/** Readable messages for storage failures. */
import { errorText } from '../../domain/error-text';

/** True when the browser refused a write for lack of space, however Dexie wrapped the error. */
export function isQuotaError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { name?: unknown; inner?: unknown; failures?: unknown };
  if (err.name === 'QuotaExceededError') return true;
  if (isQuotaError(err.inner)) return true;
  return Array.isArray(err.failures) && err.failures.some(isQuotaError);
}

/** Names of what the browser throws when a site may not open IndexedDB at all. */
const UNAVAILABLE = new Set(['MissingAPIError', 'SecurityError', 'InvalidStateError']);

/**
 * True when IndexedDB cannot be used at all (private browsing, site data blocked, the API
 * missing), as opposed to one write failing.
 */
export function isStorageUnavailable(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { name?: unknown; inner?: unknown };
  if (typeof err.name === 'string' && UNAVAILABLE.has(err.name)) return true;
  return err.inner !== e && isStorageUnavailable(err.inner);
}

export const UNAVAILABLE_MESSAGE =
  'This browser does not let this site store data (private browsing, or site data blocked in ' +
  'its settings), so sessions cannot be saved or read here.';

export function storageErrorMessage(e: unknown): string {
  if (isStorageUnavailable(e)) return UNAVAILABLE_MESSAGE;
  if (isQuotaError(e)) {
    return (
      'Storage is full: new readings are kept in memory, not saved, until space is freed. ' +
      'Delete or export and wipe old sessions in History.'
    );
  }
  return `Could not save to this browser's storage: ${errorText(e)}`;
}
