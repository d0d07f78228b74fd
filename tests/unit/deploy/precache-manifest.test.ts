/**
 * scripts/precache-manifest.mjs on a small build directory: the service worker's precache list
 * names every file the app needs offline, as served (boot scripts, models, .wasm), and nothing
 * that nginx would send in its place or that must reach the server.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { injectPrecacheManifest } from '../../../scripts/precache-manifest.mjs';

interface Entry {
  url: string;
  revision: string | null;
}

let build = '';
const file = (rel: string, content: string | Buffer = rel) => {
  mkdirSync(path.dirname(path.join(build, rel)), { recursive: true });
  writeFileSync(path.join(build, rel), content);
};
const SW = 'const list = self.__WB_MANIFEST;\n';

beforeEach(() => {
  build = mkdtempSync(path.join(os.tmpdir(), 'precache-test-'));
  file('service-worker.js', SW);
  file('service-worker.js.gz', 'stale');
  for (const rel of [
    'index.html',
    'index.html.gz',
    'index.html.br',
    '200.html',
    'history.html',
    'manifest.webmanifest',
    'favicon.svg',
    'icons/icon-192.png',
    '_app/version.json',
    '_app/immutable/boot/AbC123.js',
    '_app/immutable/entry/app.x1.js',
    '_app/immutable/assets/0.y2.css',
    '_app/immutable/workers/assets/tfjs-backend-wasm-simd-z3.wasm',
    'models/manifest.json',
    'models/emotion/model.json',
    'models/emotion/weights.bin',
    'notes.txt',
  ]) {
    file(rel);
  }
});
afterEach(() => rmSync(build, { recursive: true, force: true }));

function injected(): Entry[] {
  const sw = readFileSync(path.join(build, 'service-worker.js'), 'utf8');
  const list = /^const list = (\[.*\]);$/m.exec(sw)?.[1];
  expect(list, 'the list replaced self.__WB_MANIFEST').toBeDefined();
  return JSON.parse(list ?? '[]') as Entry[];
}

describe('precache-manifest', () => {
  it('lists the shell, the pages, the boot scripts, the models and the .wasm', async () => {
    await injectPrecacheManifest(build);
    const urls = injected()
      .map((e) => e.url)
      .sort();
    expect(urls).toEqual(
      [
        '200.html',
        '_app/immutable/assets/0.y2.css',
        '_app/immutable/boot/AbC123.js',
        '_app/immutable/entry/app.x1.js',
        '_app/immutable/workers/assets/tfjs-backend-wasm-simd-z3.wasm',
        '_app/version.json',
        'favicon.svg',
        'history.html',
        'icons/icon-192.png',
        'index.html',
        'manifest.webmanifest',
        'models/emotion/model.json',
        'models/emotion/weights.bin',
        'models/manifest.json',
      ].sort(),
    );
  });

  it('revisions files by content, except hashed ones', async () => {
    await injectPrecacheManifest(build);
    const first = injected();
    for (const entry of first) {
      if (entry.url.startsWith('_app/immutable/')) expect(entry.revision, entry.url).toBeNull();
      else expect(entry.revision, entry.url).toMatch(/^[0-9a-f]{32}$/);
    }

    file('service-worker.js', SW);
    file('models/emotion/weights.bin', 'other bytes');
    await injectPrecacheManifest(build);
    const revision = (list: Entry[], url: string) => list.find((e) => e.url === url)?.revision;
    const second = injected();
    expect(revision(second, 'models/emotion/weights.bin')).not.toBe(
      revision(first, 'models/emotion/weights.bin'),
    );
    expect(revision(second, 'index.html')).toBe(revision(first, 'index.html'));
  });

  it('rewrites the compressed copy nginx would serve in place of the service worker', async () => {
    await injectPrecacheManifest(build);
    const sw = readFileSync(path.join(build, 'service-worker.js'));
    expect(gunzipSync(readFileSync(path.join(build, 'service-worker.js.gz')))).toEqual(sw);
  });

  it('fails rather than leave a large file out', async () => {
    file('models/huge/weights.bin', Buffer.alloc(9 * 1024 * 1024));
    await expect(injectPrecacheManifest(build)).rejects.toThrow(/huge\/weights\.bin/);
  });

  it('fails without a service worker', async () => {
    rmSync(path.join(build, 'service-worker.js'));
    await expect(injectPrecacheManifest(build)).rejects.toThrow(/no service-worker\.js/);
  });
});
