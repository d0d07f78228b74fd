import { describe, expect, it } from 'vitest';
import {
  measureHeap,
  measureStorage,
  readModelManifest,
} from '../../../../src/lib/services/diagnostics/probes';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';

describe('measureHeap', () => {
  it("reads Chromium's performance.memory first", async () => {
    const perf = { memory: { usedJSHeapSize: 10, jsHeapSizeLimit: 100 } };
    expect(await measureHeap(perf, true)).toEqual({
      usedBytes: 10,
      limitBytes: 100,
      source: 'performance.memory',
    });
  });

  it('measures the user agent memory when isolated and nothing quicker exists', async () => {
    const perf = { measureUserAgentSpecificMemory: () => Promise.resolve({ bytes: 42 }) };
    expect(await measureHeap(perf, true)).toEqual({
      usedBytes: 42,
      limitBytes: null,
      source: 'measureUserAgentSpecificMemory',
    });
    expect(await measureHeap(perf, false)).toBeNull();
  });

  it('is null when the measurement is refused or the browser has none', async () => {
    const refused = {
      measureUserAgentSpecificMemory: () => Promise.reject(new Error('SecurityError')),
    };
    expect(await measureHeap(refused, true)).toBeNull();
    expect(await measureHeap({}, true)).toBeNull();
  });
});

describe('measureStorage', () => {
  it('reports usage, quota and persistence', async () => {
    const storage = {
      estimate: () => Promise.resolve({ usage: 1234, quota: 10_000 }),
      persisted: () => Promise.resolve(true),
    };
    expect(await measureStorage(storage)).toEqual({
      usageBytes: 1234,
      quotaBytes: 10_000,
      persisted: true,
    });
  });

  it('says null for what the browser cannot or will not tell', async () => {
    const failing = {
      estimate: () => Promise.reject(new Error('no')),
      persisted: () => Promise.reject(new Error('no')),
    };
    const empty = { usageBytes: null, quotaBytes: null, persisted: null };
    expect(await measureStorage(failing)).toEqual(empty);
    expect(await measureStorage(undefined)).toEqual(empty);
    expect(await measureStorage({})).toEqual(empty);
  });
});

describe('readModelManifest', () => {
  it('reads the shipped manifest over HTTP, and null for a missing one or no server', async () => {
    const manifest = await readFile('static/models/manifest.json');
    const server = createServer((req, res) => {
      if (req.url === '/models/manifest.json') res.end(manifest);
      else res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    try {
      const base = `http://127.0.0.1:${port}`;
      const read = await readModelManifest(`${base}/models/manifest.json`);
      expect(Object.keys(read?.models ?? {})).toContain('face-detector');
      expect(await readModelManifest(`${base}/nothing.json`)).toBeNull();
    } finally {
      server.close();
    }
    expect(await readModelManifest('http://127.0.0.1:1/manifest.json')).toBeNull();
  });
});
