/**
 * The data table under a chart, kept readable: a long session's points are averaged into at most
 * `maxRows` consecutive spans, so a screen reader gets the course of the session in a few dozen
 * rows instead of one row per second (and the page does not render ten thousand of them). Pure.
 */
import type { SeriesPoint } from '$lib/domain/session/series';

export interface TableRow {
  /** First and last second of the span. */
  from: number;
  to: number;
  stress: number;
  probabilities: number[];
}

export const MAX_TABLE_ROWS = 120;

export function tableRows(points: readonly SeriesPoint[], maxRows = MAX_TABLE_ROWS): TableRow[] {
  const size = Math.max(1, Math.ceil(points.length / maxRows));
  const rows: TableRow[] = [];
  for (let start = 0; start < points.length; start += size) {
    const span = points.slice(start, start + size);
    const mean = (pick: (p: SeriesPoint) => number) =>
      span.reduce((sum, p) => sum + pick(p), 0) / span.length;
    const seconds = span.map((p) => p.second);
    const classes = Math.max(...span.map((p) => p.probabilities.length));
    rows.push({
      from: Math.min(...seconds),
      to: Math.max(...seconds),
      stress: mean((p) => p.stress),
      probabilities: Array.from({ length: classes }, (_, i) =>
        mean((p) => p.probabilities[i] ?? 0),
      ),
    });
  }
  return rows;
}

/** "12" for a one-second row, "12–19" for a span. */
export function spanLabel(row: Pick<TableRow, 'from' | 'to'>): string {
  return row.from === row.to ? `${row.from}` : `${row.from}–${row.to}`;
}
