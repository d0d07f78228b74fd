/**
 * What a screen reader hears of a live view, as a pure reducer: the main face's dominant emotion
 * and stress level when either changes, at most once per `ANNOUNCE_INTERVAL_MS`, and events (a
 * session started or stopped) at once. A change that comes too soon is not queued: the next frame
 * after the interval says how things are then.
 */
import { stressLevel, type Affect } from '../affect/assess';
import type { SessionSummary } from '../session/records';
import type { TrackedFace } from '../tracking/tracker';
import { area } from '../vision/box';

export const ANNOUNCE_INTERVAL_MS = 5_000;

/** What the live view would say now; `key` tells whether it changed since the last time. */
export interface Message {
  key: string;
  text: string;
}

export interface AnnouncerState {
  /** Key of the last face message said; null before the first. */
  key: string | null;
  /** The live region's text. */
  text: string;
  /** When `text` was last set (ms, any monotonic clock); null before the first. */
  at: number | null;
}

export const silentAnnouncer = (): AnnouncerState => ({ key: null, text: '', at: null });

/** The main face: the largest box among the faces with a reading. */
export function mainFace(
  faces: readonly TrackedFace[],
): (TrackedFace & { smoothed: Affect }) | null {
  let best: (TrackedFace & { smoothed: Affect }) | null = null;
  for (const face of faces) {
    if (!face.smoothed) continue;
    if (!best || area(face.reading.box) > area(best.reading.box))
      best = face as TrackedFace & { smoothed: Affect };
  }
  return best;
}

/** The message for this frame's faces. */
export function describeFaces(faces: readonly TrackedFace[]): Message {
  const main = mainFace(faces);
  if (main) {
    const { dominant, level, stress } = main.smoothed;
    const others = faces.length > 1 ? ` ${faces.length} faces in view.` : '';
    return {
      key: `${dominant}/${level}`,
      text: `Main face: ${dominant}, stress ${level} (${stress} of 100).${others}`,
    };
  }
  if (faces.length > 0) return { key: 'low-signal', text: 'Not enough signal from the face.' };
  return { key: 'none', text: 'No face in view.' };
}

/**
 * The state after a frame's message at `now`: the same state unless the message's key changed
 * and the last text is at least `interval` old. Nothing is said before a first face is read.
 */
export function announce(
  state: AnnouncerState,
  message: Message,
  now: number,
  interval = ANNOUNCE_INTERVAL_MS,
): AnnouncerState {
  if (message.key === state.key) return state;
  if (state.key === null && (message.key === 'none' || message.key === 'low-signal')) return state;
  if (state.at !== null && now - state.at < interval) return state;
  return { key: message.key, text: message.text, at: now };
}

/** An event, said at once; the next face message waits a full interval after it. */
export function announceNow(state: AnnouncerState, text: string, now: number): AnnouncerState {
  return { ...state, text, at: now };
}

/** What is said when a session stops. */
export function summaryText(summary: SessionSummary): string {
  const seconds = Math.round(summary.durationMs / 1000);
  const head = `Session stopped after ${seconds} s`;
  if (summary.meanStress === null || summary.dominant === null) return `${head}: no face was read.`;
  const mean = Math.round(summary.meanStress);
  const faces = summary.faces === 1 ? '1 face' : `${summary.faces} faces`;
  return `${head}: ${faces}, mostly ${summary.dominant}, mean stress ${mean} of 100 (${stressLevel(mean)}).`;
}
