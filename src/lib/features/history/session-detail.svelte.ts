/**
 * One stored session for its page: the row and its records, the face the charts show (all by
 * default), the series and summary for that choice, export and delete.
 */
import { getDb, type EmotionDb } from '../../services/db/db';
import { storageErrorMessage } from '../../services/db/errors';
import { deleteSession, getSession, sessionRecords } from '../../services/db/queries';
import { downloadExport, type ExportFormat } from '../../services/files/download-export';
import type { ReadingRecord, SessionRow, SessionSummary } from '../../domain/session/records';
import { faceIds, recordsOf, timeSeries } from '../../domain/session/series';
import { summarize } from '../../domain/session/summary';
import { agreement, mainFace, pairCheckins } from '../../domain/session/checkins';

export type DetailStatus = 'loading' | 'ready' | 'missing' | 'error';

export class SessionDetail {
  session = $state.raw<SessionRow | null>(null);
  records = $state.raw<ReadingRecord[]>([]);
  status = $state<DetailStatus>('loading');
  error = $state('');
  /** The face the figures are about; null: all faces. */
  face = $state<number | null>(null);

  readonly faces = $derived(faceIds(this.records));
  readonly chosen = $derived(recordsOf(this.records, this.face));
  readonly series = $derived(this.session ? timeSeries(this.chosen, this.session.startedAt) : []);
  readonly summary: SessionSummary = $derived(this.summaryOfChoice());
  readonly who = $derived(this.face === null ? 'all faces' : `face ${this.face}`);
  /**
   * Each check-in with the measured stress before it, and how well they agree: of the chosen
   * face, or with all faces shown, of the main face (the one with the most records).
   */
  readonly checkinFace = $derived(this.face ?? mainFace(this.records));
  readonly checkinPairs = $derived(
    pairCheckins(this.session?.checkins ?? [], recordsOf(this.records, this.checkinFace)),
  );
  readonly agreement = $derived(agreement(this.checkinPairs));

  constructor(private readonly db: () => EmotionDb = getDb) {}

  async load(id: string): Promise<void> {
    try {
      const db = this.db();
      const [row, list] = await Promise.all([getSession(db, id), sessionRecords(db, id)]);
      this.session = row ?? null;
      this.records = list;
      this.status = row ? 'ready' : 'missing';
    } catch (e) {
      this.status = 'error';
      this.error = storageErrorMessage(e);
    }
  }

  async download(format: ExportFormat): Promise<void> {
    if (this.session) await downloadExport(this.session.id, format, this.db());
  }

  /** True once the session is deleted (the page then leaves). */
  async remove(): Promise<boolean> {
    if (!this.session) return false;
    await deleteSession(this.db(), this.session.id);
    return true;
  }

  /** The stored summary covers all faces; one face's is computed from its records. */
  private summaryOfChoice(): SessionSummary {
    const stored = this.session?.summary;
    if (stored && this.face === null) return stored;
    return summarize(this.chosen, stored?.durationMs ?? 0);
  }
}
