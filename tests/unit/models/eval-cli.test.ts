import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { EMOTIONS } from '../../../src/lib/domain/affect/labels';
import { MANIFEST_PATH, REPO_ROOT } from '../../../scripts/lib/paths';
import type { ModelManifest } from '../../../src/lib/domain/models/manifest';
import { EMOTION_MODEL_IDS } from '../../../src/lib/domain/models/shipped-models';
import { describeWithSharedData, sharedData } from '../shared-data';

const TEST_SET = sharedData('fer2013-test-public');
const PER_CLASS = 10;

const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as ModelManifest;
const dtypeOf = (id: string): string => manifest.models[id]?.quantization.dtype ?? 'missing';

function runEval(...args: string[]) {
  const result = spawnSync('npx', ['tsx', 'models/scripts/eval.ts', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describeWithSharedData(
  'fer2013-test-public/labels.csv',
  'eval CLI (npx tsx models/scripts/eval.ts)',
  () => {
    let dir: string;
    let corruptDir: string;

    beforeAll(() => {
      const root = mkdtempSync(path.join(tmpdir(), 'eval-cli-'));
      dir = path.join(root, 'small');
      corruptDir = path.join(root, 'corrupt');
      // The first 10 listed images of every class, copied with their class folders.
      const rows = readFileSync(path.join(TEST_SET, 'labels.csv'), 'utf8')
        .trim()
        .split(/\r?\n/)
        .slice(1);
      const picked = new Map<string, string[]>();
      for (const row of rows) {
        const [file, label] = row.split(',') as [string, string];
        const list = picked.get(label) ?? [];
        if (list.length < PER_CLASS) picked.set(label, [...list, file]);
      }
      const lines = ['path,label'];
      for (const label of EMOTIONS) {
        for (const file of picked.get(label) ?? []) {
          mkdirSync(path.join(dir, label), { recursive: true });
          copyFileSync(path.join(TEST_SET, file), path.join(dir, file));
          lines.push(`${file},${label}`);
        }
      }
      writeFileSync(path.join(dir, 'labels.csv'), lines.join('\n') + '\n');

      mkdirSync(path.join(corruptDir, 'happy'), { recursive: true });
      const first = picked.get('happy')?.[0] as string;
      copyFileSync(path.join(TEST_SET, first), path.join(corruptDir, 'happy', 'good.jpg'));
      const bytes = readFileSync(path.join(TEST_SET, first));
      writeFileSync(
        path.join(corruptDir, 'happy', 'broken.jpg'),
        bytes.subarray(0, Math.floor(bytes.length / 3)),
      );
      writeFileSync(
        path.join(corruptDir, 'labels.csv'),
        'path,label\nhappy/good.jpg,happy\nhappy/broken.jpg,happy\n',
      );
      return () => rmSync(root, { recursive: true, force: true });
    });

    it('prints one JSON object with the metrics of the shipped model', () => {
      const { code, stdout, stderr } = runEval(dir, '--json');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as {
        model: string;
        backend: string;
        images: number;
        accuracy: number;
        balancedAccuracy: number;
        recall: Record<string, number>;
        confusion: number[][];
        labels: string[];
      };
      expect(Object.keys(result)).toEqual([
        'model',
        'backend',
        'images',
        'accuracy',
        'balancedAccuracy',
        'recall',
        'confusion',
        'labels',
      ]);
      // the classifier the app runs: every model of EMOTION_MODEL_IDS, with its shipped dtype
      expect(result.model).toBe(
        EMOTION_MODEL_IDS.map((id) => `${id} (${dtypeOf(id)})`).join(' + '),
      );
      expect(result.backend).toBe('wasm');
      expect(result.images).toBe(7 * PER_CLASS);
      expect(result.labels).toEqual([...EMOTIONS]);
      expect(Object.keys(result.recall)).toEqual([...EMOTIONS]);
      expect(result.confusion).toHaveLength(7);
      for (const row of result.confusion) {
        expect(row).toHaveLength(7);
        expect(row.reduce((a, b) => a + b, 0)).toBe(PER_CLASS);
      }
      const correct = result.confusion.reduce((s, row, i) => s + (row[i] ?? 0), 0);
      expect(result.accuracy).toBeCloseTo(correct / result.images, 12);
      expect(result.accuracy).toBeGreaterThan(0.4); // chance is 1/7
      expect(result.balancedAccuracy).toBeCloseTo(result.accuracy, 12); // balanced classes
    });

    it('exits 1 naming a corrupt image', () => {
      const { code, stdout, stderr } = runEval(corruptDir, '--json');
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(path.join('happy', 'broken.jpg'));
    });

    it('evaluates a model folder and leaves out duplicates of a training folder', () => {
      const trainDir = path.join(path.dirname(dir), 'train');
      const happy = readdirSync(path.join(dir, 'happy')).sort()[0] as string;
      mkdirSync(path.join(trainDir, 'sad'), { recursive: true });
      // Same bytes under another name and label: still a duplicate.
      copyFileSync(path.join(dir, 'happy', happy), path.join(trainDir, 'sad', 'copy.jpg'));
      writeFileSync(path.join(trainDir, 'labels.csv'), 'path,label\nsad/copy.jpg,sad\n');
      const modelDir = path.join(REPO_ROOT, 'models', 'trained', 'emotion-fer');
      const { code, stdout, stderr } = runEval(
        dir,
        '--json',
        '--model',
        modelDir,
        '--exclude-train-duplicates',
        trainDir,
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as {
        model: string;
        images: number;
        excludedTrainDuplicates: number;
      };
      expect(result.model).toContain('emotion-fer');
      expect(result.excludedTrainDuplicates).toBeGreaterThanOrEqual(1);
      expect(result.images + result.excludedTrainDuplicates).toBe(7 * PER_CLASS);
    });

    it('exits 1 on a model folder that does not exist', () => {
      const { code, stderr } = runEval(dir, '--json', '--model', path.join(dir, 'no-model'));
      expect(code).toBe(1);
      expect(stderr).toMatch(/no-model not found/);
    });

    it('exits 1 on a missing folder', () => {
      const { code, stderr } = runEval(path.join(dir, 'no-such-folder'), '--json');
      expect(code).toBe(1);
      expect(stderr).toMatch(/folder not found: .*no-such-folder/);
    });
  },
);
