/**
 * The app's IndexedDB, through Dexie. Version 1 is shipped: never edit it. A change adds
 * `this.version(2).stores({...}).upgrade(tx => ...)` below it, with a test that opens a version-1
 * database and upgrades it.
 */
import { Dexie, type Table } from 'dexie';
import type { ReadingRecord, RecordKey, SessionRow } from '../../domain/session/records';

export const DB_NAME = 'emotion-detector';

export class EmotionDb extends Dexie {
  sessions!: Table<SessionRow, string>;
  records!: Table<ReadingRecord, RecordKey>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      sessions: 'id, startedAt, status, label, *tags, summary.dominant',
      records: '[sessionId+faceId+t], sessionId, t, dominant, [sessionId+t]',
    });
  }
}

let instance: EmotionDb | null = null;

/** The page's database, opened on first use (never during prerendering). */
export function getDb(): EmotionDb {
  instance ??= new EmotionDb();
  return instance;
}
