import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * tfjs-backend-wasm hands its pthread workers the threaded glue as a Blob, which they load with
 * importScripts(blob:): our CSP's script-src ('self') forbids that, so the thread pool never
 * starts. This points them at the same glue emitted as a same-origin file instead.
 */
function tfjsWasmThreadsUnderCsp(): Plugin {
  const blob =
    /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/;
  return {
    name: 'tfjs-wasm-threads-under-csp',
    transform(code, id) {
      if (!id.includes('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js')) return null;
      if (!blob.test(code))
        throw new Error(
          'tfjs-wasm-threads-under-csp: tfjs-backend-wasm changed, update the pattern',
        );
      return (
        `import threadedSimdGlueUrl from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?url';\n` +
        code.replace(blob, 'new URL(threadedSimdGlueUrl, self.location.href).href')
      );
    },
  };
}

export default defineConfig({
  plugins: [sveltekit()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreadsUnderCsp()] },
  build: { target: 'es2022' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
