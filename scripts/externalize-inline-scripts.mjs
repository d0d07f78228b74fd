// Post-build step (npm's "postbuild" runs it after `npm run build`, then
// scripts/precache-manifest.mjs; usage: node <this> [build-dir]).
//
// SvelteKit writes an inline boot <script> into every prerendered page and into the SPA
// fallback. The CSP in nginx.conf allows scripts from 'self' only (no 'unsafe-inline', hash or
// nonce), so that script would be blocked and the app would never start. This moves each inline
// script into a content-hashed file under /_app/immutable/boot/ and references it with a classic
// <script src> (so `document.currentScript`, which the boot code uses, still works).
//
// A classic script resolves `import("./x")` against its own URL, not the page's, so relative
// import specifiers are made absolute first. This assumes the app is served from the site root
// (no kit.paths.base), which is how nginx.conf serves it; anything else is an error.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { writeWithTwins } from './compressed-twins.mjs';

const BOOT_DIR = '_app/immutable/boot';
const SCRIPT_TAG = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const RELATIVE_IMPORT = /(\bimport\s*\(\s*|\bfrom\s*)(["'])(\.\.?\/[^"']*)\2/g;
const EXECUTABLE_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module']);

const buildDir = path.resolve(process.argv[2] ?? 'build');
if (!existsSync(buildDir)) {
  console.error(`externalize-inline-scripts: no build directory at ${buildDir}`);
  process.exit(1);
}

/** @param {string} dir @returns {AsyncGenerator<string>} */
async function* htmlFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(full);
    else if (entry.name.endsWith('.html')) yield full;
  }
}

/** URL path of the directory a page is served from: index.html -> "/", a/b.html -> "/a/". */
function pageDir(/** @type {string} */ file) {
  const dir = path.posix.dirname(path.relative(buildDir, file).split(path.sep).join('/'));
  return dir === '.' ? '/' : `/${dir}/`;
}

let pages = 0;
let scripts = 0;
for await (const file of htmlFiles(buildDir)) {
  const html = await readFile(file, 'utf8');
  const base = new URL(pageDir(file), 'http://site.invalid');
  const precompressed = existsSync(`${file}.gz`) || existsSync(`${file}.br`);
  /** @type {Map<string, string>} boot file path (relative to build) -> content */
  const bootFiles = new Map();

  const out = html.replace(
    SCRIPT_TAG,
    (tag, /** @type {string} */ attrs, /** @type {string} */ body) => {
      if (/\bsrc\s*=/i.test(attrs) || body.trim() === '') return tag;
      const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attrs)?.[1]?.toLowerCase() ?? '';
      if (!EXECUTABLE_TYPES.has(type)) return tag; // data blocks (e.g. application/json) never run

      const code = body.replace(RELATIVE_IMPORT, (_m, head, quote, spec) => {
        const resolved = new URL(spec, base).pathname;
        if (!resolved.startsWith('/_app/')) {
          throw new Error(`${file}: import of ${spec} resolves outside /_app/ (kit.paths.base?)`);
        }
        return `${head}${quote}${resolved}${quote}`;
      });
      const hash = createHash('sha256').update(code).digest('base64url').slice(0, 12);
      const rel = `${BOOT_DIR}/${hash}.js`;
      bootFiles.set(rel, code);
      scripts += 1;
      const kept = attrs.replace(/\s+nonce\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
      return `<script${kept} src="/${rel}"></script>`;
    },
  );

  if (out === html) continue;
  pages += 1;
  await mkdir(path.join(buildDir, BOOT_DIR), { recursive: true });
  for (const [rel, code] of bootFiles) {
    await writeWithTwins(path.join(buildDir, rel), Buffer.from(code), precompressed);
  }
  await writeWithTwins(file, Buffer.from(out));
}

console.log(
  `externalize-inline-scripts: moved ${scripts} inline script(s) of ${pages} page(s) to /${BOOT_DIR}/`,
);
