/**
 * Code that runs inside the bench page (through page.evaluate, which CSP does not block). Each
 * exported function is self-contained: Playwright sends its source, not its closure.
 *
 * Our engine is driven through its real worker chunk and message protocol, as the app does; the
 * peer (@vladmandic/human) runs on the page's main thread, as its demos do.
 */

export interface PageSetup {
  workerPath: string;
  backend: 'wasm' | 'webgl';
  photos: string[];
  humanConfig: Record<string, unknown>;
}

export interface OursSample {
  roundTrip: number;
  timings: Record<string, number>;
  faces: number;
  backend: string;
}

export interface HumanSample {
  total: number;
  faces: number;
}

export interface SetupReport {
  ours: { backend: unknown; models: unknown };
  human: { backend: string; version: string; wasmThreads: unknown };
}

type BenchWindow = typeof window & {
  __bench?: {
    frames: HTMLCanvasElement[];
    call: (method: string, params: unknown, transfer?: Transferable[]) => Promise<unknown>;
    human: { detect: (input: HTMLCanvasElement) => Promise<{ face: unknown[] }> };
  };
};

/** Loads the photos as 640x480 frames (fitted, black padding, as the shared clip), starts both engines. */
export async function setupPage(setup: PageSetup): Promise<SetupReport> {
  const frames: HTMLCanvasElement[] = [];
  for (const photo of setup.photos) {
    const image = await createImageBitmap(await (await fetch(`/bench/${photo}`)).blob());
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const ctx = canvas.getContext('2d', { willReadFrequently: false });
    if (!ctx) throw new Error('no 2d context');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 640, 480);
    const scale = Math.min(640 / image.width, 480 / image.height);
    const w = Math.round(image.width * scale);
    const h = Math.round(image.height * scale);
    ctx.drawImage(image, Math.floor((640 - w) / 2), Math.floor((480 - h) / 2), w, h);
    frames.push(canvas);
  }

  const worker = new Worker(setup.workerPath, { type: 'module', name: 'inference' });
  let nextId = 1;
  const pending = new Map<number, (m: { ok: boolean; value?: unknown; error?: unknown }) => void>();
  worker.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as { kind: string; id: number; ok: boolean; value?: unknown; error?: unknown };
    if (m.kind !== 'reply') return;
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const call = (method: string, params: unknown, transfer: Transferable[] = []) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (m) =>
        m.ok ? resolve(m.value) : reject(new Error(JSON.stringify(m.error))),
      );
      worker.postMessage({ kind: 'request', id, method, params }, transfer);
    });
  const others = ['webgl', 'wasm', 'cpu'].filter((b) => b !== setup.backend);
  const init = (await call('init', {
    modelBaseUrl: new URL('/models/', location.href).href,
    backends: [setup.backend, ...others],
  })) as { backend: unknown; models: unknown };

  const module = (await import('/bench/human/human.esm.js' as string)) as {
    Human: new (config: Record<string, unknown>) => {
      load: () => Promise<void>;
      detect: (input: HTMLCanvasElement) => Promise<{ face: unknown[] }>;
      tf: {
        getBackend: () => string;
        env: () => {
          getAsync: (k: string) => Promise<unknown>;
          set: (k: string, v: unknown) => void;
        };
      };
      version: string;
    };
  };
  const human = new module.Human(setup.humanConfig);
  // Under our CSP (script-src without blob:) tfjs's pthread pool cannot start: human runs
  // single-threaded, as in the figures.
  human.tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await human.load();
  const wasmThreads =
    human.tf.getBackend() === 'wasm'
      ? await human.tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')
      : null;
  (window as BenchWindow).__bench = { frames, call, human };
  return {
    ours: init,
    human: { backend: human.tf.getBackend(), version: human.version, wasmThreads },
  };
}

/**
 * `rounds` times, for each frame in turn: one analysis by our worker, then one by human, so that
 * machine load shifts both alike. Returns per frame the samples of each.
 */
