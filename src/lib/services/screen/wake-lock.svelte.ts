/**
 * Keeps the screen awake while the kiosk runs (Screen Wake Lock API). The browser releases the
 * lock whenever the page is hidden; it is asked for again when the page shows. Where the API is
 * missing or refuses, the status says so and nothing else happens.
 */
export type WakeLockStatus = 'off' | 'held' | 'unsupported' | 'refused';

export class WakeLockKeeper {
  status = $state<WakeLockStatus>('off');

  private sentinel: WakeLockSentinel | null = null;
  private wanted = false;
  private readonly onVisibility = () => {
    if (this.wanted && !document.hidden && !this.sentinel) void this.request();
  };

  /** Holds the lock until the returned clean-up runs. */
  keep(): () => void {
    this.wanted = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    void this.request();
    return () => {
      this.wanted = false;
      document.removeEventListener('visibilitychange', this.onVisibility);
      const sentinel = this.sentinel;
      this.sentinel = null;
      sentinel?.release().catch(() => {});
      this.status = 'off';
    };
  }

  private async request(): Promise<void> {
    const wakeLock = (navigator as Partial<Navigator>).wakeLock;
    if (!wakeLock) {
      this.status = 'unsupported';
      return;
    }
    if (document.hidden) return;
    try {
      const sentinel = await wakeLock.request('screen');
      if (!this.wanted) {
        await sentinel.release();
        return;
      }
      this.sentinel = sentinel;
      this.status = 'held';
      sentinel.addEventListener('release', () => {
        if (this.sentinel !== sentinel) return;
        this.sentinel = null;
        this.status = 'off';
      });
    } catch {
      // Refused (battery saver, no user activation yet, policy): tried again when the page shows.
      this.status = 'refused';
    }
  }
}
