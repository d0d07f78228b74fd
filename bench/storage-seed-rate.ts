/**
 * Why the storage section runs in a profile on disk: seeds the same readings into the app's
 * IndexedDB in an off-the-record context (IndexedDB in memory) and in a profile on disk, and prints
 * the time of each. Serves the bench root of the last `npm run bench` (.tmp/bench-root).
 *
 *   npx tsx bench/storage-seed-rate.ts [readings=60000]
 */
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { launch, launchOnDisk, newContext } from './lib/browser';
import { serve } from './lib/server';
import { seedApp } from './sections/storage';

const readings = Number(process.argv[2] ?? 60_000);
const server = await serve(path.resolve(import.meta.dirname, '..', '.tmp', 'bench-root'), 4198);

async function seedMs(context: BrowserContext): Promise<number> {
  return (await seedApp(await context.newPage(), readings)).seedMs;
}

try {
  const browser = await launch();
  try {
    const ms = await seedMs(await newContext(browser, server.origin));
    console.log(`in memory (off the record): ${readings} readings in ${ms} ms`);
  } finally {
    await browser.close();
  }
  const onDisk = await launchOnDisk(server.origin);
  try {
    console.log(`on disk: ${readings} readings in ${await seedMs(onDisk.context)} ms`);
  } finally {
    await onDisk.close();
  }
} finally {
  server.stop();
}
