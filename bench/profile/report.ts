/** The Markdown `npm run bench:profile` prints, and the environment kernels.json records. */
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import os from 'node:os';
import type { CaseResult } from './kernels';

/** Rows per printed table; kernels.json keeps them all. */
const TOP = 12;

export type ProfileEnvironment = Awaited<ReturnType<typeof profileEnvironment>>;

/** The machine and the backend's capabilities, since SIMD and threads change kernel times most. */
export async function profileEnvironment(backend: string) {
  const wasm = backend === 'wasm';
  return {
    date: new Date().toISOString(),
    node: process.version,
    machine: `${os.cpus().length} x ${os.cpus()[0]?.model.trim() ?? 'CPU'}`,
    loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
    backend,
    tfjs: tf.version_core,
    simd: wasm ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : undefined,
    multithread: wasm
      ? Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))
      : undefined,
    threads: wasm ? getThreadsCount() : undefined,
  };
}

export function heading(env: ProfileEnvironment): string {
  const wasm =
    env.backend === 'wasm'
      ? ` (SIMD ${env.simd ? 'on' : 'off'}, ${env.threads} thread${env.threads === 1 ? '' : 's'})`
      : '';
  return (
    `# Kernel profile: TF.js ${env.tfjs} ${env.backend}${wasm}` +
    `, Node ${env.node}, ${env.machine}, load ${env.loadavg.join(' ')}\n`
  );
}

export function caseMarkdown(r: CaseResult): string {
  const lines = [
    `### ${r.label}`,
    '',
    `${r.runs} runs after ${r.warmup} warm-up; medians: kernels ${r.kernelTotalMs.toFixed(2)} ms ` +
      `(${r.kernelsPerRun} calls), profiled wall ${r.profiledWallMs.toFixed(2)} ms, ` +
      `plain execute + dataSync ${r.plainWallMs.toFixed(2)} ms`,
    '',
    '| kernel | median ms | share % | calls/run |',
    '| --- | ---: | ---: | ---: |',
    ...r.byKernel
      .slice(0, TOP)
      .map(
        (k) =>
          `| ${k.name} | ${k.medianMs.toFixed(3)} | ${k.sharePct.toFixed(1)} | ${k.countPerRun} |`,
      ),
    '',
    `Top ${TOP} by kernel + output shape:`,
    '',
    '| kernel | output shape | median ms | share % | calls/run |',
    '| --- | --- | ---: | ---: | ---: |',
    ...r.byKernelAndShape
      .slice(0, TOP)
      .map(
        (k) =>
          `| ${k.name} | ${k.outputShapes ?? ''} | ${k.medianMs.toFixed(3)} | ` +
          `${k.sharePct.toFixed(1)} | ${k.countPerRun} |`,
      ),
  ];
  return lines.join('\n');
}
