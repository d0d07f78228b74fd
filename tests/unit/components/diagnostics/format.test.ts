import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatMs,
  formatTime,
  yesNo,
} from '../../../../src/lib/components/diagnostics/format';

describe('diagnostics formats', () => {
  it('writes bytes in powers of 1024', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 ** 2)).toBe('5.0 MB');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3072.0 TB');
    expect(formatBytes(null)).toBe('–');
    expect(formatBytes(undefined)).toBe('–');
    expect(formatBytes(Number.NaN)).toBe('–');
  });

  it('writes milliseconds, yes/no and times of day', () => {
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(null)).toBe('–');
    expect(yesNo(true)).toBe('yes');
    expect(yesNo(false)).toBe('no');
    expect(yesNo(null)).toBe('unknown');
    const at = new Date(2025, 0, 15, 9, 4, 7, 12).getTime();
    expect(formatTime(at)).toBe('09:04:07.012');
  });
});
