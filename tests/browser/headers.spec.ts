/**
 * The production headers (nginx.conf), checked on the real server the tests run against.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, APIResponse, Response } from '@playwright/test';
import { expect, test } from './fixtures';

const buildDir = path.resolve(process.env.BUILD_DIR ?? 'build');

const CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'", 'blob:'],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'media-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'manifest-src': ["'self'"],
  // SvelteKit's route announcer carries one fixed inline style (sveltejs/kit#11993); only its hash is allowed.
  'style-src-attr': ["'unsafe-hashes'", "'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='"],
};

const FIXED_HEADERS: Record<string, string> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function parseCsp(value: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of value.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = sources;
  }
  return directives;
}

/** Every security header exactly once, with the exact values. */
function expectSecurityHeaders(res: APIResponse): void {
  expectSecurityHeadersIn(
    res.url(),
    res.headersArray().map(({ name, value }) => ({ name: name.toLowerCase(), value })),
  );
}

function expectSecurityHeadersIn(url: string, all: { name: string; value: string }[]): void {
  const once = (name: string): string => {
    const found = all.filter((h) => h.name === name);
    expect(found, `${url}: one ${name} header`).toHaveLength(1);
    return found[0]?.value ?? '';
  };

  const csp = parseCsp(once('content-security-policy'));
  expect(csp, `${url}: CSP directives`).toEqual(CSP);
  const sources = Object.values(csp).flat();
  expect(sources).not.toContain("'unsafe-inline'");
  expect(sources).not.toContain("'unsafe-eval'");

  for (const [name, value] of Object.entries(FIXED_HEADERS)) {
    expect(once(name), `${url}: ${name}`).toBe(value);
  }
  // server_tokens off: "nginx", no version.
  const server = all.find((h) => h.name === 'server')?.value ?? '';
  expect(server, `${url}: server header`).not.toMatch(/\d/);
}

