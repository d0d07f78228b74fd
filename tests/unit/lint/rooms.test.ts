import { Linter } from 'eslint';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import rooms, { importedPath, roomOf } from '../../../scripts/lint/rooms.js';

/** Lints `code` as if it were the file `file` and returns the rule's messages. */
function lint(file: string, code: string): string[] {
  const linter = new Linter({ cwd: '/repo' });
  return linter
    .verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: ts.parser as Linter.Parser },
          plugins: { rooms },
          rules: { 'rooms/import-direction': 'error' },
        },
      ],
      { filename: `/repo/${file}` },
    )
    .map((m) => m.message);
}

describe('rooms/import-direction', () => {
  it('knows the room of a path', () => {
    expect(roomOf('src/lib/domain/affect/assess.ts')).toBe('domain');
    expect(roomOf('src/lib/services/db/db.ts')).toBe('services/db');
    expect(roomOf('src/lib/services/camera/camera.ts')).toBe('services');
    expect(roomOf('src/routes/history/+page.svelte')).toBe('routes');
    expect(roomOf('tests/unit/x.test.ts')).toBeNull();
    expect(importedPath('src/lib/features/live/a.ts', '../../domain/x')).toBe('src/lib/domain/x');
    expect(importedPath('src/routes/+page.svelte', '$lib/services/db/db')).toBe(
      'src/lib/services/db/db',
    );
    expect(importedPath('src/routes/+page.svelte', 'dexie')).toBeNull();
  });

  it('lets a room import downward and from itself', () => {
    expect(lint('src/lib/features/live/a.ts', "import { x } from '../../services/db/db';")).toEqual(
      [],
    );
    expect(
      lint('src/lib/worker/engine/a.ts', "import { b } from '../../domain/vision/box';"),
    ).toEqual([]);
    expect(lint('src/lib/domain/session/a.ts', "import { b } from '../vision/box';")).toEqual([]);
    expect(lint('src/routes/a.ts', "import { x } from '$lib/features/live/b';")).toEqual([]);
  });

  it('refuses upward and sideways imports', () => {
    expect(
      lint('src/lib/domain/session/a.ts', "import { db } from '../../services/db/db';"),
    ).toEqual(['domain may not import from services/db (docs/architecture.md, "Rooms").']);
    expect(lint('src/lib/worker/a.ts', "import { c } from '$lib/inference/client';")).toHaveLength(
      1,
    );
    expect(lint('src/lib/services/a.ts', "export * from '../features/live/b';")).toHaveLength(1);
    expect(lint('src/lib/domain/a.ts', "const m = import('../services/clock');")).toHaveLength(1);
  });

  it('allows the worker API type on the page, never its code', () => {
    expect(
      lint('src/lib/inference/client.ts', "import type { WorkerApi } from '../worker/api';"),
    ).toEqual([]);
    expect(
      lint('src/lib/inference/client.ts', "import { type WorkerApi } from '../worker/api';"),
    ).toEqual([]);
    expect(lint('src/lib/inference/client.ts', "import { api } from '../worker/api';")).toEqual([
      'inference may not import from worker except with `import type` (docs/architecture.md, "Rooms").',
    ]);
  });

  it('keeps the database out of components and pages, types aside', () => {
    expect(
      lint('src/lib/components/history/a.ts', "import { getDb } from '$lib/services/db/db';"),
    ).toHaveLength(1);
    expect(
      lint(
        'src/lib/components/history/a.ts',
        "import type { SessionFilter } from '$lib/services/db/queries';",
      ),
    ).toEqual([]);
  });
});
