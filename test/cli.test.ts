/**
 * The real `broadsheet` command, run as a child process the way an operator runs it: exit codes,
 * what lands on stdout and stderr, what lands in the database, and how `serve` starts and stops.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { demoContent } from '../src/demo/content.js';
import { verifyPassword } from '../src/services/passwords.js';
import { hashToken, TokenService } from '../src/services/tokens.js';
import { UserService } from '../src/services/users.js';
import { openStore, sqliteFile, type Store } from '../src/store/index.js';
import { inCi, postgresUrl, scratchDatabase, tempDir } from './helpers/databases.js';
import { withDeadline } from './helpers/wait.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const commandTimeoutMs = 60_000;

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Only what the command needs, so the developer's own environment cannot leak in. */
function environment(env: Record<string, string>): NodeJS.ProcessEnv {
  const passed: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  for (const name of ['HOME', 'TMPDIR'] as const) {
    if (process.env[name]) passed[name] = process.env[name];
  }
  return { ...passed, DEMO: '0', LOG_LEVEL: 'silent', ...env };
}

interface Running {
  child: ChildProcess;
  /** Settles when the process has exited and its output is complete. */
  done: Promise<Outcome>;
  output(): { stdout: string; stderr: string };
}

function start(args: string[], env: Record<string, string>, input = ''): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: environment(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => {}); // the command may exit before reading its input
  child.stdin.end(input);
  const done = new Promise<Outcome>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Runs a command to its end (a hung one is killed and fails the test). */
async function broadsheet(
  args: string[],
  env: Record<string, string>,
  input = '',
): Promise<Outcome> {
  const running = start(args, env, input);
  try {
    return await withDeadline(
      running.done,
      commandTimeoutMs,
      `broadsheet ${args.join(' ')} to finish`,
    );
  } finally {
    if (running.child.exitCode === null && running.child.signalCode === null)
      running.child.kill('SIGKILL');
  }
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function oneLine(text: string): string {
  const lines = text.trim().split('\n');
  assert.equal(lines.length, 1, `exactly one line, got:\n${text}`);
  assert.doesNotMatch(text, /^\s+at /m, 'no stack trace');
  return lines[0] ?? '';
}

function assertFailedWithOneLine(outcome: Outcome): string {
  assert.notEqual(outcome.code, 0, `non-zero exit; stdout: ${outcome.stdout}`);
  assert.equal(outcome.signal, null);
  return oneLine(outcome.stderr);
}

/** Starts `serve` and resolves once /healthz answers; fails early if the process exits. */
async function serve(env: Record<string, string>) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const running = start(['serve'], { HOST: '127.0.0.1', PORT: String(port), ...env });
  let exited: Outcome | null = null;
  void running.done.then((outcome) => (exited = outcome));
  const deadline = Date.now() + commandTimeoutMs;
  for (;;) {
    if (exited) {
      const { code, stdout, stderr } = exited as Outcome;
      throw new Error(`serve exited (${code}) before answering:\n${stdout}\n${stderr}`);
    }
    const res = await fetch(`${url}/healthz`).catch(() => null);
    if (res?.ok) break;
    if (Date.now() > deadline) throw new Error('serve did not answer /healthz in time');
    await delay(50); // polling interval while the server boots
  }
  return {
    url,
    running,
    /** SIGTERM, then the exit (which must come within 10 s). */
    async stop(): Promise<Outcome> {
      running.child.kill('SIGTERM');
      return withDeadline(running.done, 10_000, 'serve to exit after SIGTERM');
    },
    kill() {
      if (running.child.exitCode === null && running.child.signalCode === null)
        running.child.kill('SIGKILL');
    },
  };
}

