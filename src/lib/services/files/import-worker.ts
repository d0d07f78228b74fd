/**
 * Parses and validates a backup off the page's thread: a large file takes seconds of JSON.parse
 * and validation, which would freeze the page. Receives the file's bytes, answers a ParseResult.
 */
import { parseExportBytes } from '../../domain/session/export-file';

addEventListener('message', (e: MessageEvent<ArrayBuffer>) =>
  postMessage(parseExportBytes(e.data)),
);
