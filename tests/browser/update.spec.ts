/**
 * Updates: a second build deployed on the same origin is offered ("reload to update"); nothing
 * reloads by itself; accepting reloads this page into the new version and drops the old caches.
 *
 * The build under test (BUILD_DIR) is version 1. This spec builds the same source again as
 * version 2 (APP_VERSION, which names the caches), serves a copy of version 1 with its own nginx
 * (scripts/serve.sh, the same nginx.conf) on another port, then swaps the files it serves.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordSession, startCamera } from './camera';

const repo = path.resolve(import.meta.dirname, '..', '..');
const buildDir = path.resolve(repo, process.env.BUILD_DIR ?? 'build');
const port = Number(process.env.UPDATE_TEST_PORT ?? Number(process.env.TEST_PORT ?? 4180) + 100);
const work = path.join(repo, '.tmp', 'update-test', String(port));
const site = path.join(work, 'site');
const next = path.join(work, 'next');

const v1 = (
  JSON.parse(readFileSync(path.join(buildDir, '_app', 'version.json'), 'utf8')) as {
    version: string;
  }
).version;
const v2 = `${v1}-update-test`;

let nginx: ChildProcess | null = null;

/** Replaces what nginx serves, in place (its root directory stays the same). */
function deploy(from: string): void {
  mkdirSync(site, { recursive: true });
  for (const entry of readdirSync(site)) rmSync(path.join(site, entry), { recursive: true });
  cpSync(from, site, { recursive: true });
}

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not answer ${url}`);
}

/** Marks each tab's window: a reload loses the mark. */
async function markTabs(...pages: Page[]): Promise<void> {
  for (const p of pages) await p.evaluate(() => Object.assign(window, { sessionMarker: true }));
}

/** Serves version 2, and has `page`'s service worker look for it now rather than within the hour. */
async function deployNext(page: Page): Promise<void> {
  deploy(next);
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
}

test.use({ baseURL: `http://127.0.0.1:${port}` });

test.describe('update flow', () => {
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    rmSync(work, { recursive: true, force: true });
    // Its output only matters when it fails (execFileSync's error carries it then).
    execFileSync('npm', ['run', 'build'], {
      cwd: repo,
      env: {
        ...process.env,
        BUILD_DIR: next,
        KIT_OUT_DIR: path.join(work, 'kit'),
        APP_VERSION: v2,
      },
      stdio: 'pipe',
      maxBuffer: 64 * 1024 * 1024,
    });
    deploy(buildDir);
    nginx = spawn('bash', [path.join(repo, 'scripts', 'serve.sh')], {
      env: { ...process.env, PORT: String(port), SERVE_ROOT: site },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForHealth(`http://127.0.0.1:${port}/health`);
  });

  test.afterAll(() => {
    nginx?.kill('SIGTERM');
    nginx = null;
  });

  test('a new version is offered; accepting it reloads into it', async ({ page, context }) => {
    const version = page.getByTestId('app-version');
    await page.goto('/');
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
    await expect(version).toHaveAttribute('data-version', v1);
    const otherTab = await context.newPage();
    await otherTab.goto('/');
    await markTabs(page, otherTab);
    await deployNext(page);
    await expect(page.getByTestId('update-offer')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('update-offer')).toContainText('new version');
    // Offered, not forced: the session goes on in the old version until the user says so.
    await expect(version).toHaveAttribute('data-version', v1);
    expect(await page.evaluate(() => 'sessionMarker' in window)).toBe(true);

    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-accept').click()]);
    await expect(version).toHaveAttribute('data-version', v2);
    expect(await page.evaluate(() => 'sessionMarker' in window)).toBe(false);
    await expect(page.getByTestId('update-offer')).toHaveCount(0);

    // The other tab was not reloaded under its user.
    expect(await otherTab.evaluate(() => 'sessionMarker' in window)).toBe(true);

    // Only the new version's caches are left.
    const caches = await page.evaluate(() => globalThis.caches.keys());
    expect(caches.length).toBeGreaterThan(0);
    for (const name of caches) {
      expect(name.startsWith('emotion-detector-') && name.endsWith(`-${v2}`), name).toBe(true);
    }
  });

  test('an update accepted while a session records waits until it stops, in every tab', async ({
    page,
    context,
  }) => {
    deploy(buildDir);
    const version = page.getByTestId('app-version');
    await startCamera(page);
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
    await recordSession(page, 1, 'Through an update');
    const otherTab = await context.newPage();
    await otherTab.goto('/');
    await markTabs(page, otherTab);
    await deployNext(otherTab);
    // Accepted in the other tab: it waits, and says why.
    await expect(otherTab.getByTestId('update-offer')).toBeVisible({ timeout: 60_000 });
    await otherTab.getByTestId('update-accept').click();
    await expect(otherTab.getByTestId('update-deferred')).toContainText(
      'A session is being recorded in this browser',
    );
    // Accepted in the recording tab too: still nothing reloads.
    await expect(page.getByTestId('update-offer')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('update-accept').click();
    await expect(page.getByTestId('update-deferred')).toBeVisible();
    await page.waitForTimeout(3_000);
    for (const p of [page, otherTab]) {
      expect(await p.evaluate(() => 'sessionMarker' in window)).toBe(true);
      await expect(p.getByTestId('app-version')).toHaveAttribute('data-version', v1);
    }
    await expect(page.getByTestId('session-status')).toBeVisible();

    // Recording stops: the update is applied, and both tabs that accepted it reload into it.
    const reloaded = Promise.all([page.waitForEvent('load'), otherTab.waitForEvent('load')]);
    await page.getByTestId('session-toggle').click();
    await reloaded;
    await expect(version).toHaveAttribute('data-version', v2);
    await expect(otherTab.getByTestId('app-version')).toHaveAttribute('data-version', v2);
    // The session was closed by its stop, not recovered after a reload that cut it short.
    await expect(page.getByTestId('engine-status')).toBeVisible();
    await expect(page.getByTestId('recovered-notice')).toHaveCount(0);
  });
});
