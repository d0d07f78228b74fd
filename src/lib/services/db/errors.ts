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

export function storageErrorMessage(e: unknown): string {
  if (isQuotaError(e)) {
    return (
      'Storage is full: new readings are kept in memory, not saved, until space is freed. ' +
      'Delete or export and wipe old sessions in History.'
    );
  }
  return `Could not save to this browser's storage: ${errorText(e)}`;
}
