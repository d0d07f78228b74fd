/**
 * nginx.conf: Debian's nginx accepts it (nginx -t), both as the Docker image uses it and as
 * scripts/serve.sh renders it; and the rules the issue sets are in it. The browser tests check
 * the same headers on real responses.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const conf = readFileSync(path.join(repo, 'nginx.conf'), 'utf8');
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'nginx-conf-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The value of `add_header NAME "..." always;` at server level. */
function header(name: string): string | undefined {
  const match = new RegExp(`^\\s*add_header ${name} "([^"]*)" always;$`, 'm').exec(conf);
  return match?.[1];
}

function cspDirectives(): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header('Content-Security-Policy') ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('nginx.conf', () => {
  it.skipIf(!nginx)('nginx -t accepts it as the Docker image uses it', () => {
    expect(() =>
      execFileSync(
        nginx ?? 'nginx',
        ['-t', '-q', '-e', 'stderr', '-p', scratch, '-c', path.join(repo, 'nginx.conf')],
        {
          // nginx opens /dev/stdout for the access log: a file here (a Node pipe is a socket).
          stdio: ['ignore', openSync(path.join(scratch, 'stdout.log'), 'w'), 'pipe'],
        },
      ),
    ).not.toThrow();
  });

  it.skipIf(!nginx)('nginx -t accepts it as serve.sh renders it', () => {
    const root = path.join(scratch, 'site');
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    expect(() =>
      execFileSync('bash', [path.join(repo, 'scripts', 'serve.sh'), '--test'], {
        env: { ...process.env, PORT: '4999', SERVE_ROOT: root },
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('listens on an unprivileged port, says no version, compresses', () => {
    const listen = Number(/^\s*listen\s+(\d+);/m.exec(conf)?.[1]);
    expect(listen).toBeGreaterThanOrEqual(1024);
    expect(conf).toMatch(/^\s*server_tokens off;$/m);
    expect(conf).toMatch(/^\s*gzip on;$/m);
    expect(conf).toMatch(/^\s*gzip_static on;$/m);
    expect(conf).toMatch(/^\s*application\/wasm\s+wasm;$/m);
    expect(conf).toMatch(/^\s*gzip_types[^;]*application\/wasm/m);
  });

  it('sets every security header on every response (always, server level only)', () => {
    const csp = cspDirectives();
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    const sources = [...csp.values()].flat();
    expect(sources).not.toContain("'unsafe-inline'");
    expect(sources).not.toContain("'unsafe-eval'");

    expect(header('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(header('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(header('Permissions-Policy')).toMatch(/(^|, )camera=\(self\)(,|$)/);
    expect(header('X-Content-Type-Options')).toBe('nosniff');
    expect(header('Referrer-Policy')).toBeDefined();

    // add_header in a location would drop every server-level one there.
    const locations = conf.split(/^\s*location\b/m).slice(1);
    for (const block of locations) expect(block.split('}')[0]).not.toMatch(/add_header/);
  });

  it("allows exactly one inline style: the hash of SvelteKit's route announcer", () => {
    const kit = path.dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
    const root = readFileSync(path.join(kit, 'src', 'core', 'sync', 'write_root.js'), 'utf8');
    const style = /<div id="svelte-announcer"[^>]*\bstyle="([^"]*)"/.exec(root)?.[1];
    expect(style, 'the announcer has an inline style').toBeDefined();
    const hash = createHash('sha256')
      .update(style ?? '')
      .digest('base64');
    expect(cspDirectives().get('style-src-attr')).toEqual(["'unsafe-hashes'", `'sha256-${hash}'`]);
  });

  it('answers /health with JSON, and falls back to the SPA shell', () => {
    expect(conf).toMatch(
      /location = \/health \{\s*default_type application\/json;\s*return 200 '\{"status":"ok","version":"[^"]*"\}'; # @version/,
    );
    expect(conf).toMatch(/try_files \$uri \$uri\.html \$uri\/ \/200\.html;/);
  });

  it('caches hashed assets for a year, revalidates the shell, service worker and manifest', () => {
    const map = /map "\$status \$uri" \$cache_control \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    const rules = [...map.matchAll(/^\s*"([^"]*)"\s+"([^"]*)";/gm)].map(([, k, v]) => [k, v]);
    const policy = (statusAndUri: string) => {
      const rule = rules.find(
        ([k]) => k?.startsWith('~') && new RegExp(k.slice(1)).test(statusAndUri),
      );
      return rule?.[1] ?? /^\s*default\s+"([^"]*)";/m.exec(map)?.[1];
    };
    expect(policy('200 /_app/immutable/entry/app.abc.js')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(policy('404 /_app/immutable/missing.js')).toBe('no-cache');
    for (const uri of ['/index.html', '/200.html', '/service-worker.js', '/manifest.webmanifest']) {
      expect(policy(`200 ${uri}`), uri).toBe('no-cache');
    }
    expect(policy('200 /health')).toBe('no-store');
  });
});
