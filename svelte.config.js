import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ fallback: '200.html', precompress: true }),
    // The CSP lives in nginx.conf (one source of truth for every response); SvelteKit's
    // hydration script is emitted as an external module so no inline script is needed.
    output: { bundleStrategy: 'split' },
    inlineStyleThreshold: 0,
  },
};

export default config;
