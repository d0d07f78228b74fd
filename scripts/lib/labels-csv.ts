/** Parser for an evaluation folder's labels.csv: header `path,label`, one image per row. */
import { EMOTIONS, type Emotion } from '../../src/lib/domain/affect/labels';

export interface LabelledImage {
  /** Path as written in the file, relative to the folder holding labels.csv. */
  path: string;
  label: Emotion;
  /** FER-2013 class index (0..6), the position of `label` in EMOTIONS. */
  index: number;
}

export class LabelsCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelsCsvError';
  }
}

/** Splits one CSV record; fields may be double-quoted ("" is a literal quote). */
function splitCsvLine(line: string, where: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new LabelsCsvError(`${where}: unterminated quoted field`);
        const ch = line[i] as string;
        if (ch === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += ch;
        i++;
      }
      if (i < line.length && line[i] !== ',') {
        throw new LabelsCsvError(`${where}: unexpected text after a quoted field`);
      }
    } else {
      const end = line.indexOf(',', i);
      field = end < 0 ? line.slice(i) : line.slice(i, end);
      i = end < 0 ? line.length : end;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i++; // skip the comma
  }
}

/**
 * Parses labels.csv text. Blank lines are skipped; the header must name the columns `path` and
 * `label` (any order, extra columns ignored). Throws LabelsCsvError naming `file` and the line.
 */
export function parseLabelsCsv(text: string, file = 'labels.csv'): LabelledImage[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: string[] | undefined;
  let pathCol = -1;
  let labelCol = -1;
  const rows: LabelledImage[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    if (line.trim() === '') continue;
    const where = `${file} line ${n + 1}`;
    const fields = splitCsvLine(line, where);
    if (!header) {
      header = fields.map((f) => f.toLowerCase());
      pathCol = header.indexOf('path');
      labelCol = header.indexOf('label');
      if (pathCol < 0 || labelCol < 0) {
        throw new LabelsCsvError(
          `${where}: header must have columns path,label (got "${line.trim()}")`,
        );
      }
      continue;
    }
    if (fields.length !== header.length) {
      throw new LabelsCsvError(`${where}: expected ${header.length} columns, got ${fields.length}`);
    }
    const p = fields[pathCol] as string;
    const label = fields[labelCol] as string;
    if (p === '') throw new LabelsCsvError(`${where}: empty path`);
    if (p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || p.split(/[\\/]/).includes('..')) {
      throw new LabelsCsvError(`${where}: path ${p} must stay inside the folder`);
    }
    const index = (EMOTIONS as readonly string[]).indexOf(label);
    if (index < 0) {
      throw new LabelsCsvError(
        `${where}: unknown label "${label}" (expected one of ${EMOTIONS.join(', ')})`,
      );
    }
    rows.push({ path: p, label: label as Emotion, index });
  }
  if (!header) throw new LabelsCsvError(`${file}: empty file (expected header path,label)`);
  if (rows.length === 0) throw new LabelsCsvError(`${file}: no images listed`);
  return rows;
}
