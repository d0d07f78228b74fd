/**
 * photo: also looks at overlapping tiles so that small faces in a large photo are found;
 * live: frames of one camera stream: one pass over the whole frame, and while the picture stays
 *   still the faces of a recent frame are reused, so that only the classifier runs (see
 *   engine/detection-schedule.ts).
 */
export type AnalysisMode = 'photo' | 'live';
