/**
 * The frame the app asks a camera for (an ideal, which the camera may round): enough pixels for a
 * face at a desk or a kiosk, and the size the engine warms its live shapes up on.
 */
export const LIVE_FRAME_SIZE = { width: 640, height: 480 } as const;
