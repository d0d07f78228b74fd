import { describe, expect, it } from 'vitest';
import { readoutDue, READOUT_INTERVAL_MS } from '../../../../src/lib/domain/tracking/readout-pace';
import {
  emptyTracker,
  updateTracker,
  type JudgedReading,
  type TrackedFace,
  type TrackerState,
} from '../../../../src/lib/domain/tracking/tracker';
import { box, DARK, HAPPY, judged, NEUTRAL } from './readings';

/** The faces the tracker gives for each frame, at 30 fps from t = 0. */
function frames(detections: JudgedReading[][]): TrackedFace[][] {
  let state: TrackerState = emptyTracker();
  return detections.map((d, i) => {
    const result = updateTracker(state, d, (i * 1000) / 30);
    state = result.state;
    return result.faces;
  });
}

describe('readoutDue', () => {
  it('redraws the same faces at most every READOUT_INTERVAL_MS', () => {
    const [a, b] = frames([[judged(box(0, 0), NEUTRAL)], [judged(box(4, 2), HAPPY)]]);
    expect(readoutDue(a!, 0, b!, READOUT_INTERVAL_MS - 1)).toBe(false);
    expect(readoutDue(a!, 0, b!, READOUT_INTERVAL_MS)).toBe(true);
  });

  it('shows a face that arrives or leaves at once', () => {
    const [one, two, back] = frames([
      [judged(box(0, 0), NEUTRAL)],
      [judged(box(0, 0), NEUTRAL), judged(box(300, 0), HAPPY)],
      [judged(box(0, 0), NEUTRAL)],
    ]);
    expect(readoutDue(one!, 0, two!, 1)).toBe(true);
    expect(readoutDue(two!, 0, back!, 1)).toBe(true);
    expect(readoutDue([], 0, one!, 1)).toBe(true);
    expect(readoutDue(one!, 0, [], 1)).toBe(true);
  });

  it('shows at once a face that turns to "not enough signal" and back', () => {
    const [good, dark, again] = frames([
      [judged(box(0, 0), NEUTRAL)],
      [judged(box(0, 0), NEUTRAL, DARK)],
      [judged(box(0, 0), NEUTRAL)],
    ]);
    expect(dark![0]!.smoothed).toBeNull();
    expect(readoutDue(good!, 0, dark!, 1)).toBe(true);
    expect(readoutDue(dark!, 0, again!, 1)).toBe(true);
  });

  it('shows at once a different face in the same place', () => {
    // The first track ends (unseen for over a second); a new one takes its place with a new id.
    const [first] = frames([[judged(box(0, 0), NEUTRAL)]]);
    const replaced = first!.map((f) => ({ ...f, id: f.id + 1 }));
    expect(readoutDue(first!, 0, replaced, 1)).toBe(true);
  });
});
