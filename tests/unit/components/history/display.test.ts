import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDuration,
  percent,
} from '../../../../src/lib/components/history/display';

describe('session display helpers', () => {
  it('durations: seconds, then minutes and seconds, then hours and minutes', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(187_000)).toBe('3 min 07 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it('shares as whole percentages', () => {
    expect(percent(0.425)).toBe('43%');
    expect(percent(1)).toBe('100%');
  });

  it('dates with the year and the time of day', () => {
    const text = formatDate(Date.UTC(2025, 0, 15, 9, 0));
    expect(text).toMatch(/2025/);
    expect(text).toMatch(/\d{1,2}:\d\d/);
  });
});
