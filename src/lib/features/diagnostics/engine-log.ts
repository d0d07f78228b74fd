/**
 * Puts the engine's news (start, ready, restart, failure, error) into the event log. The analyzer
 * may not import services (rooms rule), so it tells listeners and this wires one in.
 */
import type { EventKind } from '../../domain/diagnostics/events';
import {
  analyzer as appAnalyzer,
  type Analyzer,
  type EngineNews,
} from '../../inference/analyzer.svelte';
import { logEvent } from '../../services/diagnostics/event-log';

const KIND: Record<EngineNews['kind'], EventKind> = {
  start: 'engine',
  ready: 'engine',
  restart: 'restart',
  failed: 'error',
  error: 'error',
};

/** Logs each engine event from now on; returns the unsubscribe. */
export function logEngineEvents(
  analyzer: Pick<Analyzer, 'onEvent' | 'info'> = appAnalyzer,
  log: typeof logEvent = logEvent,
): () => void {
  return analyzer.onEvent((news) => {
    const info = news.kind === 'ready' ? analyzer.info : null;
    log(KIND[news.kind], news.message, {
      event: news.kind,
      ...(info ? { backend: info.backend, timings: info.timings } : {}),
    });
  });
}

let wired: (() => void) | null = null;

/** The app's wiring, once per page load however often the layout mounts. */
export function logAppEngineEvents(): void {
  wired ??= logEngineEvents();
}
