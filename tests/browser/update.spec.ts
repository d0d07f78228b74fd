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
import { expect, test } from './fixtures';

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
    for (const p of [page, otherTab]) {
      await p.evaluate(() => Object.assign(window, { sessionMarker: true }));
    }

    deploy(next);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
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
});
