/**
 * A session being recorded: records are buffered and written through in small batches (the
 * caller flushes every second and when the page may go away), each write also moving the
 * session's `updatedAt`. A failed write, a full disk included, keeps the batch in memory for the
 * next try and reports a readable message.
 */
import { epochMs } from '../clock';
import type { EmotionDb } from './db';
import { storageErrorMessage } from './errors';
import { webLocks, type SessionLocks } from './locks';
import type { ReadingRecord, SessionRow } from '../../domain/session/records';
import { summarize } from '../../domain/session/summary';

export interface SessionMeta {
  label: string;
  tags: string[];
  note: string;
}

export type FlushResult = { ok: true } | { ok: false; message: string };

export class SessionRecorder {
  private buffer: ReadingRecord[] = [];
  private writes: Promise<unknown> = Promise.resolve();
  private readonly release: () => void;

  private constructor(
    private readonly db: EmotionDb,
    readonly session: SessionRow,
    locks: SessionLocks,
  ) {
    this.release = locks.hold(session.id);
  }

  static async start(
    db: EmotionDb,
    meta: SessionMeta,
    now = epochMs(),
    locks: SessionLocks = webLocks,
  ): Promise<SessionRecorder> {
    const session: SessionRow = {
      id: crypto.randomUUID(),
      kind: 'live',
      ...meta,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
      status: 'recording',
      recovered: false,
      summary: null,
    };
    await db.sessions.add(session);
    return new SessionRecorder(db, session, locks);
  }

  /** Records waiting to be written. */
  get pending(): number {
    return this.buffer.length;
  }

  push(records: readonly ReadingRecord[]): void {
    this.buffer.push(...records);
  }

  /** Writes what is buffered (writes run one after the other, in order). */
  flush(now = epochMs()): Promise<FlushResult> {
    const result = this.writes.then(() => this.write(now));
    this.writes = result;
    return result;
  }

  /** Flushes, then closes the session with its summary. Throws if the last write fails. */
  async stop(now = epochMs()): Promise<SessionRow> {
    const flushed = await this.flush(now);
    if (!flushed.ok) throw new Error(flushed.message);
    const records = await this.db.records.where('sessionId').equals(this.session.id).toArray();
    const row: SessionRow = {
      ...this.session,
      updatedAt: now,
      endedAt: now,
      status: 'ended',
      summary: summarize(records, now - this.session.startedAt),
    };
    await this.db.sessions.put(row);
    this.release();
    return row;
  }

  private async write(now: number): Promise<FlushResult> {
    const batch = this.buffer;
    this.buffer = [];
    try {
      await this.db.transaction('rw', this.db.records, this.db.sessions, async () => {
        if (batch.length > 0) await this.db.records.bulkPut(batch);
        await this.db.sessions.update(this.session.id, { updatedAt: now });
      });
      return { ok: true };
    } catch (e) {
      this.buffer = [...batch, ...this.buffer];
      return { ok: false, message: storageErrorMessage(e) };
    }
  }
}
