/// <reference types="@sveltejs/kit" />
/// <reference lib="webworker" />
/**
 * The service worker: precaches the whole build (app shell, prerendered pages, models, .wasm) so
 * that after the first visit the app runs with the network off. SvelteKit bundles this file; its
 * precache list is written into `self.__WB_MANIFEST` after the build by
 * scripts/precache-manifest.mjs, from the files exactly as nginx serves them.
 *
 * Registered from the page with workbox-window (src/lib/pwa/app-update.svelte.ts). A new version
 * waits until the user accepts it (message SKIP_WAITING): nothing reloads by itself.
 */
import { version } from '$service-worker';
import { cacheNames, clientsClaim, setCacheNameDetails } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

/** Every cache this app creates starts with this; the version ends each name. */
const CACHE_PREFIX = 'emotion-detector';

/** Navigations that must reach the server (matched against path and query): the health check,
 * the build's files, and anything else that names a file (its last path segment has a dot). */
const NOT_THE_APP = [/^\/health(?:\?|$)/, /^\/_app\//, /^[^?]*\/[^/?]*\.[^/?]*(?:\?|$)/];

setCacheNameDetails({ prefix: CACHE_PREFIX, suffix: version });

// "/" and "/history" are answered by index.html and history.html (precached, clean URLs). A query
// string (e.g. "/?backend=wasm") never changes the file, as with nginx.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

// Any other in-app path: the SPA fallback, as nginx does (try_files ... /200.html).
registerRoute(new NavigationRoute(createHandlerBoundToURL('200.html'), { denylist: NOT_THE_APP }));

// The first install takes over the open page at once; an update only once accepted (below).
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('activate', (event) => event.waitUntil(deleteOtherVersions()));

/** Caches of earlier versions (their names end with another version) are dropped. */
async function deleteOtherVersions(): Promise<void> {
  const current = new Set([cacheNames.precache, cacheNames.runtime]);
  const names = await caches.keys();
  await Promise.all(
    names
      .filter((name) => name.startsWith(`${CACHE_PREFIX}-`) && !current.has(name))
      .map((name) => caches.delete(name)),
  );
}
