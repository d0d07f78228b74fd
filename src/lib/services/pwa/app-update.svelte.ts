/**
 * The service worker seen from the page: registers it (workbox-window), says when the app works
 * offline, and offers a new version when one is waiting. A new version takes over only when the
 * user accepts it; this page then reloads, and no other page ever does by itself. While a session
 * is being recorded, in this tab or another (each holds a Web Lock), an accepted update waits:
 * the new version takes over, and this page reloads, only once no session records.
 */
import type { Workbox } from 'workbox-window';
import { dev } from '$app/environment';
import { webLocks } from '../db/locks';

/** Long sessions (a kiosk, a tab left open) look for a new version this often. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** How often an accepted update looks again whether recording has stopped. */
const RECORDING_CHECK_MS = 1000;

class AppUpdate {
  /** The service worker is active: every file the app needs is in its cache. */
  offlineReady = $state(false);
  /** A new version is installed and waits for the user. */
  waiting = $state(false);
  /** Accepted, and held back because a session is being recorded in this browser. */
  deferred = $state(false);

  private workbox: Workbox | null = null;
  private accepted = false;
  private applied = false;
  private recheck: ReturnType<typeof setInterval> | undefined;

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

  /**
   * The user said yes: the waiting version takes over, then this page reloads; while a session
   * records (a reload would cut it short), once it stops.
   */
  async accept(): Promise<void> {
    if (!this.workbox || !this.waiting || this.accepted) return;
    this.accepted = true;
    await this.applyUnlessRecording();
  }

  private async applyUnlessRecording(): Promise<void> {
    const workbox = this.workbox;
    if (!this.accepted || this.applied || !workbox) return;
    if (await recordingHere()) {
      this.deferred = true;
      this.recheck ??= setInterval(() => void this.applyUnlessRecording(), RECORDING_CHECK_MS);
      return;
    }
    if (!this.accepted || this.applied) return; // dismissed, or applied by a check before
    this.applied = true;
    this.stopRechecking();
    workbox.messageSkipWaiting();
  }

  /** The user said later: the offer comes back with the next version found, or the next visit. */
  dismiss(): void {
    this.waiting = false;
    this.accepted = false;
    this.stopRechecking();
  }

  private stopRechecking(): void {
    clearInterval(this.recheck);
    this.recheck = undefined;
    this.deferred = false;
  }
}

/** Whether any tab of this browser records a session; without Web Locks, no one can tell. */
async function recordingHere(): Promise<boolean> {
  try {
    return ((await webLocks.held())?.size ?? 0) > 0;
  } catch {
    return false;
  }
}

export const appUpdate = new AppUpdate();
