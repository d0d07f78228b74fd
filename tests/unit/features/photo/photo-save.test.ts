// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PhotoSave } from '../../../../src/lib/features/photo/photo-save.svelte';
import { sessionRecords } from '../../../../src/lib/services/db/queries';
import { FEAR, freshDb, HAPPY, photoAnalysis } from '../../fixtures/sessions';

describe('saving a photo as a session', () => {
  it('stores the photo as a one-shot session with one record per face', async () => {
    const db = freshDb();
    const saving = new PhotoSave(() => db);
    expect(saving.status).toEqual({ state: 'idle' });
    const saved = saving.save(photoAnalysis(HAPPY, FEAR), 'team.jpg');
    expect(saving.status).toEqual({ state: 'saving' });
    await saved;
    expect(saving.status.state).toBe('saved');
    const id = saving.status.state === 'saved' ? saving.status.id : '';
    expect(await db.sessions.get(id)).toMatchObject({
      kind: 'photo',
      label: 'team.jpg',
      status: 'ended',
      summary: { faces: 2, records: 2 },
    });
    expect((await sessionRecords(db, id)).map((r) => r.dominant).sort()).toEqual(['fear', 'happy']);
  });

  it('says why when storage refuses', async () => {
    const db = freshDb();
    await db.delete({ disableAutoOpen: true });
    const saving = new PhotoSave(() => db);
    await saving.save(photoAnalysis(HAPPY), 'me.jpg');
    expect(saving.status.state).toBe('error');
    expect(saving.status.state === 'error' && saving.status.message).toMatch(
      /^Could not save to this browser's storage: .*closed/i,
    );
  });
});
