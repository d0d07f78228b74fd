/**
 * Test helper: static/models served over HTTP on 127.0.0.1, as the app's origin serves them, so
 * that the worker's real download and integrity check run. Counts the requests per path.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SHIPPED_MODELS_DIR } from '../../../../scripts/lib/paths';

export interface ModelServer {
  /** The models folder's URL, with a trailing slash. */
  base: string;
  /** URL paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function serveModels(): Promise<ModelServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(urlPath);
    const file = path.join(SHIPPED_MODELS_DIR, urlPath.replace(/^\/models\//, ''));
    const inside = urlPath.startsWith('/models/') && file.startsWith(SHIPPED_MODELS_DIR);
    void (inside ? readFile(file) : Promise.reject(new Error('outside'))).then(
      (bytes) => res.writeHead(200, { 'content-length': bytes.byteLength }).end(bytes),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/models/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
