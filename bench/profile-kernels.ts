/**
 * `npm run bench:profile`: where the inference time goes, kernel by kernel, on TF.js's WASM
 * backend in Node. Loads the shipped models (static/models/manifest.json), feeds the face
 * detector a real letterboxed photo and each classifier one and four faces, and runs every case
 * N times under tf.profile() after a warm-up. Prints a Markdown table per case and writes
 * bench/results/kernels.json.
 *
 *   npm run bench:profile [-- --runs=30] [--warmup=5] [--photo=../shared/data/faces/neutral-woman.jpg]
 *
 * The "plain" column times model.execute + dataSync without profiling, to show how much the
 * profiler itself adds.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initNodeBackend } from '../scripts/lib/node-backend';
import { REPO_ROOT } from '../scripts/lib/paths';
import { shippedCases } from './profile/cases';
import { profileCase, type CaseResult } from './profile/kernels';
import { parseOptions } from './profile/options';
import { caseMarkdown, heading, profileEnvironment } from './profile/report';

const OUT_FILE = path.join(REPO_ROOT, 'bench', 'results', 'kernels.json');

async function main(): Promise<void> {
  const { runs, warmup, photo } = parseOptions(process.argv.slice(2));
  const backend = await initNodeBackend('wasm');
  const cases = await shippedCases(photo);
  const env = await profileEnvironment(backend);
  console.log(heading(env));
  const results: CaseResult[] = [];
  const scopes = new Set<string>();
  for (const c of cases) {
    console.error(`bench:profile: ${c.label}`);
    const profiled = await profileCase(c, runs, warmup);
    results.push(profiled.result);
    for (const s of profiled.scopes) scopes.add(s);
    console.log(caseMarkdown(profiled.result) + '\n');
  }
  tf.dispose(cases.map((c) => c.input));

  mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  const json = { env, scopesExcluded: [...scopes].sort(), results };
  writeFileSync(OUT_FILE, JSON.stringify(json, null, 2) + '\n');
  console.error(`bench:profile: wrote ${path.relative(REPO_ROOT, OUT_FILE)}`);
}

main().catch((err: unknown) => {
  console.error(`bench:profile: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
