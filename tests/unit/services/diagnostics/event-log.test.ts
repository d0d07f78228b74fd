import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EventLog, eventLog, logEvent } from '../../../../src/lib/services/diagnostics/event-log';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import { freshDb } from '../../fixtures/sessions';

describe('EventLog', () => {
  it('stores events with their data and reads them back newest first', async () => {
    const db = freshDb();
    let clock = 1000;
    const log = new EventLog(
      () => db,
      1000,
      () => clock++,
    );
    log.log('engine', 'Loading the models');
    log.log('engine', 'Ready', { backend: 'wasm', timings: { build: 12.5 } });
    log.log('camera', 'Camera on');
    const events = await log.read();
    expect(events.map((e) => e.message)).toEqual(['Camera on', 'Ready', 'Loading the models']);
    expect(events[1]).toEqual({
      at: 1001,
      kind: 'engine',
      message: 'Ready',
      data: { backend: 'wasm', timings: { build: 12.5 } },
    });
    expect(events[0]).not.toHaveProperty('data');
    db.close();
  });

  it('keeps only the newest events beyond its limit', async () => {
    const db = freshDb();
    const log = new EventLog(() => db, 5);
    for (let i = 0; i < 12; i++) log.log('error', `e${i}`);
    await log.read();
    log.log('error', 'e12');
    const events = await log.read();
    expect(events.map((e) => e.message)).toEqual(['e12', 'e11', 'e10', 'e9', 'e8']);
    expect(await db.events.count()).toBe(5);
    db.close();
  });

  it('returns at once, before anything is written', async () => {
    const db = freshDb();
    const log = new EventLog(() => db);
    log.log('session', 'Session started');
    expect(await db.events.count()).toBe(0);
    expect(await log.read()).toHaveLength(1);
    db.close();
  });

  it('drops events it cannot store and never throws to the caller', async () => {
    const broken = () => {
      throw new Error('IndexedDB is not available');
    };
    const log = new EventLog(broken as unknown as () => EmotionDb);
    expect(() => log.log('storage', 'lost')).not.toThrow();
    await expect(log.read()).rejects.toThrow('IndexedDB is not available');

    const db = freshDb();
    db.close();
    const closed = new EventLog(() => db);
    closed.log('storage', 'also lost');
    await expect(closed.read()).rejects.toThrow();
  });

  it('replaces data that is not plain JSON instead of losing the event', async () => {
    const db = freshDb();
    const log = new EventLog(() => db);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    log.log('error', 'odd data', loop);
    const [event] = await log.read();
    expect(event?.message).toBe('odd data');
    expect(event?.data?.unstorable).toMatch(/circular/i);
    db.close();
  });

  it('tells subscribers of each event, and a throwing one loses only that event', async () => {
    const db = freshDb();
    const log = new EventLog(() => db);
    const seen: string[] = [];
    const stop = log.subscribe((e) => seen.push(e.message));
    log.log('camera', 'one');
    stop();
    log.log('camera', 'two');
    expect(seen).toEqual(['one']);
    log.subscribe(() => {
      throw new Error('listener bug');
    });
    expect(() => log.log('camera', 'three')).not.toThrow();
    expect((await log.read()).map((e) => e.message)).toEqual(['three', 'two', 'one']);
    db.close();
  });
});

describe('logEvent', () => {
  it('writes to the page database', async () => {
    logEvent('import', 'Imported 2 sessions', { sessions: 2 });
    const [event] = await eventLog.read();
    expect(event).toMatchObject({ kind: 'import', message: 'Imported 2 sessions' });
  });
});
