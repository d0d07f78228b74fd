/**
 * The history page's export, import and wipe of everything stored, with a message saying what
 * each did. Imports are checked off the page's thread (read-export.ts), then written all or
 * nothing (transfer.ts).
 */
import { getDb, type EmotionDb } from '../../services/db/db';
import { wipeAll } from '../../services/db/queries';
import { writeActiveBaselineId } from '../../services/db/baselines';
import { importExport } from '../../services/db/transfer';
import { logEvent } from '../../services/diagnostics/event-log';
import { downloadExport, type ExportFormat } from '../../services/files/download-export';
import { parseInWorker, readExport, type ExportParser } from '../../services/files/read-export';
import { describeImport } from '../../domain/session/import-plan';
import { describeBaselineImport } from '../../domain/session/baselines';
import { errorText } from '../../domain/error-text';

export type { ExportFormat };

export interface BackupMessage {
  kind: 'ok' | 'error';
  text: string;
}

export class Backup {
  message = $state.raw<BackupMessage | null>(null);
  busy = $state(false);

  /** `onchanged` runs after anything changed the stored sessions. */
  constructor(
    private readonly onchanged: () => void,
    private readonly db: () => EmotionDb = getDb,
    private readonly parse: ExportParser = parseInWorker,
    private readonly storage: () => Storage | undefined = () => globalThis.localStorage,
  ) {}

  exportAll(format: ExportFormat): Promise<void> {
    return this.run(async () => {
      const { sessions, records } = await downloadExport(null, format, this.db());
      return `Exported ${sessions.length} sessions (${records.length} records) as ${format.toUpperCase()}.`;
    });
  }

  importFile(file: Blob & { name: string }): Promise<void> {
    return this.run(async () => {
      const parsed = await readExport(file, this.parse);
      const result = parsed.ok ? await importExport(this.db(), parsed.file) : parsed;
      if (!result.ok) {
        logEvent('import', `${file.name} refused: ${result.message}`, { bytes: file.size });
        throw new Error(`${file.name}: ${result.message} Nothing was changed.`);
      }
      const { sessions, records, skipped, renamed } = result.plan;
      logEvent('import', `${file.name} imported`, {
        sessions: sessions.length,
        records: records.length,
        skipped,
        renamed,
      });
      this.onchanged();
      return [describeImport(result.plan, file.name), describeBaselineImport(result.baselines)]
        .filter(Boolean)
        .join(' ');
    });
  }

  /** Deletes everything the person stored here, profiles included (a wipe keeps no trace). */
  wipe(): Promise<void> {
    return this.run(async () => {
      await wipeAll(this.db());
      writeActiveBaselineId(null, this.storage());
      this.onchanged();
      return 'Every session and profile was deleted from this browser.';
    });
  }

  private async run(task: () => Promise<string>): Promise<void> {
    this.busy = true;
    try {
      this.message = { kind: 'ok', text: await task() };
    } catch (e) {
      this.message = { kind: 'error', text: errorText(e) };
    } finally {
      this.busy = false;
    }
  }
}
