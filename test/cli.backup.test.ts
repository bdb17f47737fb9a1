/**
 * `broadsheet export` and `broadsheet restore` run as an operator runs them: exit codes, what
 * they print, the file's mode, and a site moved from SQLite to PostgreSQL and back.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { UserService } from '../src/services/users.js';
import { openStore } from '../src/store/index.js';
import { inCi, postgresUrl, scratchDatabase, tempDir } from './helpers/databases.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function broadsheet(args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      {
        cwd: root,
        timeout: 120_000,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DEMO: '0', LOG_LEVEL: 'silent', ...env },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('broadsheet export and restore', () => {
  const dirs: string[] = [];
  const dir = () => {
    const made = tempDir('broadsheet-cli-backup-');
    dirs.push(made);
    return made;
  };
  after(() => {
    for (const made of dirs) rmSync(made, { recursive: true, force: true });
  });

  async function seededSqlite(): Promise<string> {
    const dataDir = dir();
    const store = await openStore({ databaseUrl: null, dataDir });
    try {
      await loadDemoIfEmpty(store);
      await new UserService({ store }).create({
        email: 'owner@example.com',
        name: 'Olu Owner',
        role: 'admin',
        password: 'a-long-owner-password',
      });
    } finally {
      await store.close();
    }
    return dataDir;
  }

  test('--help explains both, and a missing FILE is a usage error', async () => {
    const env = { DATA_DIR: dir() };
    const [exportHelp, restoreHelp, missing] = await Promise.all([
      broadsheet(['export', '--help'], env),
      broadsheet(['restore', '--help'], env),
      broadsheet(['export'], env),
    ]);
    assert.match(exportHelp.stdout, /^Usage: broadsheet export FILE[\s\S]*0600/);
    assert.match(restoreHelp.stdout, /^Usage: broadsheet restore FILE[\s\S]*empty/);
    assert.equal(missing.code, 64);
    assert.match(missing.stderr, /export takes one FILE/);
  });

  test('export writes a secret file; restore loads it into an empty database only', async () => {
    const source = await seededSqlite();
    const file = path.join(dir(), 'site.jsonl');
    const exported = await broadsheet(['export', file], { DATA_DIR: source });
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /^Exported \d+ rows to .*site\.jsonl .*keep it secret/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const text = readFileSync(file, 'utf8');
    assert.match(text.split('\n')[0] ?? '', /"format":"broadsheet-export","version":1/);

    const target = dir();
    const restored = await broadsheet(['restore', file], { DATA_DIR: target });
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /^Restored \d+ rows from .*users \d+/);
    const again = path.join(dir(), 'again.jsonl');
    assert.equal((await broadsheet(['export', again], { DATA_DIR: target })).code, 0);
    assert.equal(readFileSync(again, 'utf8'), text);

    const twice = await broadsheet(['restore', file], { DATA_DIR: target });
    assert.notEqual(twice.code, 0);
    assert.match(twice.stderr.trim(), /^broadsheet: The database is not empty\./);
  });

  test('a truncated file is refused with its line, and nothing is restored', async () => {
    const source = await seededSqlite();
    const file = path.join(dir(), 'site.jsonl');
    assert.equal((await broadsheet(['export', file], { DATA_DIR: source })).code, 0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const cut = path.join(dir(), 'cut.jsonl');
    writeFileSync(cut, lines.slice(0, 40).join('\n') + '\n');
    const target = dir();
    const outcome = await broadsheet(['restore', cut], { DATA_DIR: target });
    assert.equal(outcome.code, 1);
    assert.match(
      outcome.stderr.trim(),
      /^broadsheet: .*cut\.jsonl: line 40: the file ends here without its closing line .*truncated.*Nothing was restored\.$/,
    );
    const empty = path.join(dir(), 'empty.jsonl');
    assert.equal((await broadsheet(['export', empty], { DATA_DIR: target })).code, 0);
    assert.equal(readFileSync(empty, 'utf8').split('\n').length, 3, 'header, trailer, newline');
  });

  test(
    'a site moves from SQLite to PostgreSQL and back unchanged',
    postgresUrl || inCi ? {} : { skip: 'skipped: TEST_DATABASE_URL is not set' },
    async () => {
      if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set, so this cannot run');
      const source = await seededSqlite();
      const file = path.join(dir(), 'site.jsonl');
      assert.equal((await broadsheet(['export', file], { DATA_DIR: source })).code, 0);
      const database = await scratchDatabase(postgresUrl);
      try {
        const pg = { DATA_DIR: dir(), DATABASE_URL: database.url };
        const restored = await broadsheet(['restore', file], pg);
        assert.equal(restored.code, 0, restored.stderr);
        const fromPg = path.join(dir(), 'from-pg.jsonl');
        assert.equal((await broadsheet(['export', fromPg], pg)).code, 0);
        assert.equal(readFileSync(fromPg, 'utf8'), readFileSync(file, 'utf8'));
        const back = dir();
        assert.equal((await broadsheet(['restore', fromPg], { DATA_DIR: back })).code, 0);
        const fromBack = path.join(dir(), 'back.jsonl');
        assert.equal((await broadsheet(['export', fromBack], { DATA_DIR: back })).code, 0);
        assert.equal(readFileSync(fromBack, 'utf8'), readFileSync(file, 'utf8'));
      } finally {
        await database.drop();
      }
    },
  );
});
