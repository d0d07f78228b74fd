import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * tfjs-backend-wasm's threaded build, made to work here. Three things stand in its way:
 *
 * 1. It hands its pthread workers the threaded glue as a Blob, which they load with
 *    importScripts(blob:): our CSP's script-src ('self') forbids that, so the thread pool never
 *    starts. We point them at the same glue emitted as a same-origin file instead. (The pthread
 *    worker's own bootstrap is still a blob: Worker, which worker-src 'self' blob: allows.)
 * 2. XNNPACK's thread count is capped at `navigator.hardwareConcurrency / 2` (backend.cc:
 *    `num_cores = emscripten_num_logical_cores() / 2`, and init_with_threads_count takes
 *    min(requested, 8, num_cores)): on a 2-core machine setThreadsCount(2) still gives 1 thread.
 *    The glue's emscripten_num_logical_cores now answers 2 x the count passed to setThreadsCount,
 *    so that the requested count is used as is; backends.ts caps it by hardwareConcurrency.
 * 3. The glue spawns 8 pthread workers at start (PTHREAD_POOL_SIZE=8), each loading the glue
 *    and instantiating the module, whatever the thread count. It now spawns count - 1 (the
 *    calling thread is XNNPACK's thread 0). Never fewer: pthreadpool_create blocks until its
 *    threads run, and a worker spawned then could not load while this thread waits. Never 0
 *    either: the glue's start waits for the pool's workers to load, and with none it never
 *    finishes (removeRunDependency is only called from a worker's load callback).
 */
function tfjsWasmThreadsUnderCsp(): Plugin {
  const backendFile = '@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js';
  const glueFile = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
  const backendPatches: [RegExp, string][] = [
    [
      /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/,
      'new URL(threadedSimdGlueUrl, self.location.href).href',
    ],
    [
      /wasm = wasmFactoryThreadedSimd\(factoryConfig\);/,
      'if (threadsCount > 0) {\n' +
        '                const threads = Math.min(threadsCount, 8);\n' +
        '                factoryConfig.tfjsLogicalCores = 2 * threads;\n' +
        '                factoryConfig.tfjsPthreadPoolSize = Math.max(1, threads - 1);\n' +
        '            }\n' +
        '            $&',
    ],
  ];
  const gluePatches: [RegExp, string][] = [
    [
      /(function _emscripten_num_logical_cores\(\)\{[^}]*?)return navigator\["hardwareConcurrency"\]\}/,
      '$1return Module["tfjsLogicalCores"]??navigator["hardwareConcurrency"]}',
    ],
    [/var pthreadPoolSize=8;/, 'var pthreadPoolSize=Module["tfjsPthreadPoolSize"]??8;'],
  ];
  const apply = (code: string, patches: [RegExp, string][], file: string) =>
    patches.reduce((out, [pattern, replacement]) => {
      if (!pattern.test(out))
        throw new Error(
          `tfjs-wasm-threads-under-csp: ${file} changed (${String(pattern)} not found), update the patch`,
        );
      return out.replace(pattern, replacement);
    }, code);
  return {
    name: 'tfjs-wasm-threads-under-csp',
    transform(code, id) {
      // The glue imported with ?url is emitted untouched: the pthread workers only run its
      // worker side, which neither patch concerns.
      if (id.includes('?')) return null;
      if (id.includes(glueFile)) return apply(code, gluePatches, glueFile);
      if (!id.includes(backendFile)) return null;
      return (
        `import threadedSimdGlueUrl from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?url';\n` +
        apply(code, backendPatches, backendFile)
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
