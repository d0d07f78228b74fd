/**
 * Offline: after the first visit the service worker has precached the whole build, and the app
 * runs with the network off. The models it serves from that cache are still checked against
 * manifest.json before use.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordSession, startCamera } from './camera';
import { EMOTION_MODEL_IDS } from '../../src/lib/domain/models/shipped-models';

const buildDir = path.resolve(process.env.BUILD_DIR ?? 'build');
const photo = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'faces',
  'neutral-woman.jpg',
);

/** First visit: the models load and the service worker installs, precaches and takes over. */
async function firstVisit(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
}

/** Requests the network did not answer while offline (all should come from the cache). */
function recordNetworkUse(context: BrowserContext): string[] {
  const used: string[] = [];
  context.on('requestfailed', (r) => {
    // The browser's own check for a new service worker fails offline, as it should; a request
    // cut short by the next navigation never needed the network.
    const error = r.failure()?.errorText ?? '';
    if (r.url().endsWith('/service-worker.js') || error === 'net::ERR_ABORTED') return;
    used.push(`failed: ${r.url()} (${error})`);
  });
  context.on('response', (r) => {
    if (/^(blob|data):/.test(r.url())) return;
    if (!r.fromServiceWorker() && !r.request().serviceWorker()) used.push(`network: ${r.url()}`);
  });
  return used;
}

