import * as tf from '@tensorflow/tfjs-core';
import { errorText } from '../../domain/error-text';
import { fetchModels, ModelIntegrityError, type FetchedModel, type Progress } from '../model-fetch';
import type { BackendReport, FrameAnalysis } from '../../domain/analysis/types';
import type { WorkerStats } from '../../domain/diagnostics/worker-stats';
import {
  DEFAULT_BACKEND_ORDER,
  isGpuContextLost,
  selectBackend,
  watchContextLoss,
} from './backends';
import {
  DETECTOR_MODEL_ID,
  EMOTION_MODEL_IDS,
  EMOTION_TEST_TIME_FLIP,
} from '../../domain/models/shipped-models';
import { EmotionClassifier } from './emotion-classifier';
import { EngineError } from './engine-error';
import type { AnalyzeParams, InitParams, InitReply } from './engine-types';
import { keepModels, restoreModels } from '../kept-models';
import { faceDetectorFromFiles, DETECTOR_SIZE } from './face-detector';
import { bitmapReader, type FramePixels, type FrameReader } from './frame-reader';
import { graphModelFromFiles } from './graph-model';
import { FacePipeline, type AnalysisOutput } from './pipeline';

/** Photos larger than this (longer side, pixels) are scaled down first: detail beyond it adds no faces. */
const MAX_PHOTO_SIDE = 2048;

/** Everything the worker keeps between calls: the model bytes, the backend, the built models. */
export class Engine {
  private files: FetchedModel[] = [];
  private pipeline: FacePipeline | null = null;
  private backend: BackendReport | null = null;
  private contextLost = false;
  private startTimings = { backend: 0, build: 0, warmUp: 0 };
  /** The last analysis asked for: each waits for the one before (see analyze). */
  private lastAnalysis: Promise<unknown> = Promise.resolve();

  constructor(private readonly frames: FrameReader = bitmapReader) {}

  async init(params: InitParams, onProgress: Progress): Promise<InitReply> {
    const t0 = performance.now();
    const order = params.backends ?? DEFAULT_BACKEND_ORDER;
    // The backend (its code, and on WASM the .wasm binary) starts while the model bytes are read.
    const backend = startBackend(order, params.backends !== undefined);
    const ids = [DETECTOR_MODEL_ID, ...EMOTION_MODEL_IDS];
    let restored: FetchedModel[] | null = null;
    try {
      if (params.kept)
        restored = await restoreModels(params.modelBaseUrl, ids, params.kept, onProgress);
      this.files = restored ?? (await fetchModels(params.modelBaseUrl, ids, onProgress));
    } catch (e) {
      // A retry must not select a backend while this selection still runs.
      await backend.catch(() => undefined);
      const code = e instanceof ModelIntegrityError ? 'model-integrity' : 'model-load';
      throw new EngineError({ code, message: `The models could not be loaded: ${errorText(e)}` });
    }
    const download = performance.now() - t0;
    await this.start(backend);
    return {
      backend: this.backend as BackendReport,
      source: restored ? 'kept' : 'download',
      kept: restored && params.kept ? params.kept : keepModels(this.files),
      models: this.files.map((f) => ({ id: f.id, quantization: f.quantization, bytes: f.bytes })),
      timings: { download, ...this.startTimings },
    };
  }

  /**
   * Analyses run one at a time, in the order asked: the page may send the next live frame while
   * this one is read, and the tracker must see frames in order, one whole frame after another.
   * @param onFirstFaces photos only: the faces of the first whole-image pass, before the finer ones run
   */
  analyze(
    params: AnalyzeParams,
    onFirstFaces?: (first: FrameAnalysis) => void,
  ): Promise<FrameAnalysis> {
    const turn = this.lastAnalysis.then(() => this.analyzeNow(params, onFirstFaces));
    this.lastAnalysis = turn.catch(() => undefined);
    return turn;
  }

