/** Reading what the page downloads, in the browser tests. */
import type { Download, Page } from '@playwright/test';

/** The text of a finished download. */
export async function readDownload(file: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of a download started by clicking `testid`. */
export async function download(page: Page, testid: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testid).click(),
  ]);
  return readDownload(file);
}
