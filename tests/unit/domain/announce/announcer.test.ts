import { describe, expect, it } from 'vitest';
import { assessAffect } from '../../../../src/lib/domain/affect/assess';
import {
  announce,
  announceNow,
  describeFaces,
  mainFace,
  silentAnnouncer,
  summaryText,
  type AnnouncerState,
} from '../../../../src/lib/domain/announce/announcer';
import { summarize } from '../../../../src/lib/domain/session/summary';
import type { TrackedFace } from '../../../../src/lib/domain/tracking/tracker';
import { box, DARK, FEAR, GOOD, HAPPY, judged, NEUTRAL } from '../tracking/readings';

function face(id: number, side: number, probabilities: number[], ok = true): TrackedFace {
  return {
    ...judged(box(id * 200, 0, side), probabilities, ok ? GOOD : DARK),
    id,
    smoothed: ok ? assessAffect(probabilities) : null,
  };
}

/** Folds frames at given times through the announcer; returns the text after each. */
function run(frames: [number, TrackedFace[]][]): string[] {
  let state: AnnouncerState = silentAnnouncer();
  return frames.map(([t, faces]) => {
    state = announce(state, describeFaces(faces), t);
    return state.text;
  });
}

describe('mainFace', () => {
  it('is the largest face with a reading', () => {
    expect(
      mainFace([face(1, 80, NEUTRAL), face(2, 120, HAPPY), face(3, 200, FEAR, false)])?.id,
    ).toBe(2);
    expect(mainFace([face(1, 80, NEUTRAL, false)])).toBeNull();
    expect(mainFace([])).toBeNull();
  });
});

describe('describeFaces', () => {
  it('says the main face, its stress level and how many faces are in view', () => {
    const m = describeFaces([face(1, 100, HAPPY), face(2, 50, FEAR)]);
    expect(m.key).toBe('happy/low');
    expect(m.text).toMatch(/^Main face: happy, stress low \(\d+ of 100\)\. 2 faces in view\.$/);
    expect(describeFaces([face(1, 100, NEUTRAL, false)]).key).toBe('low-signal');
    expect(describeFaces([]).key).toBe('none');
  });
});

describe('announce', () => {
  it('says a first face at once, then a change no sooner than 5 s after the last', () => {
    const texts = run([
      [0, []],
      [100, [face(1, 100, NEUTRAL)]],
      [1_000, [face(1, 100, HAPPY)]],
      [4_000, [face(1, 100, FEAR)]],
      [5_099, [face(1, 100, FEAR)]],
      [5_100, [face(1, 100, FEAR)]],
      [9_000, [face(1, 100, FEAR)]],
    ]);
    expect(texts[0]).toBe('');
    expect(texts[1]).toMatch(/^Main face: neutral/);
    expect(texts[2]).toBe(texts[1]);
    expect(texts[3]).toBe(texts[1]);
    expect(texts[4]).toBe(texts[1]);
    expect(texts[5]).toMatch(/^Main face: fear, stress high/);
    expect(texts[6]).toBe(texts[5]);
  });

  it('does not repeat itself while only the stress figure moves', () => {
    const state = announce(silentAnnouncer(), { key: 'happy/low', text: 'a' }, 0);
    expect(announce(state, { key: 'happy/low', text: 'b' }, 60_000)).toBe(state);
  });

  it('says a face left, and that it came back, but not before a first face', () => {
    const texts = run([
      [0, [face(1, 100, NEUTRAL, false)]],
      [100, [face(1, 100, NEUTRAL)]],
      [6_000, []],
      [12_000, [face(1, 100, NEUTRAL)]],
    ]);
    expect(texts[0]).toBe('');
    expect(texts[2]).toBe('No face in view.');
    expect(texts[3]).toMatch(/^Main face: neutral/);
  });
});

describe('announceNow and summaryText', () => {
  it('says an event at once and holds face messages for a full interval after it', () => {
    let state = announce(silentAnnouncer(), { key: 'happy/low', text: 'face' }, 0);
    state = announceNow(state, 'Recording started.', 1_000);
    expect(state.text).toBe('Recording started.');
    expect(announce(state, { key: 'sad/low', text: 'sad' }, 5_500).text).toBe('Recording started.');
    expect(announce(state, { key: 'sad/low', text: 'sad' }, 6_000).text).toBe('sad');
  });

  it('sums up a stopped session', () => {
    const records = [0, 1, 2].map((s) => {
      const a = assessAffect(NEUTRAL);
      return { sessionId: 's', faceId: 1, t: s * 1000, quality: 1, frames: 5, ...a };
    });
    expect(summaryText(summarize(records, 3_400))).toMatch(
      /^Session stopped after 3 s: 1 face, mostly neutral, mean stress \d+ of 100 \(low\)\.$/,
    );
    expect(summaryText(summarize([], 2_000))).toBe('Session stopped after 2 s: no face was read.');
  });
});
