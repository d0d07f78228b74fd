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
