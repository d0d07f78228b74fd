/** Epoch milliseconds from the monotonic clock: frame times, smoothing and records share it. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** `epochNow` in whole milliseconds, as the database stores times. */
export const epochMs = (): number => Math.round(epochNow());
