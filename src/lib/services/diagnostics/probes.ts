/**
 * What the browser can tell about this page's resources: JS heap, storage, persistence and the
 * shipped models' manifest. Each probe answers null where the browser cannot measure, never throws.
 */
import type { ModelManifest } from '../../domain/models/manifest';

export interface HeapReading {
  usedBytes: number;
  /** What the heap may grow to; null when the browser does not say. */
  limitBytes: number | null;
  source: 'performance.memory' | 'measureUserAgentSpecificMemory';
}

export interface StorageReading {
  usageBytes: number | null;
  quotaBytes: number | null;
  /** Whether the browser promised not to evict this origin's data; null when it cannot say. */
  persisted: boolean | null;
}

interface ChromiumPerformance {
  memory?: { usedJSHeapSize: number; jsHeapSizeLimit: number };
  measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
}

/**
 * The JS heap: Chromium's performance.memory answers at once; measureUserAgentSpecificMemory
 * (cross-origin isolated pages only) covers the workers too but may take seconds to answer.
 */
export async function measureHeap(
  perf: ChromiumPerformance = performance as ChromiumPerformance,
  isolated = globalThis.crossOriginIsolated === true,
): Promise<HeapReading | null> {
  try {
    if (perf.memory)
      return {
        usedBytes: perf.memory.usedJSHeapSize,
        limitBytes: perf.memory.jsHeapSizeLimit,
        source: 'performance.memory',
      };
    if (isolated && perf.measureUserAgentSpecificMemory) {
      const { bytes } = await perf.measureUserAgentSpecificMemory();
      return { usedBytes: bytes, limitBytes: null, source: 'measureUserAgentSpecificMemory' };
    }
  } catch {
    // A measurement refused (e.g. a page that lost isolation): nothing to show.
  }
  return null;
}

export async function measureStorage(
  storage: Partial<StorageManager> | undefined = globalThis.navigator?.storage,
): Promise<StorageReading> {
  const [estimate, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => null) ?? null,
    storage?.persisted?.().catch(() => null) ?? null,
  ]);
  return {
    usageBytes: estimate?.usage ?? null,
    quotaBytes: estimate?.quota ?? null,
    persisted,
  };
}

/** The manifest the worker checked the models against; null when it cannot be read. */
export async function readModelManifest(
  url = '/models/manifest.json',
  load: typeof fetch = fetch,
): Promise<ModelManifest | null> {
  try {
    const response = await load(url);
    return response.ok ? ((await response.json()) as ModelManifest) : null;
  } catch {
    return null;
  }
}
