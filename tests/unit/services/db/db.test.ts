// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type SessionRow } from '../../../../src/lib/domain/session/records';
import { EmotionDb } from '../../../../src/lib/services/db/db';
import { freshDb, record, session, NEUTRAL, T0 } from '../../fixtures/sessions';

/** A session as version 1 stored it: without the fields version 3 added. */
function asVersion1(row: SessionRow): Partial<SessionRow> {
  const v1: Partial<SessionRow> = { ...row };
  delete v1.baseline;
  delete v1.checkins;
  return v1;
}

describe('EmotionDb', () => {
  it('is schema version 3 with the indexes the queries use', async () => {
    const db = freshDb();
    await db.open();
    // The export format carries the version the data is stored under.
    expect(SCHEMA_VERSION).toBe(3);
    expect(db.verno).toBe(SCHEMA_VERSION);
    const indexes = (table: 'sessions' | 'records') =>
      db.table(table).schema.indexes.map((i) => i.name);
    expect(db.sessions.schema.primKey.keyPath).toBe('id');
    expect(indexes('sessions')).toEqual(
      expect.arrayContaining(['startedAt', 'status', 'label', 'tags', 'summary.dominant']),
    );
    expect(db.records.schema.primKey.name).toBe('[sessionId+faceId+t]');
    expect(indexes('records')).toEqual(
      expect.arrayContaining(['sessionId', 't', 'dominant', '[sessionId+t]']),
    );
    db.close();
  });

  it('shipped versions are frozen: a change needs a new version with an upgrade, not an edit', async () => {
    const db = freshDb();
    await db.open();
    const shape = [...db.tables]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => [t.name, t.schema.primKey.src, t.schema.indexes.map((i) => i.src)]);
    expect(shape).toEqual([
      ['baselines', 'id', ['&name', 'calibratedAt']],
      ['events', '++id', ['at', 'kind']],
      ['records', '[sessionId+faceId+t]', ['sessionId', 't', 'dominant', '[sessionId+t]']],
      ['sessions', 'id', ['startedAt', 'status', 'label', '*tags', 'summary.dominant']],
    ]);
    db.close();
  });

  it('opens a version-1 database at version 3 and keeps its sessions, records and indexes', async () => {
    const name = `v1-${process.pid}-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      sessions: 'id, startedAt, status, label, *tags, summary.dominant',
      records: '[sessionId+faceId+t], sessionId, t, dominant, [sessionId+t]',
    });
    await v1
      .table('sessions')
      .bulkAdd([
        asVersion1(session('a', T0, { tags: ['desk'] })),
        asVersion1(session('b', T0 + 1)),
      ]);
    await v1.table('records').bulkAdd([record('a', 1, 0, NEUTRAL), record('a', 1, 1, NEUTRAL)]);
    v1.close();

    const db = new EmotionDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.sessions.orderBy('startedAt').primaryKeys()).toEqual(['a', 'b']);
    // The upgrade gave every session the fields of version 3, and changed nothing else.
    expect(await db.sessions.get('a')).toEqual(session('a', T0, { tags: ['desk'] }));
    expect(await db.baselines.count()).toBe(0);
    expect(await db.sessions.where('tags').equals('desk').count()).toBe(1);
    expect(
      await db.records
        .where('[sessionId+t]')
        .between(['a', T0], ['a', T0 + 1000], true, true)
        .count(),
    ).toBe(2);
    expect(await db.records.where('dominant').equals('neutral').count()).toBe(2);
    expect(await db.events.count()).toBe(0);
    await db.events.add({ at: T0, kind: 'engine', message: 'ready' });
    expect(await db.events.where('kind').equals('engine').count()).toBe(1);
    db.close();
  });

  it('keeps one record per session, face and second', async () => {
    const db = freshDb();
    await db.sessions.add(session('a', T0));
    await db.records.bulkPut([record('a', 1, 0, NEUTRAL), record('a', 1, 0, NEUTRAL)]);
    await db.records.put({ ...record('a', 1, 0, NEUTRAL), frames: 9 });
    expect(await db.records.count()).toBe(1);
    expect((await db.records.toArray())[0]?.frames).toBe(9);
    expect(await db.records.where('dominant').equals('neutral').count()).toBe(1);
    db.close();
  });
});

describe('the page database', () => {
  it('is opened once, under the name of the app', async () => {
    const { DB_NAME, getDb } = await import('../../../../src/lib/services/db/db');
    expect(getDb()).toBe(getDb());
    expect(getDb().name).toBe(DB_NAME);
  });
});
