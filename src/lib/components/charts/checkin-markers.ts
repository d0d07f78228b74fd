/**
 * Check-ins on the stress chart: a dataset of large triangles (a shape of their own, not only a
 * colour) on a right-hand 1–5 axis, so that "how I felt" sits beside "what was measured".
 */
import type { ChartDataset, ChartOptions, ScaleOptions } from 'chart.js';
import { CHECKIN_LEVELS, type CheckinLevel } from '$lib/domain/session/records';

export interface ChartCheckin {
  /** Seconds since the session started. */
  second: number;
  level: CheckinLevel;
}

type LegendConfig = NonNullable<NonNullable<ChartOptions<'line'>['plugins']>['legend']>;

export const CHECKIN_AXIS = 'checkin';
export const CHECKIN_LEGEND = 'Check-in (right axis: 1 calm – 5 very stressed)';

/** A legend that names the check-in markers only (the stress line is the chart's title). */
export function checkinLegend(): LegendConfig {
  return {
    display: true,
    position: 'bottom',
    labels: { usePointStyle: true, filter: (item) => item.text === CHECKIN_LEGEND },
  };
}

export function checkinDataset(
  checkins: readonly ChartCheckin[],
  color: string,
): ChartDataset<'line', { x: number; y: number }[]> {
  return {
    label: CHECKIN_LEGEND,
    data: checkins.map((c) => ({ x: c.second, y: c.level })),
    yAxisID: CHECKIN_AXIS,
    showLine: false,
    pointStyle: 'triangle',
    pointRadius: 8,
    pointHoverRadius: 9,
    pointBorderWidth: 2,
    borderColor: color,
    backgroundColor: color,
  };
}

export function checkinScale(): ScaleOptions<'linear'> {
  return {
    type: 'linear',
    position: 'right',
    min: 0.5,
    max: 5.5,
    grid: { drawOnChartArea: false },
    // One tick per level, whatever the axis' own stepping from 0.5 would give.
    afterBuildTicks: (axis) => {
      axis.ticks = CHECKIN_LEVELS.map((value) => ({ value }));
    },
    title: { display: true, text: 'check-in' },
  };
}
