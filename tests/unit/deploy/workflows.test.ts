/**
 * .github/workflows: CI on every push and pull request runs every check and builds the image;
 * a tag releases the image. Actions are pinned to commits, permissions are minimal.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  container?: { image?: string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const dir = path.resolve(import.meta.dirname, '..', '..', '..', '.github', 'workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const load = (file: string) => parse(readFileSync(path.join(dir, file), 'utf8')) as Workflow;
const runs = (w: Workflow) =>
  Object.values(w.jobs)
    .flatMap((j) => j.steps)
    .map((s) => s.run ?? '')
    .join('\n');

describe('GitHub workflows', () => {
  it('pin every action to a full commit', () => {
    for (const file of files) {
      for (const job of Object.values(load(file).jobs)) {
        for (const step of job.steps) {
          if (step.uses) expect(step.uses, file).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        }
      }
    }
  });

  it('default to read-only permissions; only the release may write packages', () => {
    for (const file of files) {
      const workflow = load(file);
      expect(workflow.permissions, file).toEqual({ contents: 'read' });
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const extra = Object.entries(job.permissions ?? {}).filter(([, v]) => v !== 'read');
        const allowed = file === 'release.yml' ? [['packages', 'write']] : [];
        expect(extra, `${file}: ${name}`).toEqual(allowed);
      }
    }
  });

  it('CI runs on push and pull request: lint, types, unit, build, browser tests, image', () => {
    const ci = load('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    const commands = runs(ci);
    for (const script of ['lint', 'check', 'test:unit', 'build', 'test:browser']) {
      expect(commands, script).toContain(`npm run ${script}`);
    }
    expect(commands).toContain('npm ci');
    expect(commands).toContain('scripts/ensure-deps.sh --test'); // Debian's chromium, PyTorch
    expect(Object.values(ci.jobs).some((j) => /bookworm/.test(j.container?.image ?? ''))).toBe(
      true,
    );
    const steps = Object.values(ci.jobs).flatMap((j) => j.steps);
    expect(steps.some((s) => s.uses?.startsWith('docker/build-push-action@'))).toBe(true);
    expect(commands).toMatch(/hadolint/);
  });

  it('a version tag builds and pushes the image', () => {
    const release = load('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    const steps = Object.values(release.jobs).flatMap((j) => j.steps);
    const push = steps.find((s) => s.uses?.startsWith('docker/build-push-action@'));
    expect(push?.with?.push).toBe(true);
    expect(String(push?.with?.['build-args'])).toMatch(/^VERSION=/m);
    expect(steps.some((s) => s.uses?.startsWith('docker/login-action@'))).toBe(true);
  });
});
