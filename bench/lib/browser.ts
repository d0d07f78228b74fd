/** Debian's Chromium as the browser tests launch it, with the shared clip as the fake camera. */
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

/** A context whose pages accept functions compiled by tsx (esbuild's keepNames adds __name calls). */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context;
}
