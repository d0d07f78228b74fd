/**
 * The app's event log: what happened to the engine, the camera, imports, sessions and storage,
 * kept on this device (IndexedDB, the last EVENT_LOG_LIMIT events) for the diagnostics page and
 * never sent anywhere. Logging must never break what it observes: `logEvent` returns at once and
 * never throws, writes are batched, and an event that cannot be stored is dropped.
 */
import { errorText } from '../../domain/error-text';
import { EVENT_LOG_LIMIT, type EventKind, type LoggedEvent } from '../../domain/diagnostics/events';
import { getDb, type EmotionDb } from '../db/db';

export type { EventKind, LoggedEvent } from '../../domain/diagnostics/events';

export class EventLog {
  private queue: LoggedEvent[] = [];
  private flushing: Promise<void> | null = null;
  private readonly listeners = new Set<(event: LoggedEvent) => void>();

  constructor(
    private readonly db: () => EmotionDb = getDb,
    private readonly limit = EVENT_LOG_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  log(kind: EventKind, message: string, data?: Record<string, unknown>): void {
    try {
      const event: LoggedEvent = { at: this.now(), kind, message, ...storable(data) };
      this.queue.push(event);
      for (const listener of this.listeners) listener(event);
      this.flushing ??= Promise.resolve().then(() => this.flush());
    } catch {
      // A listener that throws, or an odd message: the event is lost, the caller is not.
    }
  }

  /** Calls `listener` with each event as it is logged; returns the unsubscribe. */
  subscribe(listener: (event: LoggedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The stored events, newest first, once the ones logged so far are written. */
  async read(): Promise<LoggedEvent[]> {
    await this.flushing;
    const rows = await this.db().events.orderBy('id').reverse().toArray();
    return rows.map(({ id: _id, ...event }) => event);
  }

  /** Writes what is queued, then trims the oldest events beyond the limit. */
  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const events = this.db().events;
        await events.bulkAdd(batch);
        const excess = (await events.count()) - this.limit;
        if (excess > 0) await events.orderBy('id').limit(excess).delete();
      } catch {
        // Storage full, blocked or gone (private mode): these events are dropped.
      }
    }
    this.flushing = null;
  }
}

/** The data as IndexedDB can store it (plain JSON); data that cannot be made so is replaced. */
function storable(data: Record<string, unknown> | undefined): { data?: Record<string, unknown> } {
  if (data === undefined) return {};
  try {
    return { data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> };
  } catch (e) {
    return { data: { unstorable: errorText(e) } };
  }
}

export const eventLog = new EventLog();

/** Records one event in the app's log; never throws and never waits. */
export function logEvent(kind: EventKind, message: string, data?: Record<string, unknown>): void {
  eventLog.log(kind, message, data);
}
