// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HistoryList, PAGE_SIZE } from '../../../../src/lib/features/history/history-list.svelte';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import { summarize } from '../../../../src/lib/domain/session/summary';
import { FEAR, freshDb, HAPPY, record, session, T0 } from '../../fixtures/sessions';

const MINUTE = 60_000;

/** `count` sessions a minute apart, s0 the oldest; every third tagged "team" and fearful. */
async function seeded(count: number): Promise<EmotionDb> {
  const db = freshDb();
  await db.sessions.bulkAdd(
    Array.from({ length: count }, (_, i) =>
      i % 3 === 0
        ? session(`s${i}`, T0 + i * MINUTE, {
            tags: ['team'],
            summary: summarize([record(`s${i}`, 1, 0, FEAR)], 1000),
          })
        : session(`s${i}`, T0 + i * MINUTE, {
            summary: summarize([record(`s${i}`, 1, 0, HAPPY)], 1000),
          }),
    ),
  );
  return db;
}

const ids = (list: HistoryList) => list.rows.map((s) => s.id);

describe('history list', () => {
  it('shows the newest sessions a page at a time', async () => {
    const db = await seeded(PAGE_SIZE + 5);
    const list = new HistoryList(() => db);
    expect(list.loading).toBe(true);
    await list.open();
    expect(list).toMatchObject({ loading: false, error: null, page: 0, total: 30, pages: 2 });
    expect(ids(list)).toHaveLength(PAGE_SIZE);
    expect(ids(list).slice(0, 2)).toEqual(['s29', 's28']);

    await list.older();
    expect(list.page).toBe(1);
    expect(ids(list)).toEqual(['s4', 's3', 's2', 's1', 's0']);
    await list.newer();
    expect(list.page).toBe(0);
    expect(ids(list)[0]).toBe('s29');
  });

  it('narrows the list to the filters and counts what matches', async () => {
    const list = new HistoryList(await seeded(9).then((db) => () => db));
    await list.open();
    await list.filterBy({ text: 'TEAM' });
    expect(ids(list)).toEqual(['s6', 's3', 's0']);
    expect(list.total).toBe(3);
    await list.filterBy({ emotion: 'happy', from: T0 + 4 * MINUTE });
    expect(ids(list)).toEqual(['s8', 's7', 's5', 's4']);
    expect(list.pages).toBe(1);
  });

  it('keeps only the answer of the latest query when several overlap', async () => {
    const list = new HistoryList(await seeded(9).then((db) => () => db));
    const first = list.filterBy({ text: 'team' });
    const second = list.filterBy({ emotion: 'happy' });
    await Promise.all([first, second]);
    expect(list.total).toBe(6);
    expect(list.loading).toBe(false);
  });

  it('after deleting the only row of the last page, shows the page before', async () => {
    const db = await seeded(PAGE_SIZE + 1);
    const list = new HistoryList(() => db);
    await list.open();
    await list.older();
    expect(ids(list)).toEqual(['s0']);
    await list.remove('s0');
    expect(list.page).toBe(0);
    expect(list.total).toBe(PAGE_SIZE);
    expect(await db.sessions.get('s0')).toBeUndefined();
    await list.reload();
    expect(list.page).toBe(0);
  });

  it('closes a session left open by a closed tab before listing it', async () => {
    const db = freshDb();
    await db.sessions.add(session('open', T0, { status: 'recording', endedAt: null }));
    const list = new HistoryList(() => db);
    await list.open();
    expect(list.rows).toMatchObject([{ id: 'open', status: 'ended', recovered: true }]);
  });

  it('says so when storage cannot be read or a delete fails', async () => {
    const db = await seeded(3);
    const list = new HistoryList(() => db);
    await list.open();
    db.close({ disableAutoOpen: true });
    await list.remove('s1');
    expect(list.error).toMatch(/^Could not save to this browser's storage: .*closed/i);
    await list.reload();
    expect(list.error).toMatch(/closed/i);
    expect(list.loading).toBe(false);
    expect(ids(list)).toEqual(['s2', 's1', 's0']);
  });
});
