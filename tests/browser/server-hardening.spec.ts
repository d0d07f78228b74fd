/**
 * nginx.conf's request limits, on the real server the tests run against: only GET and HEAD,
 * no dotfiles, small bodies and headers. Every refusal still carries the security headers.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const buildDir = path.resolve(process.env.BUILD_DIR ?? 'build');

test.describe('server hardening', () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    test(`${method} is refused with 405, /health included`, async ({ request }) => {
      for (const url of ['/', '/health', '/models/manifest.json']) {
        const res = await request.fetch(url, { method });
        expect(res.status(), `${method} ${url}`).toBe(405);
        expect(res.headers()['content-security-policy'], `${method} ${url}: CSP`).toContain(
          "default-src 'self'",
        );
      }
    });
  }

  test('GET and HEAD still work', async ({ request }) => {
    expect((await request.get('/')).status()).toBe(200);
    expect((await request.head('/models/manifest.json')).status()).toBe(200);
  });

  test('dotfiles and _headers are never served, even when present', async ({ request }) => {
    const dotfile = path.join(buildDir, '.env');
    writeFileSync(dotfile, 'SECRET=1\n');
    try {
      for (const url of ['/.env', '/.git/config', '/_app/.env', '/_headers']) {
        const res = await request.get(url);
        expect(res.status(), url).toBe(404);
        expect(await res.text(), url).not.toContain('SECRET');
      }
    } finally {
      rmSync(dotfile);
    }
  });

  test('a request body is refused (413): the app never takes one', async ({ request }) => {
    const res = await request.get('/', { data: 'x'.repeat(4096) });
    expect(res.status()).toBe(413);
  });

  test('an oversized header line is refused (400)', async ({ request }) => {
    const res = await request.get('/', { headers: { 'x-filler': 'x'.repeat(6000) } });
    expect(res.status()).toBe(400);
    const normal = await request.get('/', { headers: { 'x-filler': 'x'.repeat(1000) } });
    expect(normal.status()).toBe(200);
  });
});
