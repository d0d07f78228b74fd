import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/** Port of the nginx the tests start (npm start uses 4173, so both can run at once). */
const PORT = Number(process.env.TEST_PORT ?? 4180);
const baseURL = `http://127.0.0.1:${PORT}`;

/** The fake camera plays this clip (kept beside the repo, in ../shared); Chromium's built-in
 * test pattern is used when it is absent. */
const fakeVideo = path.resolve(repoRoot, '..', 'shared', 'data', 'video', 'faces-640x480.y4m');

export default defineConfig({
  testDir: 'tests/browser',
  outputDir: process.env.PW_OUTPUT ?? 'test-results',
  workers: 1,
  retries: 0,
  timeout: 120_000,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        // Debian's chromium, never a downloaded one.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
            '--enable-unsafe-swiftshader',
            '--use-fake-ui-for-media-stream',
            '--use-fake-device-for-media-stream',
            ...(existsSync(fakeVideo) ? [`--use-file-for-fake-video-capture=${fakeVideo}`] : []),
          ],
        },
      },
    },
  ],
  webServer: {
    command: `PORT=${PORT} SERVE_ROOT=${process.env.BUILD_DIR ?? 'build'} bash scripts/serve.sh`,
    url: `${baseURL}/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
