import { describe, expect, it, vi } from 'vitest';
import {
  Chart,
  PRINT_PIXEL_RATIO,
  resizeChartsForPrint,
} from '../../../../src/lib/components/charts/chart';
import {
  CHECKIN_AXIS,
  CHECKIN_LEGEND,
  checkinDataset,
  checkinLegend,
  checkinScale,
} from '../../../../src/lib/components/charts/checkin-markers';

describe('check-in markers', () => {
  it('are triangles on their own 1–5 axis, without a line', () => {
    const set = checkinDataset(
      [
        { second: 3, level: 2 },
        { second: 9.5, level: 5 },
      ],
      '#2f6f8f',
    );
    expect(set.data).toEqual([
      { x: 3, y: 2 },
      { x: 9.5, y: 5 },
    ]);
    expect(set).toMatchObject({ yAxisID: CHECKIN_AXIS, showLine: false, pointStyle: 'triangle' });
    const scale = checkinScale() as {
      min: number;
      max: number;
      afterBuildTicks: (axis: { ticks: { value: number }[] }) => void;
    };
    expect([scale.min, scale.max]).toEqual([0.5, 5.5]);
    const axis = { ticks: [{ value: 0.5 }, { value: 1.5 }] };
    scale.afterBuildTicks(axis);
    expect(axis.ticks.map((t) => t.value)).toEqual([1, 2, 3, 4, 5]);
    const legend = checkinLegend() as unknown as {
      labels: { filter: (item: { text: string }) => boolean };
    };
    expect(legend.labels.filter({ text: CHECKIN_LEGEND })).toBe(true);
    expect(legend.labels.filter({ text: 'Stress' })).toBe(false);
  });
});

describe('charts in print', () => {
  it('redraw sharper before printing and when the print medium starts, and back after', () => {
    const win = new EventTarget();
    const media = Object.assign(new EventTarget(), { matches: false });
    const target = Object.assign(win, { matchMedia: () => media }) as unknown as Window;
    const ratios: (number | undefined)[] = [];
    const chart = {
      options: { devicePixelRatio: undefined as number | undefined },
      resize: vi.fn(() => ratios.push(chart.options.devicePixelRatio)),
    };
    const instances = vi
      .spyOn(Chart, 'instances', 'get')
      .mockReturnValue({ a: chart } as unknown as typeof Chart.instances);
    const stop = resizeChartsForPrint(target);
    win.dispatchEvent(new Event('beforeprint'));
    win.dispatchEvent(new Event('afterprint'));
    media.matches = true;
    media.dispatchEvent(new Event('change'));
    media.matches = false;
    media.dispatchEvent(new Event('change'));
    expect(ratios).toEqual([PRINT_PIXEL_RATIO, undefined, PRINT_PIXEL_RATIO, undefined]);
    stop();
    win.dispatchEvent(new Event('beforeprint'));
    media.dispatchEvent(new Event('change'));
    expect(chart.resize).toHaveBeenCalledTimes(4);
    instances.mockRestore();
  });
});
