/**
 * Chart.js with only what the session charts use registered (the rest is tree-shaken), and the
 * app's colours read from its CSS variables.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
  type PointStyle,
} from 'chart.js';
import { STRESS_THRESHOLDS } from '$lib/domain/affect/assess';
import type { Emotion } from '$lib/domain/affect/labels';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

// No chart animates: nothing to stop for prefers-reduced-motion, and no redraw lag.
Chart.defaults.animation = false;

export { Chart };

export const EMOTION_COLORS: Record<Emotion, string> = {
  angry: '#d32f2f',
  disgust: '#7b8d2a',
  fear: '#8e44ad',
  happy: '#f2b100',
  sad: '#1f6fb2',
  surprise: '#e07b00',
  neutral: '#8a949e',
};

/** Each emotion's line dash and marker: series differ by more than their colour. */
export const EMOTION_STYLES: Record<Emotion, { dash: number[]; point: PointStyle }> = {
  angry: { dash: [], point: 'circle' },
  disgust: { dash: [8, 3], point: 'triangle' },
  fear: { dash: [2, 2], point: 'rect' },
  happy: { dash: [10, 3, 2, 3], point: 'rectRot' },
  sad: { dash: [14, 4], point: 'star' },
  surprise: { dash: [4, 4], point: 'crossRot' },
  neutral: { dash: [1, 3], point: 'line' },
};

/** Text and grid lines in the page's theme (light or dark), read from its CSS variables. */
export function applyTheme(element: Element): void {
  Chart.defaults.color = cssVar(element, '--muted', '#5b6470');
  Chart.defaults.borderColor = withAlpha(cssVar(element, '--border', '#c9d1da'), 0.6);
}

/** A CSS custom property's value as the element sees it. */
export function cssVar(element: Element, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/** "#2e7d32" → "rgba(46, 125, 50, alpha)"; other colour syntaxes pass through unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return color;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Paints the low / moderate / high stress bands behind a 0–100 y axis. */
export function levelBands(colors: {
  low: string;
  moderate: string;
  high: string;
}): Plugin<'line'> {
  const bands = [
    [0, STRESS_THRESHOLDS.moderate, colors.low],
    [STRESS_THRESHOLDS.moderate, STRESS_THRESHOLDS.high, colors.moderate],
    [STRESS_THRESHOLDS.high, 100, colors.high],
  ] as const;
  return {
    id: 'levelBands',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y;
      if (!y) return;
      ctx.save();
      for (const [from, to, color] of bands) {
        const top = y.getPixelForValue(to);
        ctx.fillStyle = withAlpha(color, 0.14);
        ctx.fillRect(chartArea.left, top, chartArea.width, y.getPixelForValue(from) - top);
      }
      ctx.restore();
    },
  };
}

/** Canvas pixels per CSS pixel in print: paper shows a screen's 1x canvas blurred. */
export const PRINT_PIXEL_RATIO = 2;

/**
 * Printing lays the page out anew at the paper's width: every chart redraws at its printed size,
 * and sharper, before the page is printed, and back after (Chart.js's own advice for printing).
 * The `print` medium starting or ending also covers a print preview or an emulated print medium,
 * which send no `beforeprint`.
 */
export function resizeChartsForPrint(target: Window): () => void {
  const media = target.matchMedia('print');
  const redraw = (printing: boolean) => {
    for (const chart of Object.values(Chart.instances)) {
      chart.options.devicePixelRatio = printing ? PRINT_PIXEL_RATIO : undefined;
      chart.resize();
    }
  };
  const before = () => redraw(true);
  const after = () => redraw(false);
  const change = () => redraw(media.matches);
  target.addEventListener('beforeprint', before);
  target.addEventListener('afterprint', after);
  media.addEventListener('change', change);
  return () => {
    target.removeEventListener('beforeprint', before);
    target.removeEventListener('afterprint', after);
    media.removeEventListener('change', change);
  };
}
