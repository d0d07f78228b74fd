import { describe, expect, it } from 'vitest';
import {
  readReminderMinutes,
  REMINDER_KEY,
  writeReminderMinutes,
} from '../../../../src/lib/features/live/checkin-reminder';
import { reminderDue } from '../../../../src/lib/domain/session/checkins';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

const refusing = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
} as unknown as Storage;

describe('check-in reminder', () => {
  it('is off by default and keeps a valid choice', () => {
    const storage = memoryStorage();
    expect(readReminderMinutes(storage)).toBe(0);
    writeReminderMinutes(5, storage);
    expect(storage.getItem(REMINDER_KEY)).toBe('5');
    expect(readReminderMinutes(storage)).toBe(5);
    storage.setItem(REMINDER_KEY, '7');
    expect(readReminderMinutes(storage)).toBe(0);
    storage.setItem(REMINDER_KEY, 'soon');
    expect(readReminderMinutes(storage)).toBe(0);
  });

  it('survives a storage that refuses, or none', () => {
    expect(readReminderMinutes(refusing)).toBe(0);
    expect(() => writeReminderMinutes(5, refusing)).not.toThrow();
    expect(readReminderMinutes(undefined)).toBe(0);
  });

  it('is due every N minutes after the latest of start, check-in and "not now"', () => {
    const min = 60_000;
    expect(reminderDue(0, 100 * min, [0])).toBe(false);
    expect(reminderDue(5 * min, 5 * min - 1, [0])).toBe(false);
    expect(reminderDue(5 * min, 5 * min, [0])).toBe(true);
    expect(reminderDue(5 * min, 6 * min, [0, 2 * min])).toBe(false);
    expect(reminderDue(5 * min, 7 * min, [0, 2 * min])).toBe(true);
    expect(reminderDue(5 * min, 7 * min, [])).toBe(false);
  });
});
