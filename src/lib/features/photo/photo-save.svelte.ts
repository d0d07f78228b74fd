/** Saving an analysed photo as a one-shot session, for the photo page's "Save as session". */
import { getDb, type EmotionDb } from '../../services/db/db';
import { storageErrorMessage } from '../../services/db/errors';
import { savePhotoSession } from '../../services/db/photo-session';
import type { FrameAnalysis } from '../../domain/analysis/types';

export type SaveStatus =
  | { state: 'idle' | 'saving' }
  | { state: 'saved'; id: string }
  | { state: 'error'; message: string };

export class PhotoSave {
  status = $state.raw<SaveStatus>({ state: 'idle' });

  constructor(private readonly db: () => EmotionDb = getDb) {}

  async save(analysis: FrameAnalysis, label: string): Promise<void> {
    this.status = { state: 'saving' };
    try {
      const row = await savePhotoSession(this.db(), analysis, label);
      this.status = { state: 'saved', id: row.id };
    } catch (e) {
      this.status = { state: 'error', message: storageErrorMessage(e) };
    }
  }
}
