import { describe, expect, it } from 'vitest';
import { parseTags, uniqueTags } from '../../../../src/lib/domain/session/tags';

describe('session tags', () => {
  it('keeps each tag once, first spelling first, trimmed, without empty ones', () => {
    expect(parseTags('work, work')).toEqual(['work']);
    expect(parseTags(' Work ,focus,, work ,FOCUS, ')).toEqual(['Work', 'focus']);
    expect(parseTags('')).toEqual([]);
  });

  it('cleans a list as well as a typed text', () => {
    expect(uniqueTags(['a', 'A', ' b', 'b '])).toEqual(['a', 'b']);
  });
});
