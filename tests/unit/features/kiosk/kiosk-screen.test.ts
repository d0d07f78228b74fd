// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskCamera } from '../../../../src/lib/features/kiosk/kiosk-screen.svelte';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import type { TrackedFace } from '../../../../src/lib/domain/tracking/tracker';
import { fakePage, undoFakes } from '../../fixtures/fake-page';
import { memoryStorage } from '../../fixtures/memory-storage';
import {
  FEAR,
  freshDb,
  HAPPY,
  record,
  session,
  T0,
  trackedFace,
  until,
} from '../../fixtures/sessions';

vi.stubGlobal('localStorage', memoryStorage());
const { kioskMode } = await import('../../../../src/lib/features/kiosk/kiosk-mode.svelte');
const { KioskScreen, VISIT_META } =
  await import('../../../../src/lib/features/kiosk/kiosk-screen.svelte');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The live camera, less the camera: it opens at once, and the test hands it the frames. */
function fakeCamera() {
  let onFrame: (t: number, faces: TrackedFace[]) => void = () => {};
  const camera: KioskCamera = {
    state: 'off',
    error: null,
    faces: [],
    size: { width: 640, height: 480 },
    attach: vi.fn(() => () => {}),
    start: vi.fn(async () => void (camera.state = 'on')),
    stop: vi.fn(() => void (camera.state = 'off')),
  };
  return {
    camera,
    make: (listener: typeof onFrame) => ((onFrame = listener), camera),
    frame: (t: number, faces: TrackedFace[]) => onFrame(t, faces),
  };
}

