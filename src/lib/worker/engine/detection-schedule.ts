/**
 * Live frames: when to run the face detector, and when the faces found on a recent frame still
 * hold. The detector is most of a frame's cost; while the picture stays still (a person at a desk)
 * the faces are where they were, so only the classifier needs to run on the new pixels. Any cut,
 * movement or size change brings the detector back at once, and it runs at least every
 * `maxReuse + 1` frames so that a new face is never missed for long. A frame without faces is
 * always searched.
 */
import {
  frameDifference,
  lumaThumbnail,
  type RgbaPixels,
  type Thumbnail,
} from '../../domain/vision/frame-change';
import type { DetectedFace } from './face-detector';

export interface ScheduleOptions {
  /** Frames in a row that may reuse one detection. */
  maxReuse: number;
  /** Largest mean absolute luma difference (0..255, see frame-change.ts) from the detected frame. */
  maxChange: number;
}

/**
 * At most 2 of 3 frames reuse a detection (a new face waits at most two frames, 67 ms at 30 fps).
 * 3 luma levels: sensor-like noise (sigma 4 per pixel) moves the thumbnail by well under 1, a face
 * moving by 2 % of the frame by more than 3 (tests/unit/inference/detection-schedule.test.ts).
 */
export const LIVE_SCHEDULE: ScheduleOptions = { maxReuse: 2, maxChange: 3 };

export type ScheduleDecision =
  { reuse: true; faces: DetectedFace[] } | { reuse: false; thumbnail: Thumbnail };

export class DetectionSchedule {
  private reference: Thumbnail | null = null;
  private faces: DetectedFace[] = [];
  private reused = 0;

  constructor(private readonly options: ScheduleOptions = LIVE_SCHEDULE) {}

  /** Reuse the last faces for this frame (RGBA pixels), or detect and then call `detected`. */
  next(pixels: RgbaPixels): ScheduleDecision {
    const thumbnail = lumaThumbnail(pixels);
    const still =
      this.reference !== null &&
      this.faces.length > 0 &&
      this.reused < this.options.maxReuse &&
      frameDifference(this.reference, thumbnail) <= this.options.maxChange;
    if (!still) return { reuse: false, thumbnail };
    this.reused++;
    return { reuse: true, faces: this.faces };
  }

  /** Records what the detector found on the frame `next` returned this thumbnail for. */
  detected(thumbnail: Thumbnail, faces: DetectedFace[]): void {
    this.reference = thumbnail;
    this.faces = faces;
    this.reused = 0;
  }
}
