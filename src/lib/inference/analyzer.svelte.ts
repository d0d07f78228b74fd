/**
 * The app's one inference engine: starts the worker on first use, loads the models once, and
 * exposes load progress and the chosen backend as reactive state for the UI.
 */
import { InferenceClient, InferenceError } from './client';
import type { AnalysisMode } from '../domain/analysis/mode';
import type { InitResult } from '../worker/protocol';
import type { BackendName, FrameAnalysis } from '../domain/analysis/types';

export type EngineState = 'idle' | 'loading' | 'ready' | 'failed';

class Analyzer {
  state = $state<EngineState>('idle');
  progress = $state({ loaded: 0, total: 0 });
  info = $state<InitResult | null>(null);
  error = $state<string | null>(null);

  private client: InferenceClient | null = null;
  private ready: Promise<InferenceClient> | null = null;

  /** Loads the models (once); resolves when analysis can run. */
  start(): Promise<InferenceClient> {
    this.ready ??= this.load();
    return this.ready;
  }

  /** Resolves once no model download is in flight (at once when none was started). */
  async settled(): Promise<void> {
    await this.ready?.catch(() => undefined);
  }

  async analyze(bitmap: ImageBitmap, mode: AnalysisMode): Promise<FrameAnalysis> {
    const client = await this.start();
    return client.call('analyze', { bitmap, mode }, [bitmap]);
  }

  private async load(): Promise<InferenceClient> {
    this.state = 'loading';
    this.error = null;
    const client = (this.client ??= new InferenceClient());
    client.onProgress((loaded, total) => (this.progress = { loaded, total }));
    try {
      this.info = await client.call('init', {
        modelBaseUrl: new URL('/models/', location.href).href,
        backends: requestedBackends(),
      });
      this.state = 'ready';
      return client;
    } catch (e) {
      this.state = 'failed';
      this.error = e instanceof InferenceError ? e.message : String(e);
      this.ready = null;
      this.client?.terminate();
      this.client = null;
      throw e;
    }
  }
}

export const analyzer = new Analyzer();

const BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** `?backend=wasm` (or webgl, cpu) puts that backend first, for comparisons and diagnosis. */
function requestedBackends(): BackendName[] | undefined {
  const asked = new URL(location.href).searchParams.get('backend');
  const first = BACKENDS.find((b) => b === asked);
  return first ? [first, ...BACKENDS.filter((b) => b !== first)] : undefined;
}
