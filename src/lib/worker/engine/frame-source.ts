/**
 * A live frame as the pipeline reads it: only regions, each drawn straight at the size a model
 * takes (the detector's square, a tracked face's surroundings, a face crop), so that no stage
 * converts the whole frame. In the browser the canvas draws from the frame's bitmap
 * (frame-reader.ts); here, the same from plain pixels.
 */
import type { Box } from '../../domain/vision/box';
import { resampleRegion, type RgbaImage } from '../../domain/vision/resample';
import type { Pixels } from './pipeline';

export interface FrameSource {
  readonly width: number;
  readonly height: number;
  /**
   * RGBA of `region` (frame pixels; it may reach beyond the frame, which reads as black),
   * resized bilinearly to width x height.
   */
  read(region: Box, width: number, height: number): RgbaImage;
  /** Frees what the source holds (the bitmap); reads after it fail. */
  close(): void;
}

/** A source over pixels already in memory. */
export function pixelsSource(pixels: Pixels): FrameSource {
  return {
    width: pixels.width,
    height: pixels.height,
    read: (region, width, height) => resampleRegion(pixels, region, width, height),
    close: () => {},
  };
}
