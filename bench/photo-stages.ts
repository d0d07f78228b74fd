/**
 * Per-stage timings of the photo pipeline in the built app (Debian chromium, our nginx.conf):
 * one warm-up analysis, then N more of the same photo; prints the median of each stage, and of
 * the page's own clock from the file input's change to the first faces shown and to the result.
 *
 *   npx tsx bench/photo-stages.ts [photo] [runs]    (needs `npm run build`; serves on port 4199)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { SHARED_DATA_DIR } from '../scripts/lib/paths';
import { launch } from './lib/browser';
import { median } from './lib/stats';

const photo = path.resolve(
  process.argv[2] ?? path.join(SHARED_DATA_DIR, 'faces', 'neutral-woman.jpg'),
);
const runs = Number(process.argv[3] ?? 10);
const port = 4199;

const server = spawn('bash', ['scripts/serve.sh'], {
  env: { ...process.env, PORT: String(port) },
  stdio: 'ignore',
});
try {
  await waitForHealth(`http://127.0.0.1:${port}/health`);
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page
    .getByTestId('engine-status')
    .and(page.locator('[data-state="ready"]'))
    .waitFor({ timeout: 60_000 });
  const backend = await page.getByTestId('engine-status').textContent();
  const samples: Record<string, number[]> = {};
  for (let i = 0; i <= runs; i++) {
    await page.evaluate(watchPhotoClock);
    await page.getByTestId('photo-input').setInputFiles(photo);
    await page
      .locator('[data-testid="analysis-status"][data-state="done"]')
      .waitFor({ timeout: 60_000 });
    const clock = await page.evaluate(
      () => (window as typeof window & { __photoClock?: Record<string, number> }).__photoClock,
    );
    if (i > 0 && clock?.change !== undefined) {
      if (clock.first !== undefined)
        (samples['page: first faces'] ??= []).push(clock.first - clock.change);
      if (clock.done !== undefined)
        (samples['page: result'] ??= []).push(clock.done - clock.change);
    }
    const stages = await page
      .locator('[data-stage]')
      .evaluateAll((els) =>
        els.map(
          (el) => [el.getAttribute('data-stage') ?? '', parseFloat(el.textContent ?? '')] as const,
        ),
      );
    if (i > 0) for (const [stage, ms] of stages) (samples[stage] ??= []).push(ms);
    await page
      .getByTestId('analysis-status')
      .evaluate((el) => el.setAttribute('data-state', 'stale'));
  }
  await browser.close();
  console.log(`${path.basename(photo)}, ${runs} warm runs; ${backend?.trim()}`);
  console.table(
    Object.fromEntries(
      Object.entries(samples).map(([k, v]) => [k, { medianMs: median(v).toFixed(1) }]),
    ),
  );
} finally {
  server.kill('SIGTERM');
}

/** In the page: stamps the input's change, the first faces shown, and the result. */
function watchPhotoClock() {
  const clock: Record<string, number> = {};
  (window as typeof window & { __photoClock?: Record<string, number> }).__photoClock = clock;
  const input = document.querySelector('[data-testid="photo-input"]');
  input?.addEventListener('change', () => (clock.change ??= performance.now()), { once: true });
  const observer = new MutationObserver(() => {
    if (clock.change === undefined) return;
    if (document.querySelector('[data-testid="first-faces"] [data-testid="face-box"]'))
      clock.first ??= performance.now();
    const status = document.querySelector('[data-testid="analysis-status"]');
    if (status?.getAttribute('data-state') === 'done') {
      clock.done ??= performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
}

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}
