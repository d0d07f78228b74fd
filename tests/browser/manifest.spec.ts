/**
 * Installable: the web manifest and its icons, and Chromium's own installability check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}
interface WebManifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  icons?: ManifestIcon[];
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return null;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Chromium says "in-incognito" of every page in Playwright's usual (incognito) contexts, so the
 * installability check runs in a persistent profile of its own, guarded like the others: no
 * request to another origin, no CSP violation.
 */
async function withProfile(
  baseURL: string,
  run: (context: BrowserContext) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'emotion-detector-profile-'));
  const launch = test.info().project.use.launchOptions ?? {};
  const context = await chromium.launchPersistentContext(dir, { ...launch, baseURL });
  const problems: string[] = [];
  const origin = new URL(baseURL).origin;
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (!/^(data|blob):$/.test(url.protocol) && url.origin !== origin) problems.push(r.url());
  });
  context.on('console', (m) => {
    if (/content.security.policy/i.test(m.text())) problems.push(m.text());
  });
  try {
    await run(context);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
  expect(problems, 'off-origin requests or CSP violations').toEqual([]);
}

async function installabilityErrors(context: BrowserContext): Promise<string[]> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  const { errors } = await cdp.send('Page.getAppManifest');
  return [
    ...installabilityErrors.map((e) => e.errorId),
    ...errors.map((e) => `manifest: ${e.message}`),
  ];
}

test.describe('web manifest', () => {
  test('has what an installed app needs, with valid PNG icons', async ({ request }) => {
    const res = await request.get('/manifest.webmanifest');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    expect(res.headers()['cache-control']).toBe('no-cache');
    const manifest = (await res.json()) as WebManifest;

    expect(manifest.name).toBe('Emotion detector');
    expect(manifest.short_name?.length ?? 0).toBeGreaterThan(0);
    expect(manifest.short_name?.length ?? 99).toBeLessThanOrEqual(12);
    expect(manifest.start_url).toBe('/');
    expect(manifest.scope).toBe('/');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

    const icons = manifest.icons ?? [];
    const has = (size: string, purpose: string) =>
      icons.some((i) => i.sizes === size && (i.purpose ?? 'any').split(' ').includes(purpose));
    expect(has('192x192', 'any'), '192 px icon').toBe(true);
    expect(has('512x512', 'any'), '512 px icon').toBe(true);
    expect(has('512x512', 'maskable'), 'maskable 512 px icon').toBe(true);

    for (const icon of icons) {
      const file = await request.get(new URL(icon.src, res.url()).pathname);
      expect(file.status(), icon.src).toBe(200);
      expect(file.headers()['content-type'], icon.src).toBe(icon.type);
      const [width, height] = icon.sizes.split('x').map(Number);
      expect(pngSize(await file.body()), icon.src).toEqual({ width, height });
    }
  });

  test('every page links it', async ({ page }) => {
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(new URL(href ?? '', page.url()).pathname).toBe('/manifest.webmanifest');
  });

  test('Chromium considers the app installable', async ({ baseURL }) => {
    await withProfile(baseURL ?? '', async (context) => {
      expect(await installabilityErrors(context)).toEqual([]);
    });
  });

  test('the installability check does fail on a manifest without usable icons', async ({
    baseURL,
  }) => {
    await withProfile(baseURL ?? '', async (context) => {
      await context.route('**/manifest.webmanifest', async (route) => {
        const response = await route.fetch();
        const manifest = (await response.json()) as WebManifest;
        await route.fulfill({ response, json: { ...manifest, icons: [] } });
      });
      expect(await installabilityErrors(context)).not.toEqual([]);
    });
  });
});
