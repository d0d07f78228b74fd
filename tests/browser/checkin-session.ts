/** A stored session with check-ins, as an export file the browser tests import to seed it. */
import type { Page } from '@playwright/test';
import { buildExport, type ExportFile } from '../../src/lib/domain/session/export-file';
import type { CheckinLevel, ReadingRecord } from '../../src/lib/domain/session/records';
import { summarize } from '../../src/lib/domain/session/summary';
import { record, session } from '../unit/fixtures/sessions';
import { expect } from './fixtures';

export const SEEDED_ID = '7e57c0de-0000-4000-8000-00000000c4ec';
export const SEEDED_LABEL = 'Exam rehearsal';
const T0 = Date.UTC(2025, 2, 3, 14, 30);

/** One mix per check-in level, with measured stress rising with it (2, 3, 52, 79, 90). */
const MIXES: Record<CheckinLevel, number[]> = {
  1: [0.01, 0.01, 0.01, 0.9, 0.02, 0.03, 0.02],
  2: [0.02, 0.01, 0.02, 0.05, 0.05, 0.05, 0.8],
  3: [0.05, 0.02, 0.1, 0.01, 0.7, 0.05, 0.07],
  4: [0.05, 0.02, 0.8, 0.01, 0.05, 0.05, 0.02],
  5: [0.6, 0.05, 0.3, 0.0, 0.02, 0.02, 0.01],
};

/** The level reported at the end of each 10 s segment; the face looked that way all along. */
export const SEEDED_LEVELS: CheckinLevel[] = [1, 3, 2, 5, 4, 1];

/** 60 s of one face in six 10 s segments, a check-in at the end of each. */
export function checkinExport(): ExportFile {
  const records: ReadingRecord[] = [];
  SEEDED_LEVELS.forEach((level, k) => {
    for (let s = k * 10; s < k * 10 + 10; s++) {
      records.push({ ...record(SEEDED_ID, 1, s, MIXES[level]), t: T0 + s * 1000, frames: 8 });
    }
  });
  const seeded = session(SEEDED_ID, T0, {
    label: SEEDED_LABEL,
    tags: ['report'],
    updatedAt: T0 + 60_000,
    endedAt: T0 + 60_000,
    checkins: SEEDED_LEVELS.map((level, k) => ({ t: T0 + k * 10_000 + 9_500, level })),
    summary: summarize(records, 60_000),
  });
  return buildExport([seeded], records, new Date(T0 + 3_600_000));
}

/** Imports `file` on /history and opens the session's page. */
export async function seedAndOpen(page: Page, file: ExportFile = checkinExport()): Promise<void> {
  await page.goto('/history');
  await page.getByTestId('import-input').setInputFiles({
    name: 'checkins.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page.getByTestId('transfer-status')).toHaveAttribute('data-kind', 'ok');
  await page.getByTestId('session-row').getByRole('link').first().click();
  await expect(page.getByTestId('session-title')).toBeVisible();
}
