/**
 * The check-in reminder setting, kept in localStorage: every how many minutes a running session
 * asks "how do you feel?" (0: never, the default).
 */
export const REMINDER_MINUTES = Object.freeze([0, 2, 5, 10, 15, 30] as const);
export const REMINDER_KEY = 'emotion-detector:checkin-reminder-minutes';

/** The stored choice; 0 when there is none, it is not one of the choices, or storage is off. */
export function readReminderMinutes(
  storage: Storage | undefined = globalThis.localStorage,
): number {
  try {
    const value = Number(storage?.getItem(REMINDER_KEY) ?? 0);
    return (REMINDER_MINUTES as readonly number[]).includes(value) ? value : 0;
  } catch {
    return 0;
  }
}

/** Keeps the choice; a storage that refuses it leaves the choice for this page only. */
export function writeReminderMinutes(
  minutes: number,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(REMINDER_KEY, String(minutes));
  } catch {
    // Private mode or blocked storage: the reminder still works until the page closes.
  }
}
