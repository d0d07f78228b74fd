/** CSV export: one row per record, with the session's label; RFC 4180 quoting. Pure. */
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
] as const;

export function toCsv(sessions: readonly SessionRow[], records: readonly ReadingRecord[]): string {
  const labels = new Map(sessions.map((s) => [s.id, s.label]));
  const rows = records.map((r) => [
    r.sessionId,
    text(labels.get(r.sessionId) ?? ''),
    r.faceId,
    new Date(r.t).toISOString(),
    r.t,
    r.dominant,
    ...EMOTIONS.map((_, i) => round(r.probabilities[i] ?? 0)),
    r.stress,
    r.level,
    round(r.valence),
    round(r.arousal),
    round(r.quality),
    r.frames,
  ]);
  return [CSV_COLUMNS, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

const round = (x: number) => Number(x.toFixed(6));

/** Free text a person typed: a leading = + - @ would be run as a formula by a spreadsheet. */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
