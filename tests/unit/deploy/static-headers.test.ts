/**
 * _headers (Netlify, Cloudflare Pages) is generated from nginx.conf, so the static hosts get
 * the same security headers and caching rules; tests/browser/headers.spec.ts compares the built
 * file with what nginx really sends.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheRules, securityHeaders, staticHeaders } from '../../../scripts/static-headers.mjs';

const conf = readFileSync(path.resolve(import.meta.dirname, '../../../nginx.conf'), 'utf8');

/** _headers as path → header → value (a header set twice for one path would be joined). */
function parse(text: string): Map<string, Map<string, string>> {
  const rules = new Map<string, Map<string, string>>();
  let current: Map<string, string> | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      current = new Map();
      rules.set(line.trim(), current);
      continue;
    }
    const [name = '', ...rest] = line.trim().split(': ');
    expect(current?.has(name), `${name} set once per path`).toBe(false);
    current?.set(name, rest.join(': '));
  }
  return rules;
}

describe('static-headers', () => {
  const rules = parse(staticHeaders(conf));

  it("puts every nginx security header on every path, with nginx's value", () => {
    const headers = securityHeaders(conf);
    expect(headers.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'Content-Security-Policy',
        'Cross-Origin-Opener-Policy',
        'Cross-Origin-Embedder-Policy',
        'Permissions-Policy',
      ]),
    );
    expect(Object.fromEntries(rules.get('/*') ?? [])).toEqual(Object.fromEntries(headers));
  });

  it('caches hashed assets for a year and revalidates the shell, worker and manifest', () => {
    expect(rules.get('/_app/immutable/*')?.get('Cache-Control')).toBe(
      'public, max-age=31536000, immutable',
    );
    for (const route of [
      '/',
      '/index.html',
      '/200.html',
      '/service-worker.js',
      '/manifest.webmanifest',
    ])
      expect(rules.get(route)?.get('Cache-Control'), route).toBe('no-cache');
    // Cache-Control never sits on the catch-all: both hosts would join it with a second rule's.
    expect(rules.get('/*')?.has('Cache-Control')).toBe(false);
  });

  it('fails loudly when the nginx cache map no longer has the expected shape', () => {
    expect(() => cacheRules(conf.replace('immutable"', 'forever"'))).not.toThrow();
    expect(() => cacheRules(conf.replace(/"~\^\(200\|206\|304\)[^\n]*\n/, ''))).toThrow(
      /cache_control map/,
    );
  });
});
