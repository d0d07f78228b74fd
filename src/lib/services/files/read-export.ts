/**
 * Reads a backup file chosen by the person and validates it in a Web Worker (import-worker.ts):
 * the page stays responsive however large the file. Every failure comes back as a message.
 */
import { sizeProblem, type ParseResult } from '../../domain/session/export-file';
import { errorText } from '../../domain/error-text';

export type ExportParser = (bytes: ArrayBuffer) => Promise<ParseResult>;

export async function readExport(
  file: Blob,
  parse: ExportParser = parseInWorker,
): Promise<ParseResult> {
  const tooLarge = sizeProblem(file.size);
  if (tooLarge) return { ok: false, message: tooLarge };
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (e) {
    return { ok: false, message: `The file could not be read (${errorText(e)}).` };
  }
  return parse(bytes);
}

/** One worker per import, ended with its answer: imports are rare and the worker is small. */
export function parseInWorker(bytes: ArrayBuffer): Promise<ParseResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    const done = (result: ParseResult) => {
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (e: MessageEvent<ParseResult>) => done(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      done({
        ok: false,
        message: `The file could not be checked: ${e.message || 'the checker failed'}`,
      });
    };
    worker.postMessage(bytes, [bytes]);
  });
}
