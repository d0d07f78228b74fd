import { describe, expect, it } from 'vitest';
import { matchByOverlap } from '../../../../src/lib/domain/tracking/match';
import {
  emptyTracker,
  TRACKER_OPTIONS,
  updateTracker,
  type JudgedReading,
  type TrackerState,
} from '../../../../src/lib/domain/tracking/tracker';
import { box, DARK, FEAR, HAPPY, judged, NEUTRAL } from './readings';

function run(frames: [number, JudgedReading[]][]) {
  let state: TrackerState = emptyTracker();
  return frames.map(([t, detections]) => {
    const result = updateTracker(state, detections, t);
    state = result.state;
    return result.faces;
  });
}

describe('matchByOverlap', () => {
  it('pairs the most overlapping boxes first, each box once', () => {
    const previous = [box(0, 0), box(200, 0)];
    const current = [box(205, 5), box(10, 0), box(600, 0)];
    // IoUs: previous 1 / current 0 = 9025 / 10975; previous 0 / current 1 = 9000 / 11000.
    expect(matchByOverlap(previous, current, 0.3)).toEqual([
      { from: 1, to: 0, iou: expect.closeTo(9025 / 10975, 6) },
      { from: 0, to: 1, iou: expect.closeTo(9000 / 11000, 6) },
    ]);
  });

  it('leaves boxes below the overlap threshold unmatched', () => {
    expect(matchByOverlap([box(0, 0)], [box(80, 80)], 0.3)).toEqual([]);
  });
});

describe('tracker', () => {
  it('keeps ids stable while faces move, whatever their order in the frame', () => {
    const frames = run([
      [0, [judged(box(0, 0), NEUTRAL), judged(box(300, 0), HAPPY)]],
      [100, [judged(box(310, 5), HAPPY), judged(box(8, 4), NEUTRAL)]],
      [200, [judged(box(16, 8), NEUTRAL), judged(box(320, 10), HAPPY)]],
    ]);
    expect(frames.map((f) => f.map((face) => face.id))).toEqual([
      [1, 2],
      [2, 1],
      [1, 2],
    ]);
  });

  it('gives a new face a new id and never reuses one', () => {
    const frames = run([
      [0, [judged(box(0, 0), NEUTRAL)]],
      [100, [judged(box(0, 0), NEUTRAL), judged(box(400, 0), HAPPY)]],
      [2000, [judged(box(0, 0), NEUTRAL)]],
    ]);
    expect(frames[1]?.map((f) => f.id)).toEqual([1, 2]);
    // Unseen for longer than maxAgeMs: the track ended; the face that comes back is a new one.
    expect(frames[2]?.map((f) => f.id)).toEqual([3]);
  });

  it('keeps a track through a short miss', () => {
    const frames = run([
      [0, [judged(box(0, 0), NEUTRAL)]],
      [100, []],
      [100 + TRACKER_OPTIONS.maxAgeMs - 200, [judged(box(5, 0), NEUTRAL)]],
    ]);
    expect(frames[2]?.[0]?.id).toBe(1);
  });

  it('smooths a change of expression instead of jumping', () => {
    const frames = run([
      [0, [judged(box(0, 0), NEUTRAL)]],
      [100, [judged(box(0, 0), FEAR)]],
      [3000, [judged(box(0, 0), FEAR)]],
    ]);
    const first = frames[0]?.[0]?.smoothed;
    const second = frames[1]?.[0]?.smoothed;
    const settled = frames[2]?.[0]?.smoothed;
    expect(first?.dominant).toBe('neutral');
    expect(second?.dominant).toBe('neutral');
    expect(second?.stress).toBeGreaterThan(first?.stress ?? 100);
    expect(settled?.dominant).toBe('fear');
  });

  it('shows no figure for a low-quality reading and keeps it out of the smoothing', () => {
    const frames = run([
      [0, [judged(box(0, 0), NEUTRAL)]],
      [100, [judged(box(0, 0), FEAR, DARK)]],
      [200, [judged(box(0, 0), NEUTRAL)]],
    ]);
    expect(frames[1]?.[0]?.smoothed).toBeNull();
    expect(frames[1]?.[0]?.id).toBe(1);
    expect(frames[2]?.[0]?.smoothed?.probabilities[6]).toBeCloseTo(NEUTRAL[6] ?? 0, 2);
  });

  it('shows the stress level of the rounded smoothed stress', () => {
    const [faces] = run([[0, [judged(box(0, 0), FEAR)]]]);
    const smoothed = faces?.[0]?.smoothed;
    expect(Number.isInteger(smoothed?.stress)).toBe(true);
    expect(smoothed?.level).toBe('high');
  });
});
