/**
 * The history page's list: stored sessions, newest first, a page at a time, narrowed by the
 * filters; deleting one reloads the page it was on (or the one before, if it was the last row).
 */
import { getDb, type EmotionDb } from '../../services/db/db';
import { storageErrorMessage } from '../../services/db/errors';
import {
  countSessions,
  deleteSession,
  listSessions,
  type SessionFilter,
} from '../../services/db/queries';
import { recoverOnce } from '../../services/db/recovery';
import type { SessionRow } from '../../domain/session/records';

export type { SessionFilter };

export const PAGE_SIZE = 25;

export class HistoryList {
  /** Zero-based. */
  page = $state(0);
  total = $state(0);
  rows = $state.raw<SessionRow[]>([]);
  loading = $state(true);
  error = $state<string | null>(null);
  readonly pages = $derived(Math.max(1, Math.ceil(this.total / PAGE_SIZE)));

  private filter: SessionFilter = {};
  /** Drops the answer of a query that a newer one overtook. */
  private query = 0;

  constructor(private readonly db: () => EmotionDb = getDb) {}

  /** Shows the first page, once sessions left open by a closed tab are closed and listable. */
  async open(): Promise<void> {
    await recoverOnce(this.db()).catch(() => []);
    await this.load(0);
  }

  filterBy(filter: SessionFilter): Promise<void> {
    this.filter = filter;
    return this.load(0);
  }

  newer(): Promise<void> {
    return this.load(this.page - 1);
  }

  older(): Promise<void> {
    return this.load(this.page + 1);
  }

  /** Back to the first page (after an import or a wipe). */
  reload(): Promise<void> {
    return this.load(0);
  }

  async remove(id: string): Promise<void> {
    try {
      await deleteSession(this.db(), id);
    } catch (e) {
      this.error = storageErrorMessage(e);
      return;
    }
    const last = Math.max(0, Math.ceil((this.total - 1) / PAGE_SIZE) - 1);
    await this.load(Math.min(this.page, last));
  }

  private async load(to: number): Promise<void> {
    const id = ++this.query;
    this.loading = true;
    try {
      const db = this.db();
      const [count, list] = await Promise.all([
        countSessions(db, this.filter),
        listSessions(db, this.filter, to * PAGE_SIZE, PAGE_SIZE),
      ]);
      if (id !== this.query) return;
      this.total = count;
      this.rows = list;
      this.page = to;
      this.error = null;
    } catch (e) {
      if (id === this.query) this.error = storageErrorMessage(e);
    } finally {
      if (id === this.query) this.loading = false;
    }
  }
}
