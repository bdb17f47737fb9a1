/** The layer rules in eslint.config.js really refuse what STYLE.md forbids. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

/** Lints `code` as if it were the contents of an existing file of that layer. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
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