/** Pages adapter-static prerendered, as URL paths ("/", "/history", ...). */
function prerenderedPages(): string[] {
  return readdirSync(buildDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html') && file !== '200.html')
    .map((file) => `/${file.replace(/(^|\/)index\.html$/, '').replace(/\.html$/, '')}`);
}

test.describe('offline', () => {
  test('the precache list holds every page, boot script, model file and .wasm', () => {
    const sw = readFileSync(path.join(buildDir, 'service-worker.js'), 'utf8');
    const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
    const files = readdirSync(buildDir, { recursive: true, encoding: 'utf8' })
      .map((f) => f.split(path.sep).join('/'))
      .filter((f) => !/\.(gz|br)$/.test(f));
    const needed = files.filter(
      (f) =>
        /\.(html|wasm|webmanifest)$/.test(f) ||
        /^_app\/immutable\/.*\.(js|css)$/.test(f) ||
        /^(models|icons)\/.+\.\w+$/.test(f),
    );
    expect(needed.filter((f) => f.startsWith('_app/immutable/boot/')).length).toBeGreaterThan(0);
    expect(needed.filter((f) => f.endsWith('.wasm')).length).toBeGreaterThan(0);
    expect(needed.filter((f) => f.startsWith('models/')).length).toBeGreaterThan(0);
    for (const file of needed) expect(urls, file).toContain(file);
    for (const url of urls) expect(files, `${url} is a file of the build`).toContain(url);
    expect(urls).not.toContain('service-worker.js');
  });

  test('after the first visit, the photo page works with the network off', async ({
    page,
    context,
  }) => {
    await firstVisit(page);
    await context.setOffline(true);
    const used = recordNetworkUse(context);

    await page.reload();
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
    await page.getByTestId('photo-input').setInputFiles(photo);
    await expect(page.getByTestId('analysis-status')).toHaveAttribute('data-state', 'done', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('face')).toHaveCount(1);
    expect(used, 'requests not answered by the service worker').toEqual([]);
  });

  test('every prerendered page and any in-app path open offline', async ({ page, context }) => {
    const pages = [...prerenderedPages(), '/some/in-app/path', '/?backend=cpu'];
    expect(pages).toContain('/');
    await firstVisit(page);
    await context.setOffline(true);
    const used = recordNetworkUse(context);

    for (const url of pages) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      expect(response?.fromServiceWorker(), url).toBe(true);
      // The app's own shell (the kiosk page has no navigation, but every page has the footer).
      await expect(page.getByRole('contentinfo'), url).toContainText('Not a medical device');
    }
    expect(used, 'requests not answered by the service worker').toEqual([]);
  });

  // Uses the live and history pages' test ids (tests/browser/live.spec.ts); skipped in a build
  // without those pages.
  test('the camera and history work offline', async ({ page, context }) => {
    test.skip(
      !['live.html', 'history.html'].every((f) => existsSync(path.join(buildDir, f))),
      'no /live or /history page in this build',
    );
    await firstVisit(page);
    await context.setOffline(true);
    const used = recordNetworkUse(context);

    await startCamera(page);
    await recordSession(page, 2, 'Offline session');
    await page.getByTestId('session-toggle').click();
    await expect(page.getByTestId('session-summary')).toBeVisible();

    await page.getByRole('link', { name: 'History' }).click();
    await expect(page.getByTestId('session-row')).toHaveCount(1);
    await expect(page.getByTestId('session-row')).toContainText('Offline session');
    expect(used, 'requests not answered by the service worker').toEqual([]);
  });

  test('on a first visit, nothing else downloads the models while the page waits for them', async ({
    page,
    context,
  }) => {
    const modelFetches: string[] = [];
    context.on('request', (r) => {
      const file = new URL(r.url()).pathname;
      if (/^\/models\/[^/]+\/weights\.bin$/.test(file)) modelFetches.push(file);
    });
    await page.goto('/live');
    await page.getByTestId('camera-toggle').click();
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
    const models = readdirSync(path.join(buildDir, 'models'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `/models/${d.name}/weights.bin`)
      .sort();
    // the service worker's precache (which fetches every file again) waits until the models are in
    expect([...modelFetches].sort()).toEqual(models);
    await expect(page.getByTestId('face').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
  });

  test('/health is never answered from the cache', async ({ page, context }) => {
    await firstVisit(page);
    await context.setOffline(true);
    const failed = await page.goto('/health').then(
      () => null,
      (e: unknown) => String(e),
    );
    expect(failed).toMatch(/ERR_INTERNET_DISCONNECTED/);
  });
});

test.describe('model integrity', () => {
  test('a tampered model file from the network is refused, naming the file', async ({
    page,
    context,
  }) => {
    await context.route('**/models/face-detector/weights.bin*', async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[1000] = (body[1000] ?? 0) ^ 0xff;
      await route.fulfill({ response, body });
    });
    await page.goto('/');
    const engine = page.getByTestId('engine-status');
    await expect(engine).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
    await expect(engine).toContainText('face-detector/weights.bin');
    await expect(engine).toContainText(
      'checksum mismatch), also when fetched again from the server',
    );
  });

  test('a damaged cached model is dropped, fetched again, and cached again', async ({
    page,
    context,
  }) => {
    await firstVisit(page);
    /** The first byte of the precached emotion model; `damage` flips it there first. */
    const firstCachedByte = (damage: boolean) =>
      page.evaluate(
        async ({ damage, weights }) => {
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
              if (!new URL(request.url).pathname.endsWith(weights)) continue;
              const original = await cache.match(request);
              if (!original) continue;
              const bytes = new Uint8Array(await original.arrayBuffer());
              if (damage) {
                bytes[0] = (bytes[0] ?? 0) ^ 0xff;
                await cache.put(request, new Response(bytes, { headers: original.headers }));
              }
              return bytes[0] ?? null;
            }
          }
          return null;
        },
        { damage, weights: `/models/${EMOTION_MODEL_IDS[0] as string}/weights.bin` },
      );
    const good = await firstCachedByte(false);
    expect(good, 'the service worker precached the emotion model').not.toBeNull();
    expect(await firstCachedByte(true)).not.toBe(good);

    // It used to fail on every reload: the service worker served the same damaged bytes again.
    await page.reload();
    const engine = page.getByTestId('engine-status');
    await expect(engine).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect.poll(() => firstCachedByte(false)).toBe(good);

    // The good copy is in the precache again: the app still starts offline.
    await context.setOffline(true);
    await page.reload();
    await expect(engine).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  });
});
