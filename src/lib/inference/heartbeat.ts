/**
 * Pings the worker every `everyMs` while it is running; the worker answers from its event loop.
 * A ping left unanswered for longer than `allowanceMs()` means the worker is stuck (a long
 * synchronous loop) or gone (closed itself, which fires no error event): then `onMissed` runs.
 */
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  /** When the unanswered ping was sent (performance.now()); null when none is out. */
  private sentAt: number | null = null;
  private lastBeat = 0;

  constructor(
    private readonly everyMs: number,
    private readonly ping: () => void,
    private readonly allowanceMs: () => number,
    private readonly onMissed: (silentMs: number) => void,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.lastBeat = performance.now();
    this.timer = setInterval(() => this.beat(), this.everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.sentAt = null;
  }

  /** Pings now unless a ping is already out: the worker answers it before taking the next call. */
  probe(): void {
    if (this.sentAt !== null) return;
    this.sentAt = performance.now();
    this.ping();
  }

  answered(): void {
    this.sentAt = null;
  }

  private beat(): void {
    const now = performance.now();
    const late = now - this.lastBeat > 2 * this.everyMs;
    this.lastBeat = now;
    // This page was stalled itself (a long task, a throttled tab): the answer may be waiting
    // behind this very beat, so the silence is measured afresh rather than blamed on the worker.
    if (late && this.sentAt !== null) this.sentAt = now;
    if (this.sentAt === null) {
      this.sentAt = now;
      this.ping();
    } else if (now - this.sentAt >= this.allowanceMs()) {
      const silent = now - this.sentAt;
      this.stop();
      this.onMissed(silent);
    }
  }
}
