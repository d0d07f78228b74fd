/** How the diagnostics page writes its figures. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** "512 B", "1.5 MB" (powers of 1024, as the browser's own tools count); "–" when unknown. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** "12.3 ms"; "–" when unknown. */
export const formatMs = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '–' : `${ms.toFixed(1)} ms`;

/** "yes", "no", or "unknown" when the browser cannot say. */
export const yesNo = (value: boolean | null | undefined): string =>
  value === null || value === undefined ? 'unknown' : value ? 'yes' : 'no';

/** "09:41:07.120", local time: events of one session differ by seconds, not days. */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}
