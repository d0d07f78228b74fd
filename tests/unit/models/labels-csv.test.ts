import { describe, expect, it } from 'vitest';
import { LabelsCsvError, parseLabelsCsv } from '../../../scripts/lib/labels-csv';

describe('parseLabelsCsv', () => {
  it('parses rows with FER indices, CRLF, BOM, blank lines and quotes', () => {
    const text =
      '\uFEFFpath,label\r\nangry/a.jpg,angry\r\n\r\n"neutral/b,c.jpg",neutral\r\nsurprise/x.png,surprise\r\n';
    expect(parseLabelsCsv(text)).toEqual([
      { path: 'angry/a.jpg', label: 'angry', index: 0 },
      { path: 'neutral/b,c.jpg', label: 'neutral', index: 6 },
      { path: 'surprise/x.png', label: 'surprise', index: 5 },
    ]);
  });

  it('accepts the columns in any order', () => {
    expect(parseLabelsCsv('label,path\nhappy,h.jpg\n')).toEqual([
      { path: 'h.jpg', label: 'happy', index: 3 },
    ]);
  });

  const bad: [string, string, RegExp][] = [
    ['empty file', '', /empty file/],
    ['header only', 'path,label\n', /no images/],
    [
      'wrong header',
      'file,label\na.jpg,happy\n',
      /x\.csv line 1: header must have columns path,label/,
    ],
    ['unknown label', 'path,label\na.jpg,happy\nb.jpg,joy\n', /x\.csv line 3: unknown label "joy"/],
    ['label case matters', 'path,label\na.jpg,Happy\n', /unknown label "Happy"/],
    ['missing column', 'path,label\na.jpg\n', /line 2: expected 2 columns, got 1/],
    ['extra column', 'path,label\na.jpg,happy,1\n', /line 2: expected 2 columns, got 3/],
    ['empty path', 'path,label\n,happy\n', /line 2: empty path/],
    ['path leaving the folder', 'path,label\n../a.jpg,happy\n', /must stay inside/],
    ['absolute path', 'path,label\n/etc/a.jpg,happy\n', /must stay inside/],
    ['unterminated quote', 'path,label\n"a.jpg,happy\n', /unterminated/],
  ];
  it.each(bad)('rejects %s', (_name, text, message) => {
    expect(() => parseLabelsCsv(text, 'x.csv')).toThrow(LabelsCsvError);
    expect(() => parseLabelsCsv(text, 'x.csv')).toThrow(message);
  });
});
