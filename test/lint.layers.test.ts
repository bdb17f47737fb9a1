/** The layer rules in eslint.config.js really refuse what STYLE.md forbids. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

/** Lints `code` as if it were the contents of an existing file of that layer. */
async function messagesOf(rule: string, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

function restrictedImports(filePath: string, code: string): Promise<string[]> {
  return messagesOf('no-restricted-imports', filePath, code);
}

test('domain/ may not import storage, HTTP or other layers', async () => {
  const messages = await restrictedImports(
    'src/domain/slug.ts',
    [
      "import { sql } from 'kysely';",
      "import Fastify from 'fastify';",
      "import { openStore } from '../store/index.js';",
      'export const all = [sql, Fastify, openStore];',
    ].join('\n'),
  );
  assert.equal(messages.length, 3, messages.join('\n'));
});

test('only store/ may import kysely, pg or better-sqlite3', async () => {
  const code =
    "import { sql } from 'kysely';\nimport pg from 'pg';\nexport const all = [sql, pg];\n";
  assert.equal((await restrictedImports('src/services/users.ts', code)).length, 2);
  assert.equal((await restrictedImports('src/http/app.ts', code)).length, 2);
  assert.equal((await restrictedImports('src/store/users.ts', code)).length, 0);
});

test('views/ import nothing from store/, not even a type', async () => {
  const code = [
    "import type { Store } from '../../store/types.js';",
    "import { queueTabs } from '../../store/ports/moderation.js';",
    "import { openStore } from '../../store/index.js';",
    'export const all = [queueTabs, openStore] as unknown as Store;',
  ].join('\n');
  const messages = await restrictedImports('src/views/pages/search.ts', code);
  assert.equal(messages.length, 3, messages.join('\n'));
  assert.match(messages[0] ?? '', /views\/ render read models from src\/domain\//);
  const domain =
    "import type { SearchHit } from '../../domain/search.js';\nexport type T = SearchHit;\n";
  assert.deepEqual(await restrictedImports('src/views/pages/search.ts', domain), []);
});

test('http/ imports nothing from store/', async () => {
  const code = [
    "import type { Store } from '../../../store/types.js';",
    "import type { OutboxStore } from '../../../store/ports/outbox.js';",
    'export type T = [Store, OutboxStore];',
  ].join('\n');
  const messages = await restrictedImports('src/http/routes/admin/outbox.ts', code);
  assert.equal(messages.length, 2, messages.join('\n'));
  assert.match(messages[0] ?? '', /http\/ talks to services and src\/domain\//);
  assert.equal((await restrictedImports('src/http/plugins/auth.ts', code)).length, 2);
});

test('app.ts and health.ts, which once built the program, name no Store either', async () => {
  const store = "import type { Store } from '../store/types.js';\nexport type T = Store;\n";
  assert.equal((await restrictedImports('src/http/app.ts', store)).length, 1);
  assert.equal((await restrictedImports('src/http/routes/health.ts', store)).length, 1);
});

test('only store/sqlite/ and store/postgres/ may compare database names', async () => {
  const code = [
    'export function pick(dialect: string, id: string): number {',
    "  if (dialect === 'postgres') return 1;",
    "  const n = 'sqlite' !== id ? 2 : 3;",
    '  switch (id) {',
    "    case 'sqlite':",
    '      return n;',
    '  }',
    '  return 0;',
    '}',
    // Naming a database is not deciding by it: /readyz reports the id.
    "export const ready = { database: 'sqlite' };",
  ].join('\n');
  const compared = (filePath: string) => messagesOf('no-restricted-syntax', filePath, code);
  assert.equal((await compared('src/server.ts')).length, 3);
  assert.equal((await compared('src/store/backup.ts')).length, 3);
  // Migrations are history but ask `byDialect` for their variants, so they are not exempt.
  assert.equal((await compared('src/store/migrations/0005_live.ts')).length, 3);
  assert.equal((await compared('src/store/sqlite/dialect.ts')).length, 0);
  assert.equal((await compared('src/store/postgres/dialect.ts')).length, 0);
});
