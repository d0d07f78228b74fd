import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CameraError,
  cameraErrorMessage,
  listCameras,
  openCamera,
  rememberCamera,
  rememberedCamera,
  stopStream,
} from '../../../../src/lib/services/camera/camera';
import { memoryStorage } from '../../fixtures/memory-storage';

const named = (name: string, message = '') => Object.assign(new Error(message), { name });
const STREAM = { id: 'stream' } as unknown as MediaStream;

/** A browser whose getUserMedia answers with the given outcomes, in order. */
function fakeMedia(...outcomes: (MediaStream | Error)[]) {
  const getUserMedia = vi.fn(async () => {
    const next = outcomes.shift();
    if (!next || next instanceof Error) throw next;
    return next;
  });
  const enumerateDevices = vi.fn(async () => [
    { kind: 'audioinput', deviceId: 'mic', label: 'Mic' },
    { kind: 'videoinput', deviceId: 'front', label: 'Front camera' },
    { kind: 'videoinput', deviceId: 'usb', label: '' },
  ]);
  vi.stubGlobal('navigator', { mediaDevices: { getUserMedia, enumerateDevices } });
  return getUserMedia;
}

describe('camera access', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('remembers the chosen camera, and forgets quietly where storage is off', () => {
    vi.stubGlobal('localStorage', memoryStorage());
    expect(rememberedCamera()).toBeNull();
    rememberCamera('usb');
    expect(rememberedCamera()).toBe('usb');
    vi.stubGlobal('localStorage', memoryStorage(true));
    expect(() => rememberCamera('front')).not.toThrow();
    expect(rememberedCamera()).toBeNull();
  });

  it('lists the video inputs, naming the ones without a label yet', async () => {
    fakeMedia();
    expect(await listCameras()).toEqual([
      { deviceId: 'front', label: 'Front camera' },
      { deviceId: 'usb', label: 'Camera 2' },
    ]);
    vi.stubGlobal('navigator', {});
    expect(await listCameras()).toEqual([]);
  });

  it('opens the chosen camera at about 640x480, or the default one', async () => {
    const getUserMedia = fakeMedia(STREAM, STREAM);
    expect(await openCamera('usb')).toBe(STREAM);
    expect(getUserMedia).toHaveBeenLastCalledWith({
      audio: false,
      video: { width: { ideal: 640 }, height: { ideal: 480 }, deviceId: { exact: 'usb' } },
    });
    await openCamera(null);
    expect(getUserMedia).toHaveBeenLastCalledWith({
      audio: false,
      video: { width: { ideal: 640 }, height: { ideal: 480 } },
    });
  });

  it('falls back to any camera when the remembered one was unplugged', async () => {
    const getUserMedia = fakeMedia(named('OverconstrainedError'), STREAM);
    expect(await openCamera('gone')).toBe(STREAM);
    expect(getUserMedia).toHaveBeenCalledTimes(2);
  });

  it('explains a refusal, and a browser without camera access', async () => {
    fakeMedia(named('NotAllowedError'));
    const refused = openCamera(null);
    await expect(refused).rejects.toBeInstanceOf(CameraError);
    await expect(refused).rejects.toThrow(/Camera access was refused/);
    vi.stubGlobal('navigator', {});
    await expect(openCamera(null)).rejects.toThrow(/needs a secure https:\/\/ page/);
  });

  it('has a plain message for each way a camera fails', () => {
    expect(cameraErrorMessage(named('SecurityError'))).toMatch(/refused/);
    expect(cameraErrorMessage(named('NotFoundError'))).toMatch(/No camera was found/);
    expect(cameraErrorMessage(named('NotReadableError'))).toMatch(/another application/);
    expect(cameraErrorMessage(named('AbortError'))).toMatch(/another application/);
    expect(cameraErrorMessage(named('Weird', 'it broke'))).toBe(
      'The camera could not be started: it broke',
    );
    expect(cameraErrorMessage(null)).toBe('The camera could not be started.');
  });

  it('stops every track of a stream', () => {
    const tracks = [{ stop: vi.fn() }, { stop: vi.fn() }];
    stopStream({ getTracks: () => tracks } as unknown as MediaStream);
    stopStream(null);
    for (const t of tracks) expect(t.stop).toHaveBeenCalledOnce();
  });
});
