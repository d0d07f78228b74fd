/**
 * Cold start: navigation to the first live result on a first visit (empty cache) and a second
 * one (service worker), bytes downloaded by kind, and the initial route's JS gzipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { newContext } from '../lib/browser';
import { median } from '../lib/stats';

/** One visit: the driver's clock (result, ready) and the page's own (from navigation start). */
export interface VisitTimes {
  result: number;
  ready: number;
  /** First face in the DOM. */
  page: number;
  pageReady: number;
  /** The inference worker created. */
  pageWorker: number;
  /** The camera's video playing. */
  pageCamera: number;
}

interface PageClock {
  worker?: number;
  camera?: number;
  ready?: number;
  face?: number;
}

/** Second visits timed; the figures are their medians. */
export const SECOND_VISITS = 4;

export interface ColdStartResult {
  firstVisitMs: number;
  /** Median of the second visits. */
  secondVisitMs: number;
  /** Navigation to the engine ready (models loaded, backend warmed up), within the above. */
  firstVisitReadyMs: number;
  secondVisitReadyMs: number;
  /**
   * The page's own clock (navigation start to the first face in the DOM), median of the second
   * visits: the above without the driver's navigation and polling overhead.
   */
  secondVisitPageMs: number;
  /** Every second visit, in order. */
  secondVisits: VisitTimes[];
  /** Encoded bytes the page and its worker fetched on the first visit, by kind. */
  bytesByKind: Record<string, number>;
  secondVisitNetworkBytes: number;
  initialJsGzip: number;
  initialJsFiles: number;
  modelBytes: number;
}

export async function benchColdStart(
  browser: Browser,
  origin: string,
  root: string,
  facesDir: string,
): Promise<ColdStartResult> {
  const photo = path.join(facesDir, 'neutral-woman.jpg');
  const context = await newContext(browser, origin);
  try {
    const first = countBytes(context);
    const page = await context.newPage();
    const first1 = await timeToFirstResult(page, photo);
    const bytesByKind = { ...first.byKind };
    first.stop();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForTimeout(3_000); // let the precache finish
    await page.close();
    const second = countBytes(context);
    const secondVisits: ColdStartResult['secondVisits'] = [];
    for (let i = 0; i < SECOND_VISITS; i++) {
      const page2 = await context.newPage();
      secondVisits.push(await timeToFirstResult(page2, photo));
      await page2.close();
    }
    second.stop();
    return {
      firstVisitMs: first1.result,
      secondVisitMs: median(secondVisits.map((v) => v.result)),
      firstVisitReadyMs: first1.ready,
      secondVisitReadyMs: median(secondVisits.map((v) => v.ready)),
      secondVisitPageMs: median(secondVisits.map((v) => v.page)),
      secondVisits,
      bytesByKind,
      secondVisitNetworkBytes:
        Object.values(second.byKind).reduce((a, b) => a + b, 0) / SECOND_VISITS,
      ...initialJs(root),
      modelBytes: folderBytes(path.join(root, 'models')),
    };
  } finally {
    await context.close();
  }
}

/** BENCH_COLD_BACKEND=webgl (or wasm, cpu) puts that backend first, as `?backend=` does. */
const LIVE_PATH = process.env.BENCH_COLD_BACKEND
  ? `/live?backend=${process.env.BENCH_COLD_BACKEND}`
  : '/live';

/**
 * Live: navigation to /live, camera on, first face on screen (the camera starts while the models
 * load). Photo: navigation to /, a photo chosen, its analysis shown (both of its passes, so this
 * one measures the photo scan as much as the start).
 */
