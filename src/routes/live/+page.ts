import { browser } from '$app/environment';
import { analyzer } from '$lib/inference/analyzer.svelte';

// The engine (worker, models, warm-up) starts as soon as the route is known, before the page
// is built: it is what a live visit waits for.
export const load = () => {
  if (browser) analyzer.start().catch(() => {});
};