  private async analyzeNow(
    { bitmap, mode, redetect }: AnalyzeParams,
    onFirstFaces?: (first: FrameAnalysis) => void,
  ): Promise<FrameAnalysis> {
    if (this.contextLost || isGpuContextLost()) await this.recoverFromContextLoss();
    const pipeline = this.pipeline;
    if (!pipeline || !this.backend) {
      this.frames.discard(bitmap);
      throw new EngineError({ code: 'not-ready', message: 'The models are not loaded yet' });
    }
    const t0 = performance.now();
    // A bitmap the reader cannot take at all is a bad request, not a failed analysis.
    const live = mode === 'live' ? this.frames.source(bitmap) : null;
    const photo = live ? null : this.frames.read(bitmap, MAX_PHOTO_SIDE);
    const t1 = performance.now();
    try {
      if (live) return this.reply(await pipeline.analyzeLive(live, { redetect }), live, 1, t0, t1);
      const { pixels, scale } = photo as FramePixels;
      const first = onFirstFaces
        ? (out: AnalysisOutput) => onFirstFaces(this.reply(out, pixels, scale, t0, t1))
        : undefined;
      return this.reply(await pipeline.analyzePhoto(pixels, first), pixels, scale, t0, t1);
    } catch (e) {
      if (e instanceof EngineError) throw e;
      if (this.contextLost || isGpuContextLost())
        throw new EngineError({
          code: 'context-lost',
          message: 'The GPU was reset; switching to the CPU path, try again',
        });
      throw new EngineError({ code: 'inference', message: `Analysis failed: ${errorText(e)}` });
    } finally {
      live?.close();
    }
  }

  private reply(
    out: AnalysisOutput,
    size: { width: number; height: number },
    scale: number,
    t0: number,
    decoded: number,
  ): FrameAnalysis {
    return {
      width: size.width / scale,
      height: size.height / scale,
      faces: out.faces.map((f) => ({ ...f, box: scaleBox(f.box, 1 / scale) })),
      timings: { decode: decoded - t0, ...out.timings, total: performance.now() - t0 },
      backend: (this.backend as BackendReport).name,
      detectionReused: out.detectionReused,
    };
  }

  /** Tensors and bytes held now, for the diagnostics page and the leak tests. */
  stats(): WorkerStats {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes, backend: this.backend?.name ?? null };
  }

  /** @param backend the backend being started; its timing is the wait for it after the models. */
  private async start(backend: Promise<BackendReport>): Promise<void> {
    const t0 = performance.now();
    this.backend = await backend;
    const t1 = performance.now();
    const [detectorFiles, ...emotionFiles] = this.files;
    if (!detectorFiles || emotionFiles.length !== EMOTION_MODEL_IDS.length)
      throw new EngineError({ code: 'model-load', message: 'Models missing' });
    const detector = await faceDetectorFromFiles(asModelFiles(detectorFiles), DETECTOR_SIZE);
    const classifier = new EmotionClassifier(
      await Promise.all(emotionFiles.map((f) => graphModelFromFiles(asModelFiles(f)))),
      EMOTION_TEST_TIME_FLIP,
    );
    this.pipeline = new FacePipeline(classifier, detector);
    this.contextLost = false;
    watchContextLoss(() => (this.contextLost = true));
    const t2 = performance.now();
    await this.warmUp();
    this.startTimings = { backend: t1 - t0, build: t2 - t1, warmUp: performance.now() - t2 };
  }

  /** A GPU context cannot be revived: rebuild the models on the next backend from the bytes kept. */
  private async recoverFromContextLoss(): Promise<void> {
    this.pipeline = null;
    tf.removeBackend('webgl');
    await this.start(startBackend(DEFAULT_BACKEND_ORDER.filter((b) => b !== 'webgl')));
  }

  /** The first call compiles kernels (shaders on WebGL); better at load than on the user's first photo. */
  private async warmUp(): Promise<void> {
    await this.pipeline?.warmUp();
  }
}

/** Starts selecting the backend; a failure waits (handled) until the engine asks for it. */
function startBackend(
  order: NonNullable<InitParams['backends']>,
  requested = false,
): Promise<BackendReport> {
  const selecting = selectBackend(order, requested).catch((e: unknown) => {
    throw new EngineError({ code: 'backend', message: errorText(e) });
  });
  selecting.catch(() => undefined);
  return selecting;
}

function asModelFiles(model: FetchedModel) {
  return { json: model.json as tf.io.ModelJSON, weights: model.weights };
}

function scaleBox<T extends { x: number; y: number; width: number; height: number }>(
  box: T,
  factor: number,
): T {
  return {
    ...box,
    x: box.x * factor,
    y: box.y * factor,
    width: box.width * factor,
    height: box.height * factor,
  };
}
