/**
 * A session being recorded: records are buffered and written through in small batches (the
 * caller flushes every second and when the page may go away), each write also moving the
 * session's `updatedAt`. A failed write, a full disk included, keeps the batch in memory for the
 * next try and reports a readable message; the memory kept is bounded (MAX_UNSAVED_MS, the
 * oldest dropped and counted), and stop() always ends the session, saying what was lost.
 */
import { epochMs } from '../clock';
import type { EmotionDb } from './db';
import { isQuotaError, storageErrorMessage } from './errors';
import { webLocks, type SessionLocks } from './locks';
import type {
  Checkin,
  CheckinLevel,
  ReadingRecord,
  SessionBaseline,
  SessionRow,
} from '../../domain/session/records';
import { summarize } from '../../domain/session/summary';
import { uniqueTags } from '../../domain/session/tags';
import { errorText } from '../../domain/error-text';

/** The most readings kept in memory while storage refuses them, in session time. */
export const MAX_UNSAVED_MS = 10 * 60_000;

export interface SessionMeta {
  label: string;
  tags: string[];
  note: string;
  /** The active baseline, copied into the session; none when absent. */
  baseline?: SessionBaseline | null;
}

export type FlushResult = { ok: true } | { ok: false; message: string; error: unknown };

export interface StopResult {
  /** The session as closed (stored, unless `closed` is false). */
  session: SessionRow;
  /** Seconds of readings that could not be written. */
  unsaved: number;
  /** What went wrong, for the person recording; null when everything was saved. */
  problem: string | null;
}

export class SessionRecorder {
  private buffer: ReadingRecord[] = [];
  /** Seconds dropped from the buffer to bound it, and the last of them. */
  private dropped = 0;
  private lastDropped = -Infinity;
  private writes: Promise<unknown> = Promise.resolve();
  /** Every check-in of the session, in time order, and those of them known to be stored. */
  private checkins: Checkin[] = [];
  private readonly stored = new WeakSet<Checkin>();
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
      tags: uniqueTags(meta.tags),
      startedAt: now,
      updatedAt: now,
      endedAt: null,
      status: 'recording',
      recovered: false,
      summary: null,
      baseline: meta.baseline ?? null,
      checkins: [],
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
    this.bound();
  }

  /** Seconds of readings not stored: dropped, or still waiting in memory. */
  get unsavedSeconds(): number {
    const waiting = new Set(this.buffer.filter((r) => r.t > this.lastDropped).map((r) => r.t));
    return this.dropped + waiting.size;
  }

  /** Check-ins made so far, in time order. */
  get allCheckins(): readonly Checkin[] {
    return this.checkins;
  }

  /** Check-ins not stored yet: kept in memory and written with the next flush or at stop. */
  get unsavedCheckins(): number {
    return this.checkins.filter((c) => !this.stored.has(c)).length;
  }

  /**
   * A self-report at `t` (epoch ms), written through at once with whatever is buffered. A failed
   * write keeps it in memory, like the records: the next flush tries again and stop() writes it
   * with the closed session, or says that it was lost.
   */
  checkin(level: CheckinLevel, t = epochMs()): Promise<FlushResult> {
    const checkin: Checkin = { t: Math.round(t), level };
    const at = this.checkins.findIndex((c) => c.t > checkin.t);
    if (at === -1) this.checkins.push(checkin);
    else this.checkins.splice(at, 0, checkin);
    return this.flush(checkin.t);
  }

  /** Writes what is buffered (writes run one after the other, in order). */
  flush(now = epochMs()): Promise<FlushResult> {
    const result = this.writes.then(() => this.write(now));
    this.writes = result;
    return result;
  }

  /**
   * Flushes, then closes the session with its summary, whatever the storage does: what could not
   * be written is counted in `unsaved` (a partial session) and reported; a close that cannot be
   * written either is left to recovery (recovery.ts), since the lock is released here.
   */
  async stop(now = epochMs()): Promise<StopResult> {
    try {
      const flushed = await this.flush(now);
      const unsaved = flushed.ok ? 0 : this.unsavedSeconds;
      const row: SessionRow = {
        ...this.session,
        updatedAt: now,
        endedAt: now,
        status: 'ended',
        summary: null,
        checkins: [...this.checkins],
        ...(unsaved > 0 ? { unsaved } : {}),
      };
      const lost = flushed.ok ? null : lostMessage(unsaved, flushed.error);
      try {
        const records = await this.db.records.where('sessionId').equals(this.session.id).toArray();
        row.summary = summarize(records, now - this.session.startedAt);
        await this.db.sessions.put(row);
        this.markStored(row.checkins);
      } catch (e) {
        const notClosed = `The session could not be closed (${reason(e)}); it will be closed with what was saved the next time the app opens.`;
        const checkins = lostCheckins(this.unsavedCheckins);
        const problem = [lost, checkins, notClosed].filter((p) => p !== null).join(' ');
        return { session: row, unsaved, problem };
      }
      return {
        session: row,
        unsaved,
        problem: lost && `${lost} The session was closed as partial.`,
      };
    } finally {
      this.buffer = [];
      this.release();
    }
  }

  private markStored(checkins: readonly Checkin[]): void {
    for (const c of checkins) this.stored.add(c);
  }

  /** Drops the oldest unsaved readings beyond MAX_UNSAVED_MS before the newest, counting them. */
  private bound(): void {
    const newest = this.buffer.at(-1)?.t;
    if (newest === undefined) return;
    let drop = 0;
    while (drop < this.buffer.length && this.buffer[drop]!.t < newest - MAX_UNSAVED_MS) {
      const t = this.buffer[drop]!.t;
      if (t > this.lastDropped) {
        this.dropped++;
        this.lastDropped = t;
      }
      drop++;
    }
    if (drop > 0) this.buffer.splice(0, drop);
  }

  private async write(now: number): Promise<FlushResult> {
    const batch = this.buffer;
    this.buffer = [];
    const checkins = this.unsavedCheckins > 0 ? [...this.checkins] : null;
    try {
      await this.db.transaction('rw', this.db.records, this.db.sessions, async () => {
        if (batch.length > 0) await this.db.records.bulkPut(batch);
        await this.db.sessions.update(this.session.id, {
          updatedAt: now,
          ...(checkins ? { checkins } : {}),
        });
      });
      if (checkins) this.markStored(checkins);
      return { ok: true };
    } catch (e) {
      this.buffer = [...batch, ...this.buffer];
      this.bound();
      return { ok: false, message: storageErrorMessage(e), error: e };
    }
  }
}

const reason = (e: unknown) => (isQuotaError(e) ? 'storage is full' : errorText(e));

function lostCheckins(n: number): string | null {
  if (n === 0) return null;
  return n === 1 ? '1 check-in could not be saved.' : `${n} check-ins could not be saved.`;
}

function lostMessage(unsaved: number, error: unknown): string | null {
  if (unsaved === 0) return null;
  const seconds = unsaved === 1 ? '1 second' : `${unsaved} seconds`;
  return `${seconds} of readings could not be saved: ${reason(error)}.`;
}
