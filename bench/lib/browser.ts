/** Debian's Chromium as the browser tests launch it, with the shared clip as the fake camera. */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../tests/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
}

/** A context whose pages accept functions compiled by tsx (esbuild's keepNames adds __name calls). */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context;
}