export async function runInterleaved(args: {
  rounds: number;
}): Promise<{ ours: OursSample[][]; human: HumanSample[][] }> {
  const bench = (window as BenchWindow).__bench;
  if (!bench) throw new Error('setupPage first');
  const ours: OursSample[][] = bench.frames.map(() => []);
  const human: HumanSample[][] = bench.frames.map(() => []);
  for (let round = 0; round < args.rounds; round++) {
    for (let f = 0; f < bench.frames.length; f++) {
      const frame = bench.frames[f] as HTMLCanvasElement;
      const t0 = performance.now();
      const bitmap = await createImageBitmap(frame);
      // Every call runs the detector, as human does with its caching off: the like-for-like figure.
      const params = { bitmap, mode: 'live', redetect: true };
      const result = (await bench.call('analyze', params, [bitmap])) as {
        faces: unknown[];
        timings: Record<string, number>;
        backend: string;
      };
      const t1 = performance.now();
      ours[f]?.push({
        roundTrip: t1 - t0,
        timings: result.timings,
        faces: result.faces.length,
        backend: result.backend,
      });
      const h0 = performance.now();
      const res = await bench.human.detect(frame);
      const h1 = performance.now();
      human[f]?.push({ total: h1 - h0, faces: res.face.length });
    }
  }
  return { ours, human };
}

/**
 * Our live path as the camera uses it, on a still picture: `count` frames in a row per photo, faces
 * followed by the tracker between full scans. Returns per photo each frame's worker total and
 * whether it was tracked without a full scan.
 */
export async function runScheduled(args: {
  count: number;
}): Promise<{ total: number; reused: boolean }[][]> {
  const bench = (window as BenchWindow).__bench;
  if (!bench) throw new Error('setupPage first');
  const out: { total: number; reused: boolean }[][] = [];
  for (const frame of bench.frames) {
    const samples: { total: number; reused: boolean }[] = [];
    for (let i = 0; i < args.count; i++) {
      const bitmap = await createImageBitmap(frame);
      const result = (await bench.call('analyze', { bitmap, mode: 'live' }, [bitmap])) as {
        timings: Record<string, number>;
        detectionReused: boolean;
      };
      samples.push({ total: result.timings.total ?? NaN, reused: result.detectionReused });
    }
    out.push(samples);
  }
  return out;
}

/** Counts main-thread tasks over 50 ms from now on (window.__longTasks). */
export function watchLongTasks(): void {
  const w = window as typeof window & { __longTasks?: number[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longTasks?.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
}

export interface MovingSample {
  /** Our page round trip: bitmap, transfer, worker, reply. */
  oursMs: number;
  oursWorkerMs: number;
  /** The worker's stages: detect (scan or tracking), crop, classify. */
  oursStages: Record<string, number>;
  detectionReused: boolean;
  boxes: { x: number; y: number; width: number; height: number }[];
  humanMs: number;
  humanFaces: number;
}

/**
 * Every frame of the moving clip (JPEG files /bench/moving/NNNN.jpg), decoded in the page, through
 * our live path (tracking on) and through human, interleaved: the pipeline that goes
 * first alternates from frame to frame, so neither always meets a warmer cache. Decoding is outside
 * both timings.
 */
export async function runMoving(args: { frames: number }): Promise<MovingSample[]> {
  const bench = (window as BenchWindow).__bench;
  if (!bench) throw new Error('setupPage first');
  const name = (i: number) => `/bench/moving/${String(i).padStart(4, '0')}.jpg`;
  const blobs = await Promise.all(
    Array.from({ length: args.frames }, async (_, i) => (await fetch(name(i))).blob()),
  );
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const samples: MovingSample[] = [];
  for (let i = 0; i < blobs.length; i++) {
    const decoded = await createImageBitmap(blobs[i] as Blob);
    ctx.drawImage(decoded, 0, 0);
    decoded.close();
    const ours = async () => {
      const t0 = performance.now();
      const bitmap = await createImageBitmap(canvas);
      const r = (await bench.call('analyze', { bitmap, mode: 'live' }, [bitmap])) as {
        faces: { box: MovingSample['boxes'][number] }[];
        timings: Record<string, number>;
        detectionReused: boolean;
      };
      return { ms: performance.now() - t0, r };
    };
    const human = async () => {
      const t0 = performance.now();
      const res = await bench.human.detect(canvas);
      return { ms: performance.now() - t0, faces: res.face.length };
    };
    let o: Awaited<ReturnType<typeof ours>>;
    let h: Awaited<ReturnType<typeof human>>;
    if (i % 2 === 0) {
      o = await ours();
      h = await human();
    } else {
      h = await human();
      o = await ours();
    }
    samples.push({
      oursMs: o.ms,
      oursWorkerMs: o.r.timings.total ?? NaN,
      oursStages: o.r.timings,
      detectionReused: o.r.detectionReused,
      boxes: o.r.faces.map((f) => f.box),
      humanMs: h.ms,
      humanFaces: h.faces,
    });
  }
  return samples;
}
