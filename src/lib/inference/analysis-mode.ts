/**
 * photo: also looks at overlapping tiles so that small faces in a large photo are found;
 * live: one pass over the whole frame, for speed.
 */
export type AnalysisMode = 'photo' | 'live';
