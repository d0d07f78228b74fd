/**
 * The photo page: a chosen file is opened, analysed by the inference worker and shown from an
 * object URL, which is revoked when the next photo replaces it or the page goes away.
 */
import { analyzer } from '../../inference/analyzer.svelte';
import { isEngineLost } from '../../inference/client';
import { openPhoto } from '../../services/files/image-file';
import type { FrameAnalysis } from '../../domain/analysis/types';
import { errorText } from '../../domain/error-text';

export type PhotoStatus =
  | { state: 'idle' }
  /** `first`: the faces of the whole-image pass, shown while the finer passes look for small ones. */
  | { state: 'analyzing'; name: string; first?: { analysis: FrameAnalysis; src: string } }
  | { state: 'done'; analysis: FrameAnalysis; src: string; name: string }
  | { state: 'error'; message: string };

/** What the photo page uses of the inference engine (the app's `analyzer`). */
export type PhotoEngine = Pick<typeof analyzer, 'start' | 'analyze'>;

export class PhotoAnalysis {
  status = $state.raw<PhotoStatus>({ state: 'idle' });

  private objectUrl: string | null = null;

  constructor(
    private readonly engine: PhotoEngine = analyzer,
    private readonly open: (file: File) => Promise<ImageBitmap> = openPhoto,
  ) {}

  /** Loads the models with the page, so that they are ready by the time a photo is chosen. */
  prepare(): void {
    this.engine.start().catch(() => {});
  }

  async analyse(file: File): Promise<void> {
    this.status = { state: 'analyzing', name: file.name };
    this.dispose();
    const src = URL.createObjectURL(file);
    this.objectUrl = src;
    const showFirst = (analysis: FrameAnalysis) => {
      if (this.objectUrl === src && analysis.faces.length > 0)
        this.status = { state: 'analyzing', name: file.name, first: { analysis, src } };
    };
    try {
      const analysis = await this.analyseOnce(file, showFirst).catch((e: unknown) => {
        if (!isEngineLost(e)) throw e;
        // The engine was lost under this photo and is being restarted: once more, from a fresh
        // bitmap (the first went to the lost worker).
        return this.analyseOnce(file, showFirst);
      });
      this.status = { state: 'done', analysis, src, name: file.name };
    } catch (e) {
      this.dispose();
      this.status = { state: 'error', message: errorText(e) };
    }
  }

  private async analyseOnce(
    file: File,
    onFirstFaces: (first: FrameAnalysis) => void,
  ): Promise<FrameAnalysis> {
    return this.engine.analyze(await this.open(file), 'photo', onFirstFaces);
  }

  dispose(): void {
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = null;
  }
}

/** The line under the photo while the finer passes still run. */
export function firstFacesText(a: FrameAnalysis): string {
  const faces = `${a.faces.length} face${a.faces.length === 1 ? '' : 's'}`;
  return `${faces} so far, in ${Math.round(a.timings.total)} ms; looking for smaller faces…`;
}

/** The line under the photo once analysed. */
export function resultText(a: FrameAnalysis): string {
  if (a.faces.length === 0) {
    return 'No face found in this photo. Try one where faces are visible and not too small.';
  }
  const faces = `${a.faces.length} face${a.faces.length === 1 ? '' : 's'}`;
  return `${faces} found in ${Math.round(a.timings.total)} ms (${a.backend}).`;
}