async function withStore<T>(dataDir: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: null, dataDir });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('broadsheet command', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = tempDir('broadsheet-cli-');
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('usage', () => {
    test('--help and every command’s --help print usage and exit 0', async () => {
      const env = { DATA_DIR: dataDir() };
      const cases: [string[], RegExp][] = [
        [['--help'], /^Usage: broadsheet <command>[\s\S]*serve[\s\S]*migrate[\s\S]*PORT/],
        [['-h'], /^Usage: broadsheet <command>/],
        [['serve', '--help'], /^Usage: broadsheet serve/],
        [['migrate', '--help'], /^Usage: broadsheet migrate/],
        [['user', 'create', '--help'], /^Usage: broadsheet user create --email/],
        [['token', 'create', '--help'], /^Usage: broadsheet token create --email/],
        [['section', '--help'], /^Usage: broadsheet section list/],
      ];
      const outcomes = await Promise.all(cases.map(([args]) => broadsheet(args, env)));
      for (const [i, [args, usage]] of cases.entries()) {
        const outcome = outcomes[i];
        assert.ok(outcome);
        assert.equal(outcome.code, 0, `${args.join(' ')}: ${outcome.stderr}`);
        assert.match(outcome.stdout, usage, args.join(' '));
        assert.equal(outcome.stderr, '', args.join(' '));
      }
      assert.equal(readdirSync(env.DATA_DIR).length, 0, 'help touches no database');
    });

    test('an unknown command fails with one line on stderr', async () => {
      const outcome = await broadsheet(['publish-everything'], { DATA_DIR: dataDir() });
      assert.match(assertFailedWithOneLine(outcome), /unknown command "publish-everything"/);
      const sub = await broadsheet(['user', 'delete'], { DATA_DIR: dataDir() });
      assert.match(assertFailedWithOneLine(sub), /user create/);
    });

    test('a missing --email fails with one line on stderr', async () => {
      const env = { DATA_DIR: dataDir() };
      const [token, user] = await Promise.all([
        broadsheet(['token', 'create'], env),
        broadsheet(['user', 'create', '--name', 'N', '--role', 'admin'], env, 'a-long-password'),
      ]);
      assert.match(assertFailedWithOneLine(token), /--email is required/);
      assert.match(assertFailedWithOneLine(user), /--email is required/);
    });
  });

  describe('migrate', () => {
    test('creates the SQLite file, says what it applied, then says it is up to date', async () => {
      const dir = path.join(dataDir(), 'not', 'yet', 'there');
      const first = await broadsheet(['migrate'], { DATA_DIR: dir });
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /Applied: .*0001_initial/);
      assert.ok(existsSync(sqliteFile(dir)), 'the SQLite file exists');
      const second = await broadsheet(['migrate'], { DATA_DIR: dir });
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /up to date/);
      assert.doesNotMatch(second.stdout, /Applied/);
    });

    test('an unreachable database is one line and a non-zero exit', async () => {
      const outcome = await broadsheet(['migrate'], {
        DATA_DIR: dataDir(),
        DATABASE_URL: 'postgres://127.0.0.1:1/x',
      });
      assert.match(assertFailedWithOneLine(outcome), /PostgreSQL.*127\.0\.0\.1:1/);
    });
  });

  describe('user create', () => {
    test('creates the user with a hashed password read from stdin', async () => {
      const dir = dataDir();
      const password = 'correct horse battery';
      const outcome = await broadsheet(
        ['user', 'create', '--email', 'Editor@Example.com', '--name', 'Ed Itor', '--role', 'admin'],
        { DATA_DIR: dir },
        `${password}\n`,
      );
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.match(outcome.stdout, /Created admin Ed Itor <editor@example\.com>/);
      assert.ok(!outcome.stdout.includes(password) && !outcome.stderr.includes(password));

      await withStore(dir, async (store) => {
        const user = await store.users.byEmail('editor@example.com');
        assert.ok(user, 'the user is in the database');
        assert.equal(user.name, 'Ed Itor');
        assert.equal(user.role, 'admin');
        const hash = await store.users.passwordHash(user.id);
        assert.ok(hash);
        assert.notEqual(hash, password);
        assert.ok(!hash.includes(password));
        assert.equal(await verifyPassword(password, hash), true, 'the newline is not part of it');
        assert.equal(await verifyPassword('wrong password', hash), false);
      });
    });

    test('a short password is refused with a clear line and nothing is created', async () => {
      const dir = dataDir();
      const outcome = await broadsheet(
        ['user', 'create', '--email', 'short@example.com', '--name', 'S', '--role', 'author'],
        { DATA_DIR: dir },
        'too-short',
      );
      assert.match(assertFailedWithOneLine(outcome), /at least 10 characters/);
      await withStore(dir, async (store) => {
        assert.equal(await store.users.byEmail('short@example.com'), null);
      });
    });

    test('an unknown role is refused with a clear line', async () => {
      const outcome = await broadsheet(
        ['user', 'create', '--email', 'boss@example.com', '--name', 'B', '--role', 'overlord'],
        { DATA_DIR: dataDir() },
        'a-long-password',
      );
      const line = assertFailedWithOneLine(outcome);
      assert.match(line, /role/);
      assert.match(line, /overlord/);
      assert.match(line, /commenter, author, editor, moderator, admin/);
    });
  });

  describe('section', () => {
    test('create, list, rename and remove; a refusal is one line and changes nothing', async () => {
      const env = { DATA_DIR: dataDir() };
      const created = await broadsheet(['section', 'create', '--name', 'Local News'], env);
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /Created section Local News at \/local-news\./);
      await broadsheet(['section', 'create', '--name', 'Sport', '--hidden'], env);
      const taken = await broadsheet(['section', 'create', '--name', 'Sport'], env);
      assert.match(assertFailedWithOneLine(taken), /already has the slug/);
      const renamed = await broadsheet(
        ['section', 'rename', 'local-news', '--name', 'Town', '--slug', 'town'],
        env,
      );
      assert.equal(renamed.code, 0, renamed.stderr);
      assert.match(renamed.stdout, /old addresses redirect/);
      const list = await broadsheet(['section', 'list'], env);
      assert.equal(list.stdout, 'town\tTown\t0 articles\nsport\tSport (hidden)\t0 articles\n');
      const removed = await broadsheet(['section', 'remove', 'sport'], env);
      assert.equal(removed.code, 0, removed.stderr);
      await withStore(env.DATA_DIR, async (store) => {
        assert.deepEqual(
          (await store.sections.list()).map((s) => s.slug),
          ['town'],
        );
        assert.equal(await store.sections.currentSlug('local-news'), 'town');
      });
    });
  });

  describe('token create', () => {
    test('prints a bst_ token that authenticates as the user, and only its hash is stored', async () => {
      const dir = dataDir();
      const user = await withStore(dir, (store) =>
        new UserService({ store }).create({
          email: 'api@example.com',
          name: 'Api User',
          role: 'editor',
          password: null,
        }),
      );
      const outcome = await broadsheet(['token', 'create', '--email', 'api@example.com'], {
        DATA_DIR: dir,
      });
      assert.equal(outcome.code, 0, outcome.stderr);
      const token = oneLine(outcome.stdout);
      assert.match(token, /^bst_[A-Za-z0-9_-]{20,}$/);

      // Before anything else opens the database: the token's text is nowhere in its files.
      for (const name of readdirSync(dir)) {
        const bytes = readFileSync(path.join(dir, name));
        assert.ok(!bytes.includes(token), `${name} does not hold the token`);
        assert.ok(!bytes.includes(token.slice(4)), `${name} does not hold the token's secret`);
      }

      await withStore(dir, async (store) => {
        const tokens = new TokenService({ store });
        assert.equal((await tokens.authenticate(token))?.id, user.id);
        assert.equal(await tokens.authenticate(`${token}x`), null);
        assert.equal(
          (await store.tokens.userForHash(hashToken(token), new Date().toISOString()))?.id,
          user.id,
        );
      });
    });

    test('an unknown email is one line and a non-zero exit', async () => {
      const outcome = await broadsheet(['token', 'create', '--email', 'nobody@example.com'], {
        DATA_DIR: dataDir(),
      });
      assert.match(assertFailedWithOneLine(outcome), /nobody@example\.com/);
    });
  });

  describe('serve', () => {
    test('a bad setting is one line naming it, with no stack trace', async () => {
      const outcome = await broadsheet(['serve'], { DATA_DIR: dataDir(), PORT: 'abc' });
      const line = assertFailedWithOneLine(outcome);
      assert.match(line, /PORT/);
      assert.match(line, /abc/);
      assert.equal(outcome.stdout, '');
    });

    describe('on a port already in use', () => {
      let blocker: Server;
      let port: number;
      before(async () => {
        blocker = createServer();
        await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
        port = (blocker.address() as AddressInfo).port;
      });
      after(async () => {
        await new Promise<void>((resolve) => blocker.close(() => resolve()));
      });

      test('says so in one line and exits non-zero', async () => {
        const outcome = await broadsheet(['serve'], {
          DATA_DIR: dataDir(),
          HOST: '127.0.0.1',
          PORT: String(port),
        });
        const line = assertFailedWithOneLine(outcome);
        assert.match(line, new RegExp(`port ${port}.*in use`));
      });
    });

    test('an unreachable PostgreSQL is one line and a non-zero exit, and no SQLite file', async () => {
      const dir = dataDir();
      const outcome = await broadsheet(['serve'], {
        DATA_DIR: dir,
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
        DATABASE_URL: 'postgres://127.0.0.1:1/x',
      });
      const line = assertFailedWithOneLine(outcome);
      assert.match(line, /PostgreSQL/);
      assert.match(line, /127\.0\.0\.1:1/);
      assert.deepEqual(readdirSync(dir), []);
    });

    test('serves demo content from a new SQLite file and stops cleanly on SIGTERM', async () => {
      const dir = path.join(dataDir(), 'data');
      const server = await serve({ DATA_DIR: dir, DEMO: '1' });
      try {
        const health = await fetch(`${server.url}/healthz`);
        assert.deepEqual(await health.json(), { status: 'ok' });
        const ready = await fetch(`${server.url}/readyz`);
        assert.deepEqual(await ready.json(), { status: 'ready', database: 'sqlite' });
        assert.ok(existsSync(sqliteFile(dir)), 'the SQLite file is under DATA_DIR');

        const front = await (await fetch(`${server.url}/`)).text();
        const escape = (s: string) =>
          s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        const shown = demoContent.articles.filter((a) => front.includes(escape(a.headline)));
        assert.ok(shown.length > 0, 'the front page shows a demo headline');

        const outcome = await server.stop();
        assert.equal(outcome.code, 0, outcome.stderr);
        assert.equal(outcome.signal, null);
        assert.match(outcome.stdout, /Loaded the demo content/);
        assert.equal(outcome.stderr, '');
      } finally {
        server.kill();
      }
    });

    const serverUrl = postgresUrl;
    test(
      'serves from PostgreSQL when DATABASE_URL says so, with no SQLite file',
      serverUrl || inCi ? {} : { skip: 'skipped: TEST_DATABASE_URL is not set' },
      async () => {
        if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set, so this cannot run');
        const database = await scratchDatabase(serverUrl);
        const dir = dataDir();
        try {
          const server = await serve({ DATA_DIR: dir, DATABASE_URL: database.url, DEMO: '1' });
          try {
            const ready = await fetch(`${server.url}/readyz`);
            assert.equal(ready.status, 200);
            assert.deepEqual(await ready.json(), { status: 'ready', database: 'postgres' });
            const front = await fetch(`${server.url}/`);
            assert.equal(front.status, 200);
            const outcome = await server.stop();
            assert.equal(outcome.code, 0, outcome.stderr);
            assert.match(outcome.stdout, /PostgreSQL/);
          } finally {
            server.kill();
          }
          const files = existsSync(dir) ? readdirSync(dir) : [];
          assert.deepEqual(
            files.filter((f) => f.includes('sqlite')),
            [],
            'no SQLite file',
          );
        } finally {
          await database.drop();
        }
      },
    );
  });
});
