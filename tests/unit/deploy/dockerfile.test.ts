/**
 * The Dockerfile, .dockerignore and docker-compose.yml. No Docker engine runs here, so the
 * Dockerfile is linted (dockerfilelint) and its structure checked; CI builds and runs the image.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run as dockerfilelint } from 'dockerfilelint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');

interface Instruction {
  op: string;
  args: string;
  stage: number;
}

/** Instructions with continuation lines joined, comments dropped, numbered by build stage. */
function instructions(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  let stage = -1;
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      if (op.toUpperCase() === 'FROM') stage += 1;
      return { op: op.toUpperCase(), args: rest.join(' '), stage };
    });
}

const dockerfile = read('Dockerfile');
const steps = instructions(dockerfile);
const finalStage = Math.max(...steps.map((s) => s.stage));
const inFinal = (op: string) => steps.filter((s) => s.stage === finalStage && s.op === op);

describe('Dockerfile', () => {
  it('passes dockerfilelint', () => {
    expect(dockerfilelint(repo, dockerfile)).toEqual([]);
  });

  it('dockerfilelint does report a bad Dockerfile', () => {
    expect(dockerfilelint(repo, 'FROM node:latest\nRUN sudo apt-get install x\n')).not.toEqual([]);
  });

  it('is multi-stage: a Node build stage with npm ci, then nginx-unprivileged', () => {
    const froms = steps.filter((s) => s.op === 'FROM');
    expect(froms).toHaveLength(2);
    expect(froms[0]?.args).toMatch(/^node:20[\w.-]*\s+AS\s+build$/i);
    expect(froms[1]?.args).toMatch(/^nginxinc\/nginx-unprivileged:[\w.-]+$/);
    for (const from of froms) expect(from.args).not.toMatch(/:latest\b/);
    const build = steps.filter((s) => s.stage === 0 && s.op === 'RUN').map((s) => s.args);
    expect(build.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(build.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    expect(inFinal('COPY').map((c) => c.args)).toEqual([
      '--from=build /app/nginx.conf /etc/nginx/nginx.conf',
      '--from=build /app/build /usr/share/nginx/html',
    ]);
  });

  it('runs as a non-root user, on the port nginx.conf listens on', () => {
    const user = inFinal('USER').at(-1)?.args ?? '';
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
    const listen = /^\s*listen\s+(\d+);\s*# @listen$/m.exec(read('nginx.conf'))?.[1];
    expect(inFinal('EXPOSE').map((e) => e.args)).toEqual([listen]);
    expect(Number(listen)).toBeGreaterThanOrEqual(1024);
  });

  it('checks its health on /health', () => {
    const [healthcheck] = inFinal('HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/\bCMD\b.*http:\/\/127\.0\.0\.1:8080\/health\b/);
  });

  it('carries the OCI labels', () => {
    const labels = inFinal('LABEL')
      .map((l) => l.args)
      .join(' ');
    for (const key of ['title', 'description', 'licenses', 'version', 'revision', 'source']) {
      expect(labels, key).toContain(`org.opencontainers.image.${key}=`);
    }
  });

  it('reports one version in the app and in /health', () => {
    const build = steps.filter((s) => s.stage === 0 && s.op === 'RUN').map((s) => s.args);
    const run = build.find((r) => r.includes('npm run build')) ?? '';
    expect(run).toMatch(/APP_VERSION="\$\{version\}" npm run build/);
    expect(run).toContain('# @version');
    expect(read('nginx.conf')).toMatch(
      /return 200 '\{"status":"ok","version":"[^"]*"\}'; # @version/,
    );
  });
});

describe('.dockerignore', () => {
  const ignored = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps local state and secrets out of the build context', () => {
    for (const entry of ['.git', 'node_modules', 'build', '.svelte-kit', '.tmp', '.env']) {
      expect(ignored, entry).toContain(entry);
    }
  });

  it('keeps what the build needs', () => {
    for (const needed of ['src', 'static', 'package.json', 'package-lock.json', 'nginx.conf']) {
      expect(ignored, needed).not.toContain(needed);
    }
    expect(ignored).not.toContain('scripts'); // the postbuild steps
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as {
    services: Record<string, Record<string, unknown>>;
  };
  const app = compose.services.app ?? {};

  it('builds this Dockerfile and publishes the nginx port', () => {
    expect(app.build).toMatchObject({ context: '.' });
    expect(app.ports).toEqual(['8080:8080']);
  });

  it('runs the container locked down like Kubernetes does', () => {
    expect(app.read_only).toBe(true);
    expect(app.tmpfs).toEqual(['/tmp']);
    expect(app.cap_drop).toEqual(['ALL']);
    expect((app.healthcheck as { test?: string[] }).test?.join(' ')).toContain('/health');
  });
});
