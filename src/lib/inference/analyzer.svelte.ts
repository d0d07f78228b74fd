/**
 * The app's one inference engine: loads the models once (the client starts the worker on first
 * use), and exposes load progress and the chosen backend as reactive state for the UI.
 */
import { errorText } from '../domain/error-text';
import { InferenceClient } from './client';
import type { AnalysisMode } from '../domain/analysis/mode';
import type { InitParams, InitResult } from '../worker/api';
import type { BackendName, FrameAnalysis } from '../domain/analysis/types';

export type EngineState = 'idle' | 'loading' | 'ready' | 'failed';

export class Analyzer {
  state = $state<EngineState>('idle');
  progress = $state({ loaded: 0, total: 0 });
  info = $state<InitResult | null>(null);
  error = $state<string | null>(null);

  private ready: Promise<void> | null = null;

  constructor(
    private readonly client = new InferenceClient(),
    private readonly initParams: () => InitParams = pageInitParams,
  ) {}

  /** Loads the models (once); resolves when analysis can run. */
  start(): Promise<void> {
    this.ready ??= this.load();
    return this.ready;
  }

  /** Resolves once no model download is in flight (at once when none was started). */
  async settled(): Promise<void> {
    await this.ready?.catch(() => undefined);
  }

  /** Transfers the bitmap to the worker, which closes it. */
  async analyze(bitmap: ImageBitmap, mode: AnalysisMode): Promise<FrameAnalysis> {
    await this.start();
    return this.client.analyze({ bitmap, mode }, { transfer: [bitmap] });
  }

  private async load(): Promise<void> {
    this.state = 'loading';
    this.error = null;
    try {
      this.info = await this.client.init(this.initParams(), {
        onProgress: (progress) => (this.progress = progress),
      });
      this.state = 'ready';
    } catch (e) {
      this.state = 'failed';
      this.error = errorText(e);
      this.ready = null;
      this.client.terminate();
      throw e;
    }
  }
}

const BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** The models from this origin; `?backend=wasm` (or webgl, cpu) puts that backend first. */
function pageInitParams(): InitParams {
  const url = new URL(location.href);
  const asked = url.searchParams.get('backend');
  const first = BACKENDS.find((b) => b === asked);
  return {
    modelBaseUrl: new URL('/models/', url).href,
    backends: first ? [first, ...BACKENDS.filter((b) => b !== first)] : undefined,
  };
}

export const analyzer = new Analyzer();
