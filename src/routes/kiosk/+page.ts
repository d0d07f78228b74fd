import { browser } from '$app/environment';
import { kioskMode } from '$lib/features/kiosk/kiosk-mode.svelte';
import { analyzer } from '$lib/inference/analyzer.svelte';
import type { PageLoad } from './$types';

// As on /live, the engine (worker, models, warm-up) starts as soon as the route is known, before
// the page is built; only in kiosk mode, since the page otherwise just says how to turn it on.
export const load: PageLoad = ({ url }) => {
  if (!browser) return;
  kioskMode.load(url);
  if (kioskMode.active) analyzer.start().catch(() => {});
};
