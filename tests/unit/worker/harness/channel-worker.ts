/**
 * Test helper: a Worker stand-in for the page's client. The API is exposed on one end of a
 * MessageChannel exactly as worker.ts exposes it on a worker's scope; the client holds the other
 * end. Only what Node cannot do is made up: terminating (the port is closed), crashing (the
 * 'error' event a worker's uncaught error fires) and being stuck (in a long synchronous loop,
 * when it answers nothing: it takes messages and drops them).
 */
import { expose } from '../../../../src/lib/worker/expose';
import type { Api } from '../../../../src/lib/worker/protocol';
import type { WorkerLike } from '../../../../src/lib/inference/client';

export class ChannelWorker implements WorkerLike {
  terminated = false;
  /** Stuck: what it is sent from now on goes unanswered. */
  stuck = false;
  private readonly port: MessagePort;
  private readonly events = new EventTarget();

  constructor(api: Api) {
    const { port1, port2 } = new MessageChannel();
    expose(api, port2);
    port1.addEventListener('message', (event) =>
      this.events.dispatchEvent(new MessageEvent('message', { data: event.data })),
    );
    this.port = port1;
  }

  addEventListener(
    type: 'message' | 'error',
    listener: (event: MessageEvent & ErrorEvent) => void,
  ): void {
    this.events.addEventListener(type, listener as EventListener);
  }

  /** Node cannot transfer the RGBA frames that stand in for bitmaps: they are copied instead. */
  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (this.stuck) return;
    this.port.postMessage(
      message,
      transfer.filter((t) => t instanceof ArrayBuffer),
    );
  }

  terminate(): void {
    this.terminated = true;
    this.port.close();
  }

  /** What a worker does when an error escapes it. */
  crash(message: string): void {
    this.events.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}
