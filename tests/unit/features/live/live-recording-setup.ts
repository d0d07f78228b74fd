/**
 * Test helper of the LiveRecording tests: a recording on a fresh database and a fake page, with
 * only the per-second timer driven by hand (IndexedDB keeps the real event loop).
 */
// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import type { SessionBaseline } from '../../../../src/lib/domain/session/records';
import { LiveRecording } from '../../../../src/lib/features/live/live-recording.svelte';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import type { SessionLocks } from '../../../../src/lib/services/db/locks';
import { fakePage, undoFakes } from '../../fixtures/fake-page';
import { freshDb } from '../../fixtures/sessions';

export interface RecordingUnderTest {
  db: EmotionDb;
  page: ReturnType<typeof fakePage>;
  recording: LiveRecording;
}

/** For a `beforeEach`: fakes the timer and the page, and records on a fresh database. */
export function recordingUnderTest(
  now: () => number,
  locks?: SessionLocks,
  baseline?: () => SessionBaseline | null,
): RecordingUnderTest {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  const page = fakePage();
  const db = freshDb();
  const recording = new LiveRecording(() => db, now, locks, baseline);
  return { db, page, recording };
}

/** For an `afterEach`: the real timers and Node's own globals again. */
export function undoRecordingFakes(): void {
  vi.useRealTimers();
  undoFakes();
}

/** The error a browser throws when storage is full. */
export function quotaError(): Error {
  return Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
}
