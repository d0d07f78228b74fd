/**
 * The service worker seen from the page: registers it (workbox-window), says when the app works
 * offline, and offers a new version when one is waiting. A new version takes over only when the
 * user accepts it; this page then reloads, and no other page ever does by itself.
 */
import type { Workbox } from 'workbox-window';
import { dev } from '$app/environment';

/** Long sessions (a kiosk, a tab left open) look for a new version this often. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

class AppUpdate {
  /** The service worker is active: every file the app needs is in its cache. */
  offlineReady = $state(false);
  /** A new version is installed and waits for the user. */
  waiting = $state(false);

  private workbox: Workbox | null = null;
  private accepted = false;

  /** Registers the service worker (once; not in `vite dev`, where there is no precache list). */
  async register(url: string): Promise<void> {
    if (dev || this.workbox || !('serviceWorker' in navigator)) return;
    // Loaded here, in the browser only: the prerendering (Node) never needs it.
    const { Workbox } = await import('workbox-window');
    if (this.workbox) return;
    const workbox = (this.workbox = new Workbox(url));
    workbox.addEventListener('waiting', () => (this.waiting = true));
    workbox.addEventListener('activated', () => (this.offlineReady = true));
    // Fires in every open page when a new version takes over; only the one that asked reloads.
    workbox.addEventListener('controlling', () => {
      if (this.accepted) location.reload();
    });
    // The caller chose the moment (after the page's load event): no need to wait for it again.
    const registration = await workbox.register({ immediate: true });
    if (registration?.active) this.offlineReady = true;
    setInterval(() => void workbox.update(), UPDATE_CHECK_MS);
  }

  /** The user said yes: the waiting version takes over, then this page reloads. */
  accept(): void {
    if (!this.workbox || !this.waiting) return;
    this.accepted = true;
    this.workbox.messageSkipWaiting();
  }

  /** The user said later: the offer comes back with the next version found, or the next visit. */
  dismiss(): void {
    this.waiting = false;
  }
}

export const appUpdate = new AppUpdate();
