/**
 * Resumable teacher training and distillation (issue 14): runs models/training/test_resume.py,
 * which checks that 2 + 2 epochs (stop, new process, --resume) equal 4 uninterrupted epochs
 * bit-for-bit on a small slice of FER-2013, for a teacher and for a distilled student; and
 * models/training/test_ensemble.py, the teacher ensemble's figure; and models/training/test_class_bias.py,
 * the student's per-class logit bias and its folding into the exported head. Needs Debian's torch
 * (/usr/bin/python3); elsewhere it skips in one line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../scripts/lib/paths';
import { describeWithSharedData, sharedData } from '../shared-data';

const PYTHON = '/usr/bin/python3';
const NAME = 'resumable teacher training (models/training/test_resume.py)';

/** Runs a command without blocking the event loop; kills it after timeoutMs. */
function run(cmd: string, args: string[], timeoutMs: number) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, SHARED_DATA: sharedData() },
      timeout: timeoutMs,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

describeWithSharedData('fer2013-train/labels.csv', NAME, () => {
  if (!hasTorch) {
    const reason = `skipped: ${PYTHON} cannot import torch (apt-get install python3-torch)`;
    console.warn(`${NAME}: ${reason}`);
    describe.skip('torch', () => {
      it(reason, () => {});
    });
    return;
  }

  it('2 + 2 epochs with --resume equal 4 epochs bit-for-bit; a time limit stops cleanly', async () => {
    // Asynchronous, so the worker keeps answering vitest while torch trains (1 to 4 minutes by load).
    const { code, output } = await run(
      'nice',
      ['-n', '19', PYTHON, '-m', 'unittest', '-v', 'models/training/test_resume.py'],
      560_000,
    );
    expect(code, output.slice(-3000)).toBe(0);
    expect(output).toMatch(/Ran \d+ tests? in/);
    expect(output).not.toMatch(/skipped/);
  }, 600_000);

  /** A quick unittest file of models/training: all its tests run and pass. */
  async function expectPasses(file: string, tests: number) {
    const { code, output } = await run(PYTHON, ['-m', 'unittest', '-v', file], 120_000);
    expect(code, output.slice(-3000)).toBe(0);
    expect(output).toMatch(new RegExp(`Ran ${tests} tests in`));
  }

  it(
    "the ensemble figure is each run's and the mean of their probabilities (ensemble.py)",
    () => expectPasses('models/training/test_ensemble.py', 2),
    150_000,
  );

  it(
    'a class bias is fitted on validation only when it pays, and folds exactly into the head (class_bias.py)',
    () => expectPasses('models/training/test_class_bias.py', 6),
    150_000,
  );
});
