/**
 * The folder the benchmark serves: a copy of the production build plus a bench-only /bench/ folder
 * (an empty page, the photos, and @vladmandic/human with its models and wasm files), so that the
 * peer runs from our origin under our CSP. Nothing of it goes into build/.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { splitMjpeg } from './mjpeg';

const repo = path.resolve(import.meta.dirname, '..', '..');
const nodeModules = path.join(repo, 'node_modules');

export const BENCH_PHOTOS = ['neutral-woman.jpg', 'meeting-group.jpg'] as const;

/** Human's default face detector and emotion model, the only ones it loads with our config. */
const HUMAN_MODELS = ['blazeface.json', 'blazeface.bin', 'emotion.json', 'emotion.bin'];

export interface ServeRoot {
  root: string;
  /** URL path of the inference worker chunk, e.g. /_app/immutable/workers/worker-abc.js. */
  workerPath: string;
}

export function prepareServeRoot(buildDir: string, root: string, facesDir: string): ServeRoot {
  rmSync(root, { recursive: true, force: true });
  cpSync(buildDir, root, { recursive: true });
  const bench = path.join(root, 'bench');
  mkdirSync(path.join(bench, 'human', 'models'), { recursive: true });
  cpSync(path.join(repo, 'bench', 'page', 'index.html'), path.join(bench, 'index.html'));
  for (const photo of BENCH_PHOTOS) cpSync(path.join(facesDir, photo), path.join(bench, photo));

  const human = path.join(nodeModules, '@vladmandic', 'human', 'dist');
  cpSync(path.join(human, 'human.esm.js'), path.join(bench, 'human', 'human.esm.js'));
  const models = path.join(nodeModules, '@vladmandic', 'human-models', 'models');
  for (const file of HUMAN_MODELS)
    cpSync(path.join(models, file), path.join(bench, 'human', 'models', file));
  const wasm = path.join(nodeModules, '@tensorflow', 'tfjs-backend-wasm', 'dist');
  for (const file of readdirSync(wasm).filter((f) => f.endsWith('.wasm')))
    cpSync(path.join(wasm, file), path.join(bench, 'human', file));

  return { root, workerPath: findWorker(root) };
}

/** Writes the clip's frames as /bench/moving/0000.jpg… for runMoving; returns their number. */
export function addMovingFrames(root: string, clipFile: string): number {
  const dir = path.join(root, 'bench', 'moving');
  mkdirSync(dir, { recursive: true });
  const frames = splitMjpeg(readFileSync(clipFile));
  frames.forEach((f, i) => writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}.jpg`), f));
  return frames.length;
}

function findWorker(root: string): string {
  const dir = path.join(root, '_app', 'immutable', 'workers');
  const file = existsSync(dir)
    ? readdirSync(dir).find((f) => /^worker-.*\.js$/.test(f))
    : undefined;
  if (!file) throw new Error(`no inference worker chunk in ${dir}`);
  return `/_app/immutable/workers/${file}`;
}
