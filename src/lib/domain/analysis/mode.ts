/**
 * photo: also scans the whole image at its own resolution so that small faces in a large photo
 *   are found (see domain/vision/photo-scales.ts);
 * live: frames of one camera stream: the faces of the last frame are followed by a small detector
 *   on the regions around them, and the whole frame is scanned only now and then (see
 *   worker/engine/live-tracker.ts).
 */
export type AnalysisMode = 'photo' | 'live';
