/** Epoch milliseconds from the monotonic clock: frame times, smoothing and records share it. */
export const epochNow = (): number => performance.timeOrigin + performance.now();
