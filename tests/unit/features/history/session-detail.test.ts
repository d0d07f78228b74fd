// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionDetail } from '../../../../src/lib/features/history/session-detail.svelte';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import { summarize } from '../../../../src/lib/domain/session/summary';
import { fakePage, undoFakes } from '../../fixtures/fake-page';
import { FEAR, freshDb, HAPPY, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

const ID = 'c0ffee00-1111-4222-8333-444455556666';

/** A three-second session: face 1 throughout, face 2 in its first second. */
async function seeded(): Promise<EmotionDb> {
  const db = freshDb();
  const records = [
    record(ID, 1, 0, NEUTRAL),
    record(ID, 1, 1, FEAR),
    record(ID, 1, 2, FEAR),
    record(ID, 2, 0, HAPPY),
  ];
  await db.sessions.add(session(ID, T0, { summary: summarize(records, 3000) }));
  await db.records.bulkAdd(records);
  await db.sessions.add(session('other', T0 + 10_000));
  await db.records.add(record('other', 1, 10, HAPPY));
  return db;
}

describe('session detail', () => {
  afterEach(undoFakes);

  it('shows all faces by default, with the stored summary', async () => {
    const db = await seeded();
    const detail = new SessionDetail(() => db);
    expect(detail.status).toBe('loading');
    await detail.load(ID);
    expect(detail.status).toBe('ready');
    expect(detail.session?.id).toBe(ID);
    expect(detail.faces).toEqual([1, 2]);
    expect(detail.chosen).toHaveLength(4);
    expect(detail.who).toBe('all faces');
    expect(detail.summary).toEqual(detail.session?.summary);
    expect(detail.series.map((p) => [p?.second, p?.faces])).toEqual([
      [0, 2],
      [1, 1],
      [2, 1],
    ]);
  });

  it('one face: its records, series and a summary of its own over the same duration', async () => {
    const db = await seeded();
    const detail = new SessionDetail(() => db);
    await detail.load(ID);
    detail.face = 2;
    expect(detail.who).toBe('face 2');
    expect(detail.chosen.map((r) => r.t - T0)).toEqual([0]);
    expect(detail.series).toHaveLength(1);
    expect(detail.summary).toMatchObject({ durationMs: 3000, records: 1, dominant: 'happy' });
  });

  it('a session without a stored summary (still recording) gets one from its records', async () => {
    const db = freshDb();
    await db.sessions.add(session('rec', T0, { status: 'recording', summary: null }));
    await db.records.add(record('rec', 1, 0, FEAR));
    const detail = new SessionDetail(() => db);
    await detail.load('rec');
    expect(detail.summary).toMatchObject({ durationMs: 0, records: 1, dominant: 'fear' });
  });

  it('says when the session is not there, or storage cannot be read', async () => {
    const db = await seeded();
    const missing = new SessionDetail(() => db);
    await missing.load('nope');
    expect(missing.status).toBe('missing');
    expect(missing.series).toEqual([]);
    expect(await missing.remove()).toBe(false);

    db.close({ disableAutoOpen: true });
    const broken = new SessionDetail(() => db);
    await broken.load(ID);
    expect(broken.status).toBe('error');
    expect(broken.error).toMatch(/^Could not save to this browser's storage: .*closed/i);
  });

  it('exports the session alone, as JSON or CSV', async () => {
    const page = fakePage();
    const db = await seeded();
    const detail = new SessionDetail(() => db);
    await detail.download('json'); // not loaded yet: nothing to export
    await detail.load(ID);
    await detail.download('json');
    await detail.download('csv');
    const [json, csv, ...more] = await page.downloads();
    expect(more).toEqual([]);
    expect(json?.name).toMatch(/^emotion-session-c0ffee00-\d{4}-\d\d-\d\d\.json$/);
    expect(json?.type).toBe('application/json');
    const file = JSON.parse(json!.text) as { sessions: { id: string }[]; records: unknown[] };
    expect(file.sessions.map((s) => s.id)).toEqual([ID]);
    expect(file.records).toHaveLength(4);
    expect(csv?.name).toMatch(/^emotion-session-c0ffee00-.*\.csv$/);
    expect(csv?.type).toBe('text/csv');
    expect(csv?.text.trim().split('\n')).toHaveLength(1 + 4);
  });

  it('deletes the session with its records, and nothing else', async () => {
    const db = await seeded();
    const detail = new SessionDetail(() => db);
    await detail.load(ID);
    expect(await detail.remove()).toBe(true);
    expect(await db.sessions.toCollection().primaryKeys()).toEqual(['other']);
    expect(await db.records.count()).toBe(1);
  });
});
