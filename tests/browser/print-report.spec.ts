/**
 * The printed session report: Chromium prints the session page to a PDF (`page.pdf`, the same
 * engine as Save as PDF in the print dialog), and the PDF's own text and images are read back
 * with PDF.js: the title, the figures and the tables in at most two A4 pages, and the charts as
 * images.
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { checkinExport, SEEDED_LABEL, seedAndOpen } from './checkin-session';
import { expect, test } from './fixtures';

interface PdfContent {
  pages: number;
  text: string;
  images: number;
}

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageXObjectRepeat,
]);

async function readPdf(bytes: Buffer): Promise<PdfContent> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  let text = '';
  let images = 0;
  for (let n = 1; n <= pdf.numPages; n++) {
    const pdfPage = await pdf.getPage(n);
    const content = await pdfPage.getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
    const ops = await pdfPage.getOperatorList();
    images += ops.fnArray.filter((fn) => IMAGE_OPS.has(fn)).length;
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return { pages, text: text.replace(/\s+/g, ' '), images };
}

/** Every chart canvas has been redrawn at its printed size, at the print pixel ratio (2). */
async function chartsSized(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.querySelectorAll('canvas')].every(
      (c) => c.clientWidth > 0 && Math.abs(c.width - c.clientWidth * 2) <= 2,
    ),
  );
}

test('the session report prints on at most two A4 pages with its figures, tables and charts', async ({
  page,
}) => {
  const file = checkinExport();
  await seedAndOpen(page, file);
  await expect(page.getByTestId('stress-chart')).toHaveAttribute('data-points', '60');
  await expect(page.getByTestId('print-report')).toBeVisible();

  // As the print dialog does: the page laid out at the paper's width (A4: 210 mm, 794 px).
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print-report')).toBeHidden();
  await expect(page.getByTestId('report-facts')).toBeVisible();
  await expect.poll(() => chartsSized(page)).toBe(true);

  const pdf = await page.pdf({ format: 'A4' });
  await writeFile(test.info().outputPath('session-report.pdf'), pdf);
  const { pages, text, images } = await readPdf(pdf);
  console.log(`print report: ${pages} page(s), ${images} image(s), ${text.length} characters`);

  expect(pages).toBeLessThanOrEqual(2);
  const summary = file.sessions[0]!.summary!;
  for (const expected of [
    SEEDED_LABEL,
    'Duration',
    '1 min 00 s',
    'Baseline',
    'none',
    'Mean stress',
    `${Math.round(summary.meanStress!)}`,
    'Peak stress',
    `${summary.peakStress}`,
    'Spearman',
    'Spearman ρ 1.00',
    'Stress over time',
    'Emotion mix overall',
    'Check-ins (6)',
    'very stressed',
    'Main emotion',
  ]) {
    expect(text, `the PDF's text holds "${expected}"`).toContain(expected);
  }
  // No navigation, no buttons.
  for (const absent of ['Print report', 'Export CSV', 'Delete session', 'Settings']) {
    expect(text).not.toContain(absent);
  }
  expect(images, 'the charts are images in the PDF').toBeGreaterThanOrEqual(2);

  // US Letter (216 mm, 816 px wide; 279 mm tall) fits too.
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 816, height: 1056 });
  await page.emulateMedia({ media: 'print' });
  await expect.poll(() => chartsSized(page)).toBe(true);
  const letter = await readPdf(await page.pdf({ format: 'Letter' }));
  expect(letter.pages).toBeLessThanOrEqual(2);
  expect(letter.images).toBeGreaterThanOrEqual(2);
  expect(letter.text).toContain('Check-ins (6)');
});