/** The first file of the build whose path (relative, with /) matches. */
function buildFile(pattern: RegExp): string {
  const file = readdirSync(buildDir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .find((f) => pattern.test(f));
  expect(file, `a build file matching ${pattern}`).toBeDefined();
  return `/${file}`;
}

async function firstImmutableAsset(request: APIRequestContext): Promise<string> {
  const html = await (await request.get('/')).text();
  const match = /(?:src|href)="([^"]*\/_app\/immutable\/[^"]+)"/.exec(html);
  expect(match, 'index.html references an /_app/immutable/ asset').not.toBeNull();
  return new URL(match?.[1] ?? '', 'http://host/').pathname;
}

test.describe('production headers', () => {
  test('/ is the prerendered page, never cached without revalidation', async ({ request }) => {
    const res = await request.get('/');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/html/);
    expect(res.headers()['cache-control']).toBe('no-cache');
    expectSecurityHeaders(res);
  });

  test('/health answers JSON', async ({ request }) => {
    const res = await request.get('/health');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^application\/json/);
    const body = (await res.json()) as { status?: unknown; version?: unknown };
    expect(body.status).toBe('ok');
    expect(typeof body.version).toBe('string');
    expectSecurityHeaders(res);
  });

  test('an unknown path gets the SPA fallback', async ({ request }) => {
    const res = await request.get('/does-not-exist');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/html/);
    expect(res.headers()['cache-control']).toBe('no-cache');
    expect(await res.text()).toContain('/_app/immutable/');
    expectSecurityHeaders(res);
  });

  test('hashed build assets are immutable', async ({ request }) => {
    const asset = await firstImmutableAsset(request);
    const res = await request.get(asset);
    expect(res.status(), asset).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^(text\/javascript|text\/css)/);
    const cacheControl = res.headers()['cache-control'] ?? '';
    expect(cacheControl).toContain('max-age=31536000');
    expect(cacheControl).toContain('immutable');
    expectSecurityHeaders(res);
  });

  test('a missing build asset is a 404, not the HTML fallback', async ({ request }) => {
    const res = await request.get('/_app/immutable/does-not-exist.js');
    expect(res.status()).toBe(404);
    expect(res.headers()['cache-control'] ?? '').not.toContain('immutable');
    expectSecurityHeaders(res);
  });

  test('the page is cross-origin isolated', async ({ page }) => {
    await page.goto('/');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  test('the service worker and the manifest are always revalidated', async ({ request }) => {
    for (const [url, type] of [
      ['/service-worker.js', /^text\/javascript/],
      ['/manifest.webmanifest', /^application\/manifest\+json/],
    ] as const) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()['content-type'], url).toMatch(type);
      expect(res.headers()['cache-control'], url).toBe('no-cache');
      expectSecurityHeaders(res);
    }
  });

  test('.wasm files are application/wasm, immutable, and sent compressed', async ({ request }) => {
    const wasm = buildFile(/^_app\/immutable\/.*\.wasm$/);
    const res = await request.get(wasm, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status(), wasm).toBe(200);
    expect(res.headers()['content-type']).toBe('application/wasm');
    expect(res.headers()['content-encoding']).toBe('gzip');
    expect(res.headers()['vary'] ?? '').toMatch(/accept-encoding/i);
    expect(res.headers()['cache-control']).toContain('immutable');
    expectSecurityHeaders(res);
  });

  test('models and icons are revalidated, not cached for a year', async ({ request }) => {
    for (const url of [
      '/models/manifest.json',
      '/models/face-detector/weights.bin',
      '/icons/icon-192.png',
    ]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()['cache-control'], url).toBe('no-cache');
      expect(res.headers()['etag'], url).toBeTruthy();
      expectSecurityHeaders(res);
    }
  });

  test('/health is never cached and never the app', async ({ request }) => {
    const res = await request.get('/health');
    expect(res.headers()['cache-control']).toBe('no-store');
    expect(await res.text()).not.toContain('<html');
  });

  test('every response the app loads carries the headers', async ({ page, context }) => {
    const responses: Response[] = [];
    context.on('response', (r) => {
      if (!/^(data|blob):/.test(r.url())) responses.push(r);
    });
    await page.goto('/');
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
    const urls = responses.map((r) => new URL(r.url()).pathname);
    for (const expected of ['/', '/service-worker.js', '/manifest.webmanifest']) {
      expect(urls, `${expected} was loaded`).toContain(expected);
    }
    expect(
      urls.some((u) => u.endsWith('.wasm')),
      'a .wasm file was loaded',
    ).toBe(true);
    expect(
      urls.some((u) => u.startsWith('/models/')),
      'the models were loaded',
    ).toBe(true);
    for (const r of responses) {
      const headers = await r.headersArray();
      expectSecurityHeadersIn(
        r.url(),
        headers.map(({ name, value }) => ({ name: name.toLowerCase(), value })),
      );
    }
  });

  test("the build's _headers (static hosts) matches what nginx sends", async ({ request }) => {
    const rules = parseStaticHeaders(readFileSync(path.join(buildDir, '_headers'), 'utf8'));
    const asset = await firstImmutableAsset(request);
    for (const [url, routes] of [
      ['/', ['/*', '/']],
      [asset, ['/*', '/_app/immutable/*']],
      ['/service-worker.js', ['/*', '/service-worker.js']],
    ] as const) {
      const sent = (await request.get(url)).headers();
      for (const route of routes) {
        for (const [name, value] of rules.get(route) ?? []) {
          expect(sent[name.toLowerCase()], `${url}: ${name} (_headers ${route})`).toBe(value);
        }
      }
    }
  });
});

/** _headers as path → [header, value][] (the format Netlify and Cloudflare Pages read). */
function parseStaticHeaders(text: string): Map<string, [string, string][]> {
  const rules = new Map<string, [string, string][]>();
  let current: [string, string][] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!line.startsWith(' ')) rules.set(line.trim(), (current = []));
    else {
      const at = line.indexOf(': ');
      current.push([line.slice(0, at).trim(), line.slice(at + 2)]);
    }
  }
  return rules;
}
