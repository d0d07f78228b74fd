/**
 * `npx tsx models/scripts/compare-emotion-models.ts --split RUN/split.json --model MODEL_DIR --reference DIR`
 *
 * Decides what to ship, measured on the VALIDATION part of the training folder (never on the public test
 * half): our model alone, with a test-time horizontal flip, the reference model (for fer-v2, the
 * mini-Xception then shipped) alone and flipped, and the equal-weight probability mean of the two
 * (an ensemble), plain and flipped. Also times one face (batch 1) per model on the WASM backend. Prints one
 * JSON object. The reference model was trained on all of fer2013-train, validation part included, so
 * its figures here (and the ensembles') are optimistic; ours are clean.
 */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EMOTIONS } from '../../src/lib/domain/affect/labels';
import { graphModelFromFiles } from '../../src/lib/worker/engine/graph-model';
import { predictEmotionProbabilities } from '../../scripts/lib/emotion-eval';
import { parseLabelsCsv } from '../../scripts/lib/labels-csv';
import { argmaxRows, classificationMetrics } from '../../scripts/lib/metrics';
import { loadModelFiles } from '../../scripts/lib/model-files';
import { initNodeBackend } from '../../scripts/lib/node-backend';
import { REPO_ROOT } from '../../scripts/lib/paths';
import { timePerFace } from '../../scripts/lib/timing';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`missing ${name}`);
  return v;
}

const mix = (a: number[][], b: number[][], w: number): number[][] =>
  a.map((row, i) => row.map((p, c) => w * p + (1 - w) * ((b[i] as number[])[c] as number)));

async function main(): Promise<void> {
  const split = JSON.parse(await readFile(arg('--split'), 'utf8')) as {
    data: string;
    validation: string[];
  };
  const dataDir = path.resolve(REPO_ROOT, split.data);
  const labelsFile = path.join(dataDir, 'labels.csv');
  const all = parseLabelsCsv(await readFile(labelsFile, 'utf8'), labelsFile);
  const byPath = new Map(all.map((r) => [r.path, r]));
  const rows = split.validation.map((p) => {
    const row = byPath.get(p);
    if (!row) throw new Error(`${p} is not in ${labelsFile}`);
    return row;
  });
  const files = rows.map((r) => path.join(dataDir, r.path));
  const truth = rows.map((r) => r.index);

  const backend = await initNodeBackend('wasm');
  const load = async (dir: string): Promise<GraphModel> =>
    graphModelFromFiles(await loadModelFiles(dir));
  const ours = await load(arg('--model'));
  const reference = await load(arg('--reference'));

  const p = {
    ours: await predictEmotionProbabilities(ours, files),
    oursFlip: await predictEmotionProbabilities(ours, files, undefined, true),
    reference: await predictEmotionProbabilities(reference, files),
    referenceFlip: await predictEmotionProbabilities(reference, files, undefined, true),
  };
  const candidates: Record<string, number[][]> = { ...p };
  // Equal weights only: the reference model trained on these validation images, so any weight
  // chosen here would favour it; the plain mean has nothing to tune.
  candidates.ensemble = mix(p.ours, p.reference, 0.5);
  candidates['ensemble+flip'] = mix(p.oursFlip, p.referenceFlip, 0.5);
  const results = Object.entries(candidates).map(([name, probs]) => {
    const m = classificationMetrics(truth, argmaxRows(probs.flat(), EMOTIONS.length), 7);
    return {
      name,
      accuracy: m.accuracy,
      balancedAccuracy: m.balancedAccuracy,
      recall: Object.fromEntries(EMOTIONS.map((e, i) => [e, m.recall[i]])),
    };
  });
  const speed = {
    oursMsPerFace: await timePerFace(ours),
    referenceMsPerFace: await timePerFace(reference),
  };
  ours.dispose();
  reference.dispose();
  process.stdout.write(
    JSON.stringify({ backend, validationImages: rows.length, results, speed }, null, 1) + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`compare: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
