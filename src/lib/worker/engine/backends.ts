import * as tf from '@tensorflow/tfjs-core';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import type { BackendName, BackendReport } from '../../domain/analysis/types';

export const DEFAULT_BACKEND_ORDER: BackendName[] = ['webgl', 'wasm', 'cpu'];

/** Renderers that are the CPU pretending to be a GPU: WebGL there is slower than WASM. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * Initialises the first backend of `order` that really works here, and says why it won over
 * the ones before it. The .wasm files come from our own origin (Vite emits them as assets).
 * Each backend's code is imported only when it is tried, so a worker that runs on WASM never
 * loads (or parses) the WebGL backend, and the reverse.
 */
export async function selectBackend(
  order: readonly BackendName[],
  requested = false,
): Promise<BackendReport> {
  const skipped: string[] = [];
  for (const name of order) {
    const outcome = await tryBackend(name, requested);
    if (outcome.ok) {
      const why = skipped.length > 0 ? `${skipped.join('; ')}; ` : '';
      return { ...outcome.report, reason: `${why}${outcome.report.reason}` };
    }
    skipped.push(`${name}: ${outcome.why}`);
  }
  throw new Error(`No TensorFlow.js backend works here (${skipped.join('; ')})`);
}

type Outcome = { ok: true; report: BackendReport } | { ok: false; why: string };

async function tryBackend(name: BackendName, requested: boolean): Promise<Outcome> {
  if (name === 'webgl') return tryWebgl(requested);
  if (name === 'wasm') return tryWasm();
  await import('@tensorflow/tfjs-backend-cpu');
  return (await tf.setBackend('cpu'))
    ? { ok: true, report: { name: 'cpu', reason: 'plain JavaScript fallback' } }
    : { ok: false, why: 'failed to start' };
}

/** A software renderer is skipped unless WebGL was asked for by name (?backend=webgl). */
async function tryWebgl(requested: boolean): Promise<Outcome> {
  const renderer = gpuRenderer();
  if (!renderer) return { ok: false, why: 'no WebGL context' };
  if (!requested && SOFTWARE_RENDERER.test(renderer))
    return { ok: false, why: `software renderer (${renderer})` };
  await import('@tensorflow/tfjs-backend-webgl');
  if (!(await tf.setBackend('webgl'))) return { ok: false, why: 'failed to start' };
  return { ok: true, report: { name: 'webgl', renderer, reason: `GPU available (${renderer})` } };
}

async function tryWasm(): Promise<Outcome> {
  if (typeof WebAssembly !== 'object') return { ok: false, why: 'no WebAssembly' };
  // The threaded build would start its thread pool from blob: scripts, which our CSP forbids;
  // and threads did not pay on the 2-core machine they were measured on. So it is never loaded,
  // and its entry (tfjs wants one per binary) names a file that ships anyway.
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd,
  });
  if (!(await tf.setBackend('wasm'))) return { ok: false, why: 'failed to start' };
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  return {
    ok: true,
    report: {
      name: 'wasm',
      simd,
      threads: 1,
      reason: `WASM, ${simd ? 'SIMD' : 'no SIMD'}, single thread`,
    },
  };
}

/** The GPU's name, or null when this context cannot draw with WebGL at all. */
function gpuRenderer(): string | null {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info
      ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL)
      : gl.getParameter(gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return String(name);
  } catch {
    return null;
  }
}

/** True when the WebGL backend's context is gone (checked directly: the event may not have fired yet). */
export function isGpuContextLost(): boolean {
  if (tf.getBackend() !== 'webgl') return false;
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
  return backend.gpgpu?.gl?.isContextLost() ?? false;
}

/** Calls `onLost` when the WebGL backend's context goes away (driver reset, GPU process crash). */
export function watchContextLoss(onLost: () => void): void {
  if (tf.getBackend() !== 'webgl') return;
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: { canvas?: EventTarget } } };
  backend.gpgpu?.gl?.canvas?.addEventListener('webglcontextlost', onLost, { once: true });
}
