/**
 * @vladmandic/human configured as the issue asks: face detector + emotion, everything else off,
 * result caching and frame skipping off so that every call computes.
 */
export function humanConfig(backend: 'wasm' | 'webgl'): Record<string, unknown> {
  const off = { enabled: false };
  return {
    backend,
    modelBasePath: '/bench/human/models/',
    wasmPath: '/bench/human/',
    wasmPlatformFetch: false,
    debug: false,
    async: true,
    warmup: 'none',
    cacheModels: false,
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: off,
    gesture: off,
    body: off,
    hand: off,
    object: off,
    segmentation: off,
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 20, skipFrames: 0, skipTime: 0, return: false },
      mesh: off,
      attention: off,
      iris: off,
      description: off,
      antispoof: off,
      liveness: off,
      gear: off,
      emotion: { enabled: true, skipFrames: 0, skipTime: 0 },
    },
  };
}

/**
 * Human as a live-video app runs it, with our live path's freshness or better: emotion on every
 * frame, the face detector at least every 6th frame (MediaPipe-style box reuse in between). Human
 * reuses boxes only while its frame-difference check allows skipping; a cacheSensitivity far above
 * any real difference makes the frame count the only rule.
 */
export function humanLiveConfig(backend: 'wasm' | 'webgl'): Record<string, unknown> {
  const config = humanConfig(backend) as { face: Record<string, unknown> } & Record<
    string,
    unknown
  >;
  return {
    ...config,
    cacheSensitivity: 1e9,
    skipAllowed: true,
    face: {
      ...config.face,
      detector: { rotation: false, maxDetected: 20, skipFrames: 5, skipTime: 1e9, return: false },
      emotion: { enabled: true, skipFrames: 0, skipTime: 0 },
    },
  };
}
