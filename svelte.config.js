import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';

/** The app's version: package.json's, unless APP_VERSION says otherwise (the Docker build's
 * VERSION, the update test's second build). It names the service worker's caches. */
const version =
  process.env.APP_VERSION ||
  JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // BUILD_DIR / KIT_OUT_DIR let parallel work build side by side; the defaults are what ships.
    adapter: adapter({
      pages: process.env.BUILD_DIR ?? 'build',
      assets: process.env.BUILD_DIR ?? 'build',
      fallback: '200.html',
      precompress: true,
    }),
    outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
    // The CSP lives in nginx.conf (one source of truth for every response); SvelteKit's inline
    // boot script is moved to a file by scripts/externalize-inline-scripts.mjs (postbuild).
    output: { bundleStrategy: 'split' },
    inlineStyleThreshold: 0,
    version: { name: version },
    // src/service-worker/index.ts is registered by src/lib/services/pwa (workbox-window), which
    // offers updates.
    serviceWorker: { register: false },
  },
};

export default config;
