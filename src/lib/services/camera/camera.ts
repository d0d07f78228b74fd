/** Camera access: the list of cameras, the remembered choice, and readable errors. */

import { LIVE_FRAME_SIZE } from '../../domain/analysis/live-frame';

export interface CameraInfo {
  deviceId: string;
  label: string;
}

const STORAGE_KEY = 'emotion-detector:camera';

export function rememberedCamera(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberCamera(deviceId: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, deviceId);
  } catch {
    // Private mode or storage off: the choice is simply not remembered.
  }
}

/** Video inputs; their labels are empty until the camera was allowed once. */
export async function listCameras(): Promise<CameraInfo[]> {
  const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export class CameraError extends Error {}

/** Opens a camera (the given one, else the default) at about LIVE_FRAME_SIZE. */
export async function openCamera(deviceId: string | null): Promise<MediaStream> {
  const media = globalThis.navigator?.mediaDevices;
  if (!media?.getUserMedia) throw new CameraError(cameraErrorMessage(new TypeError('unsupported')));
  const size = {
    width: { ideal: LIVE_FRAME_SIZE.width },
    height: { ideal: LIVE_FRAME_SIZE.height },
  };
  try {
    return await media.getUserMedia({
      audio: false,
      video: deviceId ? { ...size, deviceId: { exact: deviceId } } : size,
    });
  } catch (e) {
    // A remembered camera that was unplugged: fall back to any camera.
    const name = (e as { name?: string } | null)?.name;
    if (deviceId && (name === 'OverconstrainedError' || name === 'NotFoundError')) {
      return openCamera(null);
    }
    throw new CameraError(cameraErrorMessage(e));
  }
}

/** What to tell the person, by the DOMException's name. */
export function cameraErrorMessage(e: unknown): string {
  const name = (e as { name?: string } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was refused. Allow the camera for this site in the browser, then press Start camera again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Connect a camera, then press Start camera again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera could not be started: another application may be using it.';
    case 'TypeError':
      return 'This browser cannot use a camera here (it needs a secure https:// page).';
    default:
      return `The camera could not be started${e instanceof Error && e.message ? `: ${e.message}` : '.'}`;
  }
}

export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}
