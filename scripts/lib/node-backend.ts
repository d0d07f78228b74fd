/**
 * TensorFlow.js backend for Node tooling (evaluation, model build, unit tests): the WASM backend,
 * loaded from the installed package's dist folder as a file path, or the plain CPU backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

export type NodeBackendName = 'wasm' | 'cpu';

let wasmPathsSet = false;

/** The folder holding tfjs-backend-wasm's .wasm binaries, with a trailing separator. */
function wasmDistDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return path.join(path.dirname(pkg), 'dist') + path.sep;
}

/**
 * Selects a TF.js backend and waits until it is ready. Asking for 'wasm' falls back to 'cpu'
 * (with a one-line note on stderr) when the WASM backend cannot start.
 *
 * @returns the name of the backend now active ('wasm' or 'cpu')
 */
export async function initNodeBackend(name: NodeBackendName = 'wasm'): Promise<string> {
  // Silences TF.js's "install tfjs-node" banner on the CPU backend (stderr) and debug checks.
  tf.env().set('PROD', true);
  if (tf.getBackend() === name) return name;
  if (name === 'wasm') {
    try {
      if (!wasmPathsSet) {
        setWasmPaths(wasmDistDir());
        wasmPathsSet = true;
      }
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return tf.getBackend();
      }
      process.stderr.write('note: TF.js wasm backend did not start; using cpu\n');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`note: TF.js wasm backend failed (${message}); using cpu\n`);
    }
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend could not be initialised');
  await tf.ready();
  return tf.getBackend();
}
