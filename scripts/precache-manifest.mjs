// Post-build step: writes the service worker's precache list (usage: node <this> [build-dir]).
//
// It runs last, on the finished build directory (after scripts/externalize-inline-scripts.mjs has
// rewritten the HTML and added /_app/immutable/boot/*.js), so the list names exactly the files
// nginx serves, with revisions of their final content. A plugin running inside `vite build`
// would see the pages before adapter-static writes 200.html and before the boot scripts exist,
// and the app could not start offline.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { injectManifest } from 'workbox-build';
import { writeWithTwins } from './compressed-twins.mjs';

const SERVICE_WORKER = 'service-worker.js';

/** What the app needs offline: the shell, every page, the models and the .wasm files. */
const precacheOptions = {
  globPatterns: ['**/*.{html,js,css,json,wasm,bin,webmanifest,svg,png,ico,webp,woff2}'],
  globIgnores: [
    '**/*.{gz,br}', // nginx picks the compressed twins itself
    SERVICE_WORKER,
  ],
  // Hashed file names are their own revision.
  dontCacheBustURLsMatching: /^_app\/immutable\//,
  // The largest file is the inference worker bundle (~1 MB); anything left out would break
  // offline use, so a file over this limit fails the build instead.
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
};

/**
 * Injects the precache list into `<buildDir>/service-worker.js` (and its .gz/.br twins).
 * @param {string} buildDir
 * @returns {Promise<{ count: number, size: number }>}
 */
export async function injectPrecacheManifest(buildDir) {
  const sw = path.join(buildDir, SERVICE_WORKER);
  if (!existsSync(sw)) throw new Error(`precache-manifest: no ${SERVICE_WORKER} in ${buildDir}`);
  const { count, size, warnings } = await injectManifest({
    ...precacheOptions,
    globIgnores: [...precacheOptions.globIgnores],
    globDirectory: buildDir,
    swSrc: sw,
    swDest: sw,
  });
  if (warnings.length > 0) throw new Error(`precache-manifest: ${warnings.join('\n')}`);
  await writeWithTwins(sw, await readFile(sw));
  return { count, size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const buildDir = path.resolve(process.argv[2] ?? 'build');
  const { count, size } = await injectPrecacheManifest(buildDir);
  console.log(
    `precache-manifest: ${count} files (${(size / 1024 / 1024).toFixed(1)} MiB) in ${SERVICE_WORKER}`,
  );
}
