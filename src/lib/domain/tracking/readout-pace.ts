/**
 * How often the per-face readouts (figures, bars, the low-signal notice) are redrawn on live
 * frames. The boxes follow every analysed frame. The figures are smoothed with a 500 ms time
 * constant (TRACKER_OPTIONS.tauMs), so redrawing them on each of 30 frames a second shows nothing
 * a reader can take in, and costs the page's main thread style, layout and paint every frame:
 * the margin a loaded machine needs before a frame's work becomes a long task. A face that comes,
 * goes, or turns between a reading and "not enough signal" is shown at once.
 */
import type { TrackedFace } from './tracker';

/** Five redraws a second: well inside the smoothing's 500 ms, so no change waits visibly. */
export const READOUT_INTERVAL_MS = 200;

/**
 * @param shown the faces the readouts show now, drawn at `shownAt` (ms)
 * @param next this frame's faces, at `now` (ms, the same clock)
 */
export function readoutDue(
  shown: readonly TrackedFace[],
  shownAt: number,
  next: readonly TrackedFace[],
  now: number,
  intervalMs = READOUT_INTERVAL_MS,
): boolean {
  if (now - shownAt >= intervalMs || next.length !== shown.length) return true;
  return next.some((face, i) => {
    const before = shown[i];
    return face.id !== before?.id || (face.smoothed === null) !== (before.smoothed === null);
  });
}
