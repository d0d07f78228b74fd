/**
 * ESLint rule `rooms/import-direction`: the rooms of src/ import one way (docs/architecture.md).
 *
 *   routes → components → features → inference, services → domain;  worker → domain
 *
 * A room may import from itself and from the rooms it lists in ALLOWED. The only upward step is
 * the page's client taking the worker API's type (`import type`), never its code. Written here
 * rather than taken from eslint-plugin-boundaries because the rooms are plain folders and the
 * SvelteKit `$lib` alias is the one resolution needed: a path prefix settles every case.
 */
import path from 'node:path';

/**
 * Room → the rooms it may import values from (itself always).
 * @type {Record<string, string[]>}
 */
export const ALLOWED = {
  domain: [],
  worker: ['domain'],
  inference: ['domain'],
  services: ['services/db', 'domain'],
  'services/db': ['services', 'domain'],
  features: ['services', 'services/db', 'inference', 'domain'],
  components: ['features', 'inference', 'services', 'domain'],
  routes: ['components', 'features', 'inference', 'services', 'domain'],
  'service-worker': ['domain'],
};

/**
 * Type-only imports allowed on top of ALLOWED: the client is typed from the worker's API.
 * @type {Record<string, string[]>}
 */
export const ALLOWED_TYPES = {
  inference: ['worker'],
  components: ['services/db'],
  routes: ['services/db'],
};

const ROOM =
  /^src\/(?:lib\/(domain|worker|inference|services\/db|services|features|components)\/|(routes|service-worker)\/)/;

/**
 * The room of a repository-relative path, or null outside src/'s rooms.
 * @param {string} file
 * @returns {string | null}
 */
export function roomOf(file) {
  const match = ROOM.exec(file.split(path.sep).join('/'));
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/**
 * The repository-relative path an import specifier points at, or null for a package.
 * @param {string} fromFile
 * @param {string} specifier
 */
export function importedPath(fromFile, specifier) {
  if (specifier.startsWith('$lib/')) return path.posix.join('src/lib', specifier.slice(5));
  if (!specifier.startsWith('.')) return null;
  return path.posix.join(path.posix.dirname(fromFile.split(path.sep).join('/')), specifier);
}

/**
 * @param {string} from
 * @param {string} to
 * @param {boolean} typeOnly
 */
export function mayImport(from, to, typeOnly) {
  if (from === to) return true;
  if ((ALLOWED[from] ?? []).includes(to)) return true;
  return typeOnly && (ALLOWED_TYPES[from] ?? []).includes(to);
}

/** @param {any} node an import or export declaration (typescript-eslint adds importKind) */
const isTypeOnly = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 &&
    node.specifiers.every(
      (/** @type {any} */ s) => s.importKind === 'type' || s.exportKind === 'type',
    ));

/** @type {import('eslint').Rule.RuleModule} */
const importDirection = {
  meta: {
    type: 'problem',
    docs: { description: 'Rooms of src/ import one way (docs/architecture.md)' },
    schema: [],
    messages: {
      upward: '{{from}} may not import from {{to}}{{hint}} (docs/architecture.md, "Rooms").',
    },
  },
  create(context) {
    const file = path.relative(context.cwd, context.filename);
    const from = roomOf(file);
    if (!from) return {};
    /**
     * @param {import('estree').Node} node
     * @param {any} source
     * @param {boolean} typeOnly
     */
    const check = (node, source, typeOnly) => {
      if (typeof source?.value !== 'string') return;
      const target = importedPath(file, source.value);
      const to = target && roomOf(target);
      if (!to || mayImport(from, to, typeOnly)) return;
      const hint = (ALLOWED_TYPES[from] ?? []).includes(to) ? ' except with `import type`' : '';
      context.report({ node: source, messageId: 'upward', data: { from, to, hint } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ImportExpression: (node) => check(node, node.source, false),
    };
  },
};

export default { rules: { 'import-direction': importDirection } };
