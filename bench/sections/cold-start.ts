/**
 * Cold start: navigation to the first live result on a first visit (empty cache) and a second
 * one (service worker), bytes downloaded by kind, and the initial route's JS gzipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { newContext } from '../lib/browser';

export interface ColdStartResult {
  firstVisitMs: number;
  secondVisitMs: number;
  /** Navigation to the engine ready (models loaded, backend warmed up), within the above. */
  firstVisitReadyMs: number;
  secondVisitReadyMs: number;
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
    const page2 = await context.newPage();
    const second1 = await timeToFirstResult(page2, photo);
    second.stop();
    return {
      firstVisitMs: first1.result,
      secondVisitMs: second1.result,
      firstVisitReadyMs: first1.ready,
      secondVisitReadyMs: second1.ready,
      bytesByKind,
      secondVisitNetworkBytes: Object.values(second.byKind).reduce((a, b) => a + b, 0),
      ...initialJs(root),
      modelBytes: folderBytes(path.join(root, 'models')),
    };
  } finally {
    await context.close();
  }
}

/**
 * Live: navigation to /live, camera on, first face on screen (the camera starts while the models
 * load). Photo: navigation to /, a photo chosen, its analysis shown (both of its passes, so this
 * one measures the photo scan as much as the start).
 */
async function timeToFirstResult(
  page: Page,
  photo: string,
  mode: 'live' | 'photo' = 'live',
): Promise<{ result: number; ready: number }> {
  const t0 = Date.now();
  if (mode === 'photo') {
    await page.goto('/');
    await page.getByTestId('photo-input').setInputFiles(photo);
  } else {
    await page.goto('/live');
    await page.getByTestId('camera-toggle').click();
  }
  const ready = page
    .locator('[data-testid="engine-status"][data-state="ready"]')
    .waitFor({ timeout: 90_000 })
    .then(() => Date.now() - t0);
  await page
    .locator(
      mode === 'photo'
        ? '[data-testid="analysis-status"][data-state="done"]'
        : '[data-testid="face"]',
    )
    .first()
    .waitFor({ timeout: 90_000 });
  return { result: Date.now() - t0, ready: await ready };
}

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
