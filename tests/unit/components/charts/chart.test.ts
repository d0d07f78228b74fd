import { afterEach, describe, expect, it, vi } from 'vitest';
import { STRESS_THRESHOLDS } from '../../../../src/lib/domain/affect/assess';
import {
  applyTheme,
  Chart,
  cssVar,
  EMOTION_STYLES,
  levelBands,
  withAlpha,
} from '../../../../src/lib/components/charts/chart';

type BandChart = Parameters<NonNullable<ReturnType<typeof levelBands>['beforeDatasetsDraw']>>[0];

/** A chart 100 px tall whose y axis maps stress 0–100 onto it, top down. */
function fakeChart(withY = true) {
  const painted: { fillStyle: string; rect: number[] }[] = [];
  const ctx = {
    fillStyle: '',
    save: vi.fn(),
    restore: vi.fn(),
    fillRect: (...rect: number[]) => painted.push({ fillStyle: ctx.fillStyle, rect }),
  };
  const chart = {
    ctx,
    chartArea: { left: 10, width: 200 },
    scales: withY ? { y: { getPixelForValue: (v: number) => 100 - v } } : {},
  } as unknown as BandChart;
  return { chart, painted, ctx };
}

describe('chart helpers', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adds transparency to a hex colour, and leaves other syntaxes alone', () => {
    expect(withAlpha('#2e7d32', 0.5)).toBe('rgba(46, 125, 50, 0.5)');
    expect(withAlpha('rebeccapurple', 0.5)).toBe('rebeccapurple');
  });

  it('gives every emotion its own dash and marker, and never animates', () => {
    const styles = Object.values(EMOTION_STYLES);
    expect(new Set(styles.map((s) => s.dash.join(','))).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.point)).size).toBe(styles.length);
    expect(Chart.defaults.animation).toBe(false);
  });

  it("draws text and grid lines in the page's theme", () => {
    const styles: Record<string, string> = { '--muted': '#a3adb8', '--border': '#3a434d' };
    vi.stubGlobal('getComputedStyle', () => ({
      getPropertyValue: (name: string) => styles[name] ?? '',
    }));
    applyTheme({} as Element);
    expect(Chart.defaults.color).toBe('#a3adb8');
    expect(Chart.defaults.borderColor).toBe('rgba(58, 67, 77, 0.6)');
  });

  it('reads a CSS variable, with a fallback where it is unset', () => {
    const styles: Record<string, string> = { '--low': ' #2e7d32 ' };
    vi.stubGlobal('getComputedStyle', () => ({
      getPropertyValue: (name: string) => styles[name] ?? '',
    }));
    const element = {} as Element;
    expect(cssVar(element, '--low', '#000000')).toBe('#2e7d32');
    expect(cssVar(element, '--high', '#ff0000')).toBe('#ff0000');
  });

  it('paints the three stress bands behind the y axis', () => {
    const plugin = levelBands({ low: '#00ff00', moderate: '#ffff00', high: '#ff0000' });
    const { chart, painted, ctx } = fakeChart();
    plugin.beforeDatasetsDraw?.(chart, { cancelable: true }, {});
    const { moderate, high } = STRESS_THRESHOLDS;
    expect(painted).toEqual([
      { fillStyle: 'rgba(0, 255, 0, 0.14)', rect: [10, 100 - moderate, 200, moderate] },
      {
        fillStyle: 'rgba(255, 255, 0, 0.14)',
        rect: [10, 100 - high, 200, high - moderate],
      },
      { fillStyle: 'rgba(255, 0, 0, 0.14)', rect: [10, 0, 200, 100 - high] },
    ]);
    expect(ctx.restore).toHaveBeenCalledOnce();
  });

  it('paints nothing on a chart without a y axis', () => {
    const { chart, painted } = fakeChart(false);
    levelBands({ low: '#000000', moderate: '#000000', high: '#000000' }).beforeDatasetsDraw?.(
      chart,
      { cancelable: true },
      {},
    );
    expect(painted).toEqual([]);
  });
});
