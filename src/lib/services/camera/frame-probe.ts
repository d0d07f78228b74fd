/**
 * Holds the frame being analysed: the video is drawn once into a canvas, the worker gets an
 * ImageBitmap of that canvas, and when its result comes back the face regions are read from the
 * same pixels for the quality gate (pixel-stats.ts).
 */
import type { Box } from '../../domain/vision/box';
import { faceRegionStats, type PixelStats } from '../../domain/quality/pixel-stats';

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

export class FrameProbe {
  private readonly canvas: OffscreenCanvas | HTMLCanvasElement;
  private readonly ctx: Canvas2D;

  constructor() {
    this.canvas =
      typeof OffscreenCanvas === 'function'
        ? new OffscreenCanvas(1, 1)
        : document.createElement('canvas');
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('This browser cannot read video frames (no 2D canvas).');
    this.ctx = ctx as Canvas2D;
  }

  /** Copies the video's current frame; returns a bitmap of it to transfer to the worker. */
  capture(video: HTMLVideoElement): Promise<ImageBitmap> {
    const { videoWidth: width, videoHeight: height } = video;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.ctx.drawImage(video, 0, 0, width, height);
    return createImageBitmap(this.canvas);
  }

  /** Brightness and sharpness of a region of the captured frame; null if it is empty. */
  stats(box: Box): PixelStats | null {
    const x = Math.max(0, Math.floor(box.x));
    const y = Math.max(0, Math.floor(box.y));
    const width = Math.min(this.canvas.width, Math.ceil(box.x + box.width)) - x;
    const height = Math.min(this.canvas.height, Math.ceil(box.y + box.height)) - y;
    if (width < 2 || height < 2) return null;
    const pixels = this.ctx.getImageData(x, y, width, height);
    return faceRegionStats(pixels.data, width, height);
  }
}
