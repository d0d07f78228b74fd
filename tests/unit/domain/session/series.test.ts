import { describe, expect, it } from 'vitest';
import { faceIds, recordsOf, timeSeries } from '../../../../src/lib/domain/session/series';
import { FEAR, HAPPY, NEUTRAL, record, T0 } from '../../fixtures/sessions';

const records = [
  record('s', 2, 0, HAPPY),
  record('s', 1, 0, FEAR),
  record('s', 1, 1, NEUTRAL),
  record('s', 1, 4, NEUTRAL),
];

describe('chart series', () => {
  it('lists the faces and picks one face’s records', () => {
    expect(faceIds(records)).toEqual([1, 2]);
    expect(recordsOf(records, 2)).toHaveLength(1);
    expect(recordsOf(records, null)).toHaveLength(4);
  });

  it('averages the faces of each second and breaks the line at gaps', () => {
    const series = timeSeries(records, T0);
    expect(series.map((p) => p && p.second)).toEqual([0, 1, null, 4]);
    const first = series[0];
    expect(first?.faces).toBe(2);
    expect(first?.stress).toBeCloseTo((records[0]!.stress + records[1]!.stress) / 2);
    expect(first?.probabilities.reduce((a, b) => a + b)).toBeCloseTo(1);
  });
});
