import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  worker: { format: 'es' },
  build: { target: 'es2022' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      // The TypeScript of src/lib, controllers (.svelte.ts) included. Svelte components are
      // covered by the browser tests (tests/browser), which run them in Chromium.
      include: ['src/lib/**/*.ts'],
      exclude: ['src/lib/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: '.tmp/coverage',
      thresholds: { lines: 80, branches: 80 },
    },
  },
});
