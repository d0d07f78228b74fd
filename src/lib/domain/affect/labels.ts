/** The seven FER-2013 classes, in the order of the dataset's numeric labels (0..6) and the model's outputs. */
export const EMOTIONS = [
  'angry',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
  'neutral',
] as const;

export type Emotion = (typeof EMOTIONS)[number];
