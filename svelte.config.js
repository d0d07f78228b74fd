import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
  },
};

export default config;
