/**
 * The production headers (nginx.conf), checked on the real server the tests run against.
 */
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect, test } from './fixtures';

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
  const all = res.headersArray().map(({ name, value }) => ({ name: name.toLowerCase(), value }));
  const once = (name: string): string => {
    const found = all.filter((h) => h.name === name);
    expect(found, `${res.url()}: one ${name} header`).toHaveLength(1);
    return found[0]?.value ?? '';
  };

  const csp = parseCsp(once('content-security-policy'));
  expect(csp, `${res.url()}: CSP directives`).toEqual(CSP);
  const sources = Object.values(csp).flat();
  expect(sources).not.toContain("'unsafe-inline'");
  expect(sources).not.toContain("'unsafe-eval'");

  for (const [name, value] of Object.entries(FIXED_HEADERS)) {
    expect(once(name), `${res.url()}: ${name}`).toBe(value);
  }
  // server_tokens off: "nginx", no version.
  expect(res.headers()['server'] ?? '', `${res.url()}: server header`).not.toMatch(/\d/);
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
});
