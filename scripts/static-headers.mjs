// Post-build step: writes build/_headers, the file Netlify and Cloudflare Pages read, from
// nginx.conf (usage: node <this> [build-dir]). nginx.conf stays the one source of the security
// headers and caching rules; tests/unit/deploy/static-headers.test.ts and
// tests/browser/headers.spec.ts check that the two agree.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The server-level `add_header NAME "VALUE" always;` lines of nginx.conf, in order, except
 * Cache-Control, whose value nginx picks per response from the `$cache_control` map.
 * @param {string} conf
 * @returns {[string, string][]}
 */
export function securityHeaders(conf) {
  const found = [...conf.matchAll(/^\s*add_header\s+([\w-]+)\s+"([^"]*)"\s+always;/gm)];
  return found.map((m) => /** @type {[string, string]} */ ([m[1], m[2]]));
}

/**
 * The cache rules of the `$cache_control` map as path patterns: the immutable build assets, and
 * the named files that must always revalidate.
 * @param {string} conf
 */
export function cacheRules(conf) {
  const immutable = /"~\^\(200\|206\|304\) (\/[^"]+)"\s+"([^"]+)";/.exec(conf);
  const revalidated = /"~ \/\(([^)]+)\)\$"\s+"([^"]+)";/.exec(conf);
  if (!immutable?.[1] || !immutable[2] || !revalidated?.[1] || !revalidated[2])
    throw new Error('static-headers: the $cache_control map in nginx.conf changed; update me');
  return {
    immutable: { path: `${immutable[1]}*`, value: immutable[2] },
    revalidated: {
      paths: ['/', ...revalidated[1].split('|').map((name) => `/${name.replaceAll('\\.', '.')}`)],
      value: revalidated[2],
    },
  };
}

/**
 * _headers for the build: every security header on every path; a year for hashed assets; the
 * shell, service worker and manifest revalidated. Other files get the host's default, which on
 * both hosts revalidates (as nginx's "no-cache" default does). Both hosts join the values of a
 * header set by two matching rules, so Cache-Control is set by rules that never overlap.
 * @param {string} conf nginx.conf's text
 */
export function staticHeaders(conf) {
  const headers = securityHeaders(conf).filter(([name]) => name !== 'Cache-Control');
  const { immutable, revalidated } = cacheRules(conf);
  const block = (/** @type {string} */ route, /** @type {[string, string][]} */ lines) =>
    [route, ...lines.map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  return (
    [
      '# Generated from nginx.conf by scripts/static-headers.mjs: edit nginx.conf, not this file.',
      block('/*', headers),
      block(immutable.path, [['Cache-Control', immutable.value]]),
      ...revalidated.paths.map((route) => block(route, [['Cache-Control', revalidated.value]])),
    ].join('\n\n') + '\n'
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const buildDir = path.resolve(process.argv[2] ?? 'build');
  const conf = readFileSync(path.join(repo, 'nginx.conf'), 'utf8');
  writeFileSync(path.join(buildDir, '_headers'), staticHeaders(conf));
  console.log(
    `static-headers: wrote ${path.relative(process.cwd(), path.join(buildDir, '_headers'))}`,
  );
}
