/**
 * Classifier rule: uint8 if its accuracy on a validation slice of fer2013-train is at most 0.5
 * percentage points below the float model's, else float16. The public test half is never used.
 */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClassifierFigures, ModelSource } from '../../../src/lib/domain/models/manifest';
import { evaluateEmotionModel, readLabelledDir } from '../../../scripts/lib/emotion-eval';
import type { LabelledImage } from '../../../scripts/lib/labels-csv';
import { REPO_ROOT, SHARED_DATA_DIR } from '../../../scripts/lib/paths';
import type { Candidates, QuantizationChoice } from './choice';
import { log, round } from './output';
import { trainingRunDir } from './provenance';

export const VALIDATION_DIR = path.join(SHARED_DATA_DIR, 'fer2013-train');
const VALIDATION_EVERY = 5;
/** Largest accuracy loss (fraction) that still keeps uint8: 0.5 points. */
const MAX_ACCURACY_COST = 0.005;

/** Labelled fer2013-train images a classifier is measured on, never the public test half. */
interface ValidationSet {
  rows: LabelledImage[];
  description: string;
}

let allRows: Promise<LabelledImage[]> | undefined;
let sliceRows: LabelledImage[] | undefined;

/**
 * A package model (trained elsewhere on all of fer2013-train) is measured on every 5th row; our own
 * model on the validation part its training run held out (split.json), which it never trained on.
 */
async function validationSet(source: ModelSource): Promise<ValidationSet> {
  const all = await (allRows ??= readLabelledDir(VALIDATION_DIR));
  if (source.from === 'human-models') {
    sliceRows ??= all.filter((_, i) => i % VALIDATION_EVERY === 0);
    return {
      rows: sliceRows,
      description: `fer2013-train, every ${VALIDATION_EVERY}th row of labels.csv (rows 0, ${VALIDATION_EVERY}, ${2 * VALIDATION_EVERY}, ...)`,
    };
  }
  const splitFile = path.join(trainingRunDir(source.run), 'split.json');
  const split = JSON.parse(await readFile(splitFile, 'utf8')) as { validation: string[] };
  const held = new Set(split.validation);
  const rows = all.filter((r) => held.has(r.path));
  if (rows.length !== held.size)
    throw new Error(`${splitFile}: paths missing from ${VALIDATION_DIR}`);
  return {
    rows,
    description: `fer2013-train, the validation part held out by training run ${source.run} (${path.relative(REPO_ROOT, splitFile)})`,
  };
}

async function accuracyOn(model: GraphModel, set: ValidationSet) {
  const m = await evaluateEmotionModel(model, VALIDATION_DIR, set.rows);
  return { images: m.images, correct: Math.round(m.accuracy * m.images), accuracy: m.accuracy };
}

const percent = (x: number): string => (100 * x).toFixed(2);

export async function chooseClassifierQuantization(
  models: Candidates,
  source: ModelSource,
): Promise<QuantizationChoice> {
  const set = await validationSet(source);
  const f = await accuracyOn(models.float, set);
  const u = await accuracyOn(models.uint8, set);
  const cost = (f.correct - u.correct) / f.images;
  const dtype = cost <= MAX_ACCURACY_COST ? 'uint8' : 'float16';
  log(
    `${models.id}: validation accuracy float ${percent(f.accuracy)}%, uint8 ${percent(u.accuracy)}% ` +
      `(cost ${percent(cost)} points, limit 0.50) on ${f.images} images -> ${dtype}`,
  );
  const figures: ClassifierFigures = {
    images: f.images,
    floatAccuracy: round(f.accuracy),
    uint8Accuracy: round(u.accuracy),
    uint8CostPercentagePoints: round(100 * cost, 4),
  };
  if (dtype === 'float16') {
    const h = await accuracyOn(await models.float16(), set);
    log(`${models.id}: float16 accuracy ${percent(h.accuracy)}%`);
    figures.float16Accuracy = round(h.accuracy);
  }
  return {
    dtype,
    decidedBy: {
      rule: 'uint8 if its accuracy is at most 0.5 percentage points below float, else float16',
      dataset: set.description,
      ...figures,
    },
  };
}
