/** Debian's Chromium as the browser tests launch it, with the shared clip as the fake camera. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../tests/chromium';

/** Chromium with the shared still clip as the fake camera, or with `fakeCamera` (y4m or mjpeg). */
export function launch(fakeCamera?: string): Promise<Browser> {
  const args = fakeCamera
    ? [
        ...CHROMIUM_ARGS.filter((a) => !a.startsWith('--use-file-for-fake-video-capture=')),
        `--use-file-for-fake-video-capture=${fakeCamera}`,
      ]
    : CHROMIUM_ARGS;
  return chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args });
}

/** Lets pages run functions compiled by tsx (esbuild's keepNames adds __name calls). */
const KEEP_NAMES = { content: 'globalThis.__name = (f) => f;' };

/** A context whose pages accept functions compiled by tsx. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await context.addInitScript(KEEP_NAMES);
  return context;
}

/**
 * A browser with a profile on disk, as a person's is (removed by `close`). A `newContext` is off
 * the record: its IndexedDB lives in memory, where Chromium 150 slows down as it grows (60,000
 * readings took 97.9 s, against 6.6 s on disk: bench/storage-seed-rate.ts).
 */
export async function launchOnDisk(
  baseURL: string,
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_EXECUTABLE,
    args: CHROMIUM_ARGS,
    baseURL,
  });
  await context.addInitScript(KEEP_NAMES);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