async function timeToFirstResult(
  page: Page,
  photo: string,
  mode: 'live' | 'photo' = 'live',
): Promise<VisitTimes> {
  await page.addInitScript({ content: PAGE_CLOCK });
  const t0 = Date.now();
  if (mode === 'photo') {
    await page.goto('/');
    await page.getByTestId('photo-input').setInputFiles(photo);
  } else {
    await page.goto(LIVE_PATH);
    await page.getByTestId('camera-toggle').click();
  }
  // Checked on every animation frame: a locator's waitFor polls at up to 500 ms steps, which
  // the driver's clock would count as start-up time.
  const appears = (selector: string) =>
    page.waitForFunction((s) => document.querySelector(s) !== null, selector, {
      polling: 'raf',
      timeout: 90_000,
    });
  const ready = appears('[data-testid="engine-status"][data-state="ready"]').then(
    () => Date.now() - t0,
  );
  await appears(
    mode === 'photo'
      ? '[data-testid="analysis-status"][data-state="done"]'
      : '[data-testid="face"]',
  );
  const result = Date.now() - t0;
  const clock = await page.evaluate(() => (globalThis as { __clock?: PageClock }).__clock ?? {});
  const round = (v: number | undefined) => Math.round(v ?? Number.NaN);
  return {
    result,
    ready: await ready,
    page: round(clock.face),
    pageReady: round(clock.ready),
    pageWorker: round(clock.worker),
    pageCamera: round(clock.camera),
  };
}

/**
 * Runs in the page before its own scripts (the driver injects it, so the CSP does not apply):
 * notes `performance.now()` when the inference worker is created, when the camera plays, when the
 * engine is ready, and when the first face enters the DOM.
 */
const PAGE_CLOCK = `
  const clock = (globalThis.__clock = {});
  const PageWorker = globalThis.Worker;
  globalThis.Worker = class extends PageWorker {
    constructor(url, options) {
      if (String(url).includes('/worker-')) clock.worker ??= performance.now();
      super(url, options);
    }
  };
  document.addEventListener('playing', () => (clock.camera ??= performance.now()), true);
  new MutationObserver((_, observer) => {
    if (!clock.ready && document.querySelector('[data-testid="engine-status"][data-state="ready"]'))
      clock.ready = performance.now();
    if (document.querySelector('[data-testid="face"]')) {
      clock.face = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
`;

function countBytes(context: BrowserContext): { byKind: Record<string, number>; stop(): void } {
  const byKind: Record<string, number> = {};
  const listener = (request: import('@playwright/test').Request) => {
    void request
      .sizes()
      .then((sizes) => {
        const kind = kindOf(request.url());
        byKind[kind] = (byKind[kind] ?? 0) + sizes.responseBodySize + sizes.responseHeadersSize;
      })
      .catch(() => undefined);
  };
  context.on('requestfinished', listener);
  return { byKind, stop: () => context.off('requestfinished', listener) };
}

function kindOf(url: string): string {
  const { pathname } = new URL(url);
  if (pathname.startsWith('/models/')) return 'models';
  if (pathname.endsWith('.wasm')) return 'wasm';
  if (pathname.endsWith('.js')) return 'JS';
  if (pathname.endsWith('.css')) return 'CSS';
  return 'other';
}

/** Scripts and module preloads named by index.html, gzipped as nginx would (level 6). */
function initialJs(root: string): { initialJsGzip: number; initialJsFiles: number } {
  const html = readFileSync(path.join(root, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/(?:href|src)="([^"]+\.js)"/g)) if (m[1]) files.add(m[1]);
  // The externalized boot script imports the entry points (which load only this route's nodes).
  for (const file of [...files].filter((f) => f.includes('/boot/'))) {
    const code = readFileSync(path.join(root, new URL(file, 'http://x/').pathname), 'utf8');
    for (const m of code.matchAll(/import\(["']([^"']+\.js)["']\)/g))
      if (m[1]) files.add(new URL(m[1], new URL(file, 'http://x/')).pathname);
  }
  let bytes = 0;
  for (const file of files)
    bytes += gzipSync(readFileSync(path.join(root, new URL(file, 'http://x/').pathname)), {
      level: 6,
    }).length;
  return { initialJsGzip: bytes, initialJsFiles: files.size };
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(path.join(e.parentPath, e.name)).size, 0);
}
