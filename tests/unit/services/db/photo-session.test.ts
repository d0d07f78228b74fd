// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { assessAffect } from '../../../../src/lib/domain/affect/assess';
import type { FrameAnalysis } from '../../../../src/lib/domain/analysis/types';
import { photoSession } from '../../../../src/lib/domain/session/photo-session';
import { savePhotoSession } from '../../../../src/lib/services/db/photo-session';
import { sessionRecords } from '../../../../src/lib/services/db/queries';
import { FEAR, freshDb, HAPPY, T0 } from '../../fixtures/sessions';

const analysis: FrameAnalysis = {
  width: 800,
  height: 600,
  backend: 'wasm',
  timings: { decode: 1, preprocess: 1, detect: 1, crop: 1, classify: 1, total: 5 },
  detectionReused: false,
  faces: [
    {
      box: { x: 10, y: 10, width: 120, height: 130 },
      detectorScore: 0.97,
      pixels: null,
      ...assessAffect(HAPPY),
    },
    {
      box: { x: 300, y: 10, width: 20, height: 22 },
      detectorScore: 0.9,
      pixels: null,
      ...assessAffect(FEAR),
    },
    {
      box: { x: 500, y: 10, width: 100, height: 110 },
      detectorScore: 0.93,
      pixels: null,
      ...assessAffect(FEAR),
    },
  ],
};

describe('photo as a one-shot session', () => {
  it('keeps one record per readable face and a summary', () => {
    const { session, records } = photoSession(analysis, 'team.jpg', T0, 'p1');
    expect(records.map((r) => r.faceId)).toEqual([1, 3]);
    expect(records[0]).toMatchObject({ sessionId: 'p1', t: T0, dominant: 'happy', frames: 1 });
    expect(session).toMatchObject({
      kind: 'photo',
      label: 'team.jpg',
      startedAt: T0,
      endedAt: T0,
      status: 'ended',
    });
    expect(session.summary).toMatchObject({ durationMs: 0, faces: 2, records: 2 });
  });

  it('is stored with its records', async () => {
    const db = freshDb();
    const row = await savePhotoSession(db, analysis, 'team.jpg', T0);
    expect(await db.sessions.get(row.id)).toEqual(row);
    expect(await sessionRecords(db, row.id)).toHaveLength(2);
  });
});
