// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveRecording } from '../../../../src/lib/features/live/live-recording.svelte';
import { sessionBaseline } from '../../../../src/lib/domain/session/baselines';
import type { SessionBaseline } from '../../../../src/lib/domain/session/records';
import { webLocks } from '../../../../src/lib/services/db/locks';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import { baseline } from '../../fixtures/baselines';
import { T0 } from '../../fixtures/sessions';
import { recordingUnderTest, undoRecordingFakes } from './live-recording-setup';

const META = { label: 'Standup', tags: [], note: '' };

describe('live recording with a baseline', () => {
  let db: EmotionDb;
  let active: SessionBaseline | null;
  let recording: LiveRecording;

  beforeEach(() => {
    active = null;
    ({ db, recording } = recordingUnderTest(
      () => T0,
      webLocks,
      () => active,
    ));
  });
  afterEach(undoRecordingFakes);

  it('a session records the baseline active when it starts, and keeps it', async () => {
    active = sessionBaseline(baseline('b1', 'Anna', 42));
    await recording.start(META);
    const id = recording.session!.id;
    active = null; // chosen off meanwhile: the session keeps what it started with
    await recording.stop();
    expect((await db.sessions.get(id))?.baseline).toEqual({
      id: 'b1',
      name: 'Anna',
      calibratedAt: T0,
      stress: 42,
    });
  });

  it('without one, the session has baseline null', async () => {
    await recording.start(META);
    const id = recording.session!.id;
    await recording.stop();
    expect((await db.sessions.get(id))?.baseline).toBeNull();
  });
});
