// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../../src/lib/domain/session/summary';
import { FEAR, HAPPY, NEUTRAL, record } from '../../fixtures/sessions';

describe('session summary', () => {
  it('gives duration, mean and peak stress, time per level and the emotion mix', () => {
    const records = [
      record('s', 1, 0, NEUTRAL),
      record('s', 1, 1, FEAR),
      record('s', 2, 0, HAPPY),
      record('s', 2, 1, HAPPY),
    ];
    const s = summarize(records, 2500);
    const stresses = records.map((r) => r.stress);
    expect(s.durationMs).toBe(2500);
    expect(s.faces).toBe(2);
    expect(s.records).toBe(4);
    expect(s.meanStress).toBeCloseTo(stresses.reduce((a, b) => a + b) / 4);
    expect(s.peakStress).toBe(Math.max(...stresses));
    expect(s.levelCounts.low + s.levelCounts.moderate + s.levelCounts.high).toBe(4);
    expect(s.levelCounts.high).toBe(1);
    expect(s.emotionMix.reduce((a, b) => a + b)).toBeCloseTo(1);
    expect(s.emotionMix[3]).toBeCloseTo((0.9 * 2 + 0.05 + 0.01) / 4, 2);
    expect(s.dominant).toBe('happy');
  });

  it('has no figures without records', () => {
    expect(summarize([], 1000)).toEqual({
      durationMs: 1000,
      faces: 0,
      records: 0,
      meanStress: null,
      peakStress: null,
      levelCounts: { low: 0, moderate: 0, high: 0 },
      emotionMix: [0, 0, 0, 0, 0, 0, 0],
      dominant: null,
    });
  });
});
