/**
 * CSV export: one row per record, with the session's label; RFC 4180 quoting. Pure. Every text
 * cell is defused, not only the label: an imported backup can carry any id or label.
 *
 * Check-ins share the table: the last column, `checkin`, is empty on a record's row, and each
 * check-in is a row of its own after the records, with the session, its time and its level (1–5)
 * and the record cells empty. A reader that sums `stress` skips rows without one; the columns of
 * the records are where they always were.
 */
import { EMOTIONS } from '../affect/labels';
import type { ReadingRecord, SessionRow } from './records';

export const CSV_COLUMNS = [
  'session_id',
  'session_label',
  'face_id',
  'time_iso',
  'time_ms',
  'dominant',
  ...EMOTIONS.map((e) => `p_${e}`),
  'stress',
  'level',
  'valence',
  'arousal',
  'quality',
  'frames',
  'checkin',
] as const;

export function toCsv(sessions: readonly SessionRow[], records: readonly ReadingRecord[]): string {
  const labels = new Map(sessions.map((s) => [s.id, s.label]));
  const rows = records.map((r) => [
    r.sessionId,
    labels.get(r.sessionId) ?? '',
    r.faceId,
    isoTime(r.t),
    r.t,
    r.dominant,
    ...EMOTIONS.map((_, i) => round(r.probabilities[i] ?? 0)),
    r.stress,
    r.level,
    round(r.valence),
    round(r.arousal),
    round(r.quality),
    r.frames,
    '',
  ]);
  const blank = CSV_COLUMNS.length - 6;
  const checkins = sessions.flatMap((s) =>
    s.checkins.map((c) => [
      s.id,
      s.label,
      '',
      isoTime(c.t),
      c.t,
      ...Array<string>(blank).fill(''),
      c.level,
    ]),
  );
  return (
    [CSV_COLUMNS, ...rows, ...checkins].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
  );
}

const round = (x: number) => Number(x.toFixed(6));

/** A time Date cannot print (stored before validation bounded times) gives an empty cell. */
function isoTime(t: number): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** A text starting with = + - @ would be run as a formula by a spreadsheet; numbers stay as they are. */
function cell(value: string | number): string {
  const s = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