describe('kiosk screen', () => {
  let db: EmotionDb;
  let now: number;
  let cam: ReturnType<typeof fakeCamera>;
  let engine: { start: ReturnType<typeof vi.fn> };
  let screen: InstanceType<typeof KioskScreen>;
  let stop: () => void;

  beforeEach(() => {
    // The kiosk's timers are driven by hand; IndexedDB keeps the real event loop.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    fakePage();
    vi.stubGlobal('navigator', {});
    const thisDb = (db = freshDb());
    now = T0;
    cam = fakeCamera();
    engine = { start: vi.fn(async () => {}) };
    kioskMode.update({ enabled: true, retentionMs: 0, idleMs: 3_000 });
    // A screen stopped by the last test may still be purging: it must keep to its own database.
    screen = new KioskScreen({ camera: cam.make, engine, db: () => thisDb, now: () => now });
  });
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
    undoFakes();
  });

  const run = () => (stop = screen.run({ srcObject: null } as HTMLVideoElement));
  /** The clock moves to `t` and the readout's timer (every 500 ms) fires. */
  function clockAt(t: number) {
    now = t;
    vi.advanceTimersByTime(500);
  }
  const sessions = () => db.sessions.orderBy('startedAt').toArray();

  it('starts everything unattended, and stops it all on clean-up', async () => {
    run();
    expect(engine.start).toHaveBeenCalled();
    expect(cam.camera.attach).toHaveBeenCalled();
    await until(() => screen.keeper.status === 'running');
    expect(screen.wakeLock.status).toBe('unsupported');
    stop();
    expect(cam.camera.stop).toHaveBeenCalled();
    expect(screen.keeper.status).toBe('off');
    expect(screen.wakeLock.status).toBe('off');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads the nearest face, holds it through low signal, and resets to idle when nobody is left', async () => {
    run();
    expect(screen.readout).toEqual({ state: 'idle' });
    cam.frame(T0 + 100, [trackedFace(1, HAPPY)]);
    expect(screen.readout).toMatchObject({ state: 'reading', emotion: 'happy', faces: 1 });
    cam.frame(T0 + 500, [trackedFace(1, HAPPY, false)]);
    expect(screen.readout).toMatchObject({ state: 'reading', at: T0 + 100 });
    cam.frame(T0 + 2_600, [trackedFace(1, HAPPY, false)]);
    expect(screen.readout).toEqual({ state: 'low-signal', issues: ['dark'], faces: 1 });

    clockAt(T0 + 5_500); // 2.9 s without a face: not yet
    expect(screen.readout.state).toBe('low-signal');
    clockAt(T0 + 5_600);
    expect(screen.readout).toEqual({ state: 'idle' });
  });

  it('with no retention records nothing, and purges every ended session on start', async () => {
    await db.sessions.bulkAdd([
      session('ended', T0 - 2 * HOUR),
      session('gone', T0 - HOUR, { status: 'recording', endedAt: null, summary: null }),
    ]);
    await db.records.bulkAdd([record('ended', 1, -7200, HAPPY), record('gone', 1, -3600, FEAR)]);
    run();
    await until(() => screen.lastPurge !== null);
    // The session of a tab that went away is closed first, then purged like any ended one.
    expect(screen.lastPurge).toEqual({ at: T0, purged: 2 });
    expect(await db.records.count()).toBe(0);

    cam.frame(T0 + 100, [trackedFace(1, HAPPY)]);
    cam.frame(T0 + 1_200, [trackedFace(1, HAPPY)]);
    clockAt(T0 + 5_000);
    expect(screen.readout.state).toBe('idle');
    await until(() => screen.lastPurge?.at === T0 + 5_000);
    expect(await sessions()).toEqual([]);
    expect(screen.storageError).toBeNull();
  });

  it('with a retention age, records each visit as a session and purges only older ones', async () => {
    kioskMode.update({ retentionMs: HOUR });
    await db.sessions.bulkAdd([session('old', T0 - 3 * HOUR), session('recent', T0 - 10 * MINUTE)]);
    run();
    await until(() => screen.lastPurge !== null);
    expect(screen.lastPurge).toEqual({ at: T0, purged: 1 });

    cam.frame(T0 + 100, [trackedFace(1, HAPPY)]);
    await until(async () => (await db.sessions.count()) === 2);
    cam.frame(T0 + 1_100, [trackedFace(1, FEAR), trackedFace(2, HAPPY)]);
    cam.frame(T0 + 2_100, [trackedFace(1, FEAR)]);
    clockAt(T0 + 5_200); // 3.1 s without a face: the visit ends
    await until(() => screen.lastPurge?.at === T0 + 5_200);

    const [recent, visit] = await sessions();
    expect(recent?.id).toBe('recent');
    expect(visit).toMatchObject({
      ...VISIT_META,
      status: 'ended',
      startedAt: T0,
      endedAt: T0 + 5_200,
    });
    expect(visit?.summary).toMatchObject({ records: 3, faces: 2, dominant: 'fear' });
    expect(screen.lastPurge?.purged).toBe(0);

    // The next visitor gets a session of their own, ended when the kiosk stops.
    now = T0 + 10_000;
    cam.frame(now, [trackedFace(1, HAPPY)]);
    await until(async () => (await db.sessions.count()) === 3);
    now = T0 + 10_500;
    stop();
    await until(async () => (await sessions())[2]?.status === 'ended');
    expect((await sessions())[2]).toMatchObject({ startedAt: T0 + 10_000, endedAt: T0 + 10_500 });
    expect(screen.readout).toEqual({ state: 'idle' });
  });

  it('shows a storage failure, and clears it once a purge works again', async () => {
    db.close({ disableAutoOpen: true });
    run();
    await until(() => screen.storageError !== null);
    expect(screen.storageError).toMatch(/^Could not save to this browser's storage/);
    expect(screen.lastPurge).toBeNull();

    await db.open();
    now = T0 + MINUTE;
    vi.advanceTimersByTime(MINUTE);
    await until(() => screen.lastPurge !== null);
    expect(screen.lastPurge).toEqual({ at: T0 + MINUTE, purged: 0 });
    expect(screen.storageError).toBeNull();
  });
});
