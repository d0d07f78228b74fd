/** The event log's entries: what the diagnostics page lists and downloads. */
export type EventKind =
  'engine' | 'restart' | 'error' | 'camera' | 'import' | 'session' | 'storage';

export interface LoggedEvent {
  /** Epoch ms. */
  at: number;
  kind: EventKind;
  message: string;
  data?: Record<string, unknown>;
}

/** How many events the log keeps; older ones are trimmed. */
export const EVENT_LOG_LIMIT = 1000;

/** An epoch-ms time as the log's files write it: ISO 8601, UTC. */
export const isoTime = (epochMs: number): string => new Date(epochMs).toISOString();
