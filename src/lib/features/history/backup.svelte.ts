/**
 * The history page's export, import and wipe of everything stored, with a message saying what
 * each did. Imports are all or nothing (transfer.ts).
 */
import { getDb, type EmotionDb } from '../../services/db/db';
import { wipeAll } from '../../services/db/queries';
import { importJson } from '../../services/db/transfer';
import { downloadExport, type ExportFormat } from '../../services/files/download-export';
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
  ) {}

  exportAll(format: ExportFormat): Promise<void> {
    return this.run(async () => {
      const { sessions, records } = await downloadExport(null, format, this.db());
      return `Exported ${sessions.length} sessions (${records.length} records) as ${format.toUpperCase()}.`;
    });
  }

  importFile(file: Blob & { name: string }): Promise<void> {
    return this.run(async () => {
      const result = await importJson(this.db(), await file.text());
      if (!result.ok) throw new Error(`${file.name}: ${result.message} Nothing was changed.`);
      this.onchanged();
      return `Imported ${result.sessions} sessions (${result.records} records) from ${file.name}.`;
    });
  }

  wipe(): Promise<void> {
    return this.run(async () => {
      await wipeAll(this.db());
      this.onchanged();
      return 'Every session was deleted from this browser.';
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
