/**
 * How long the page waits on the inference worker before it calls the worker lost and restarts
 * it. Kept together because they depend on each other: a worker is pinged every `heartbeatMs`
 * while calls are in flight, and must answer within `silenceMs`. A photo or the model load holds
 * the worker in long synchronous stretches, so it cannot answer then: such a call is preceded by
 * a ping, and once the worker has answered that one (it is alive and about to start the call),
 * the call's own timeout is the limit instead.
 */
export interface EngineTimeouts {
  /** A live frame takes 20–300 ms even on the CPU backend; one stuck for this long is not coming. */
  frameMs: number;
  /**
   * A photo is scaled to at most 2048 px and scanned twice, the second time at up to 1280 px for
   * small faces: about 0.5 s here on WASM; the limit leaves room for a slow phone's CPU backend.
   */
  photoMs: number;
  /** Downloading ~1 MB of models and compiling WASM or shaders on a slow phone. */
  initMs: number;
  heartbeatMs: number;
  /** Two missed beats: one can be lost to a busy frame, two mean the event loop is stuck. */
  silenceMs: number;
}

export const ENGINE_TIMEOUTS: EngineTimeouts = {
  frameMs: 5_000,
  photoMs: 60_000,
  initMs: 60_000,
  heartbeatMs: 2_000,
  silenceMs: 4_000,
};
