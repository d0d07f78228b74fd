/**
 * The app's IndexedDB, through Dexie. Shipped versions are never edited: a change adds
 * `this.version(n + 1).stores({...})` below the last one, with `.upgrade(tx => ...)` when rows
 * must be rewritten, and a test that opens a database of the version before and upgrades it.
 *
 * - Version 1: sessions and their per-second records.
 * - Version 2: adds `events`, the diagnostics event log (services/diagnostics/event-log.ts). A new
 *   table needs no upgrade: the sessions and records of version 1 stay as they are.
 * - Version 3: adds `baselines` (calibrated resting faces, one per profile) and gives every
 *   session `baseline` (null) and `checkins` ([]), so that code reading a session never meets
 *   a missing field.
 */
import { Dexie, type Table } from 'dexie';
import type { Baseline, ReadingRecord, RecordKey, SessionRow } from '../../domain/session/records';
import type { LoggedEvent } from '../../domain/diagnostics/events';

export const DB_NAME = 'emotion-detector';

/** An event as stored: the log's own key orders events written in the same millisecond. */
export type EventRow = LoggedEvent & { id?: number };

export class EmotionDb extends Dexie {
  sessions!: Table<SessionRow, string>;
  records!: Table<ReadingRecord, RecordKey>;
  events!: Table<EventRow, number>;
  baselines!: Table<Baseline, string>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      sessions: 'id, startedAt, status, label, *tags, summary.dominant',
      records: '[sessionId+faceId+t], sessionId, t, dominant, [sessionId+t]',
    });
    this.version(2).stores({ events: '++id, at, kind' });
    this.version(3)
      .stores({ baselines: 'id, &name, calibratedAt' })
      .upgrade((tx) =>
        tx
          .table<Partial<SessionRow>>('sessions')
          .toCollection()
          .modify((s) => {
            s.baseline ??= null;
            s.checkins ??= [];
          }),
      );
  }
}

let instance: EmotionDb | null = null;

/** The page's database, opened on first use (never during prerendering). */
export function getDb(): EmotionDb {
  instance ??= new EmotionDb();
  return instance;
}
