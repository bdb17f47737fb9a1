/**
 * `broadsheet demo load` and `broadsheet demo remove` run as an operator runs them, on SQLite:
 * exit codes, what they print, and what is left in the database.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { demoContent } from '../src/demo/content.js';
import { UserService } from '../src/services/users.js';
import { openStore } from '../src/store/index.js';
import { tempDir } from './helpers/databases.js';
import { publishedArticle, section } from './helpers/fixtures.js';
import { withDeadline } from './helpers/wait.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command with `input` on standard input; a hung one is killed and fails the test. */
async function broadsheet(args: string[], dataDir: string, input = ''): Promise<Outcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      DEMO: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => {});
  child.stdin.end(input);
  const done = new Promise<Outcome>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  try {
    return await withDeadline(done, 60_000, `broadsheet ${args.join(' ')} to finish`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('broadsheet demo', () => {
  const dataDir = tempDir('broadsheet-cli-demo-');
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Reads the database between commands (each command has it to itself). */
  async function inStore<T>(work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>) {
    const store = await openStore({ databaseUrl: null, dataDir });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  test('load, then remove --yes on a site with real content: only the demo goes', async () => {
    const loaded = await broadsheet(['demo', 'load'], dataDir);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.match(loaded.stdout, /Loaded the demo content/);

    const again = await broadsheet(['demo', 'load'], dataDir);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already has sections or articles/);

    const real = await inStore(async (store) => {
      const owner = await new UserService({ store }).create({
        email: 'owner@news.example',
        name: 'Olu Owner',
        role: 'admin',
        password: 'a-long-password-for-olu',
      });
      await section(store, 'sport', 'Sport');
      return publishedArticle(store, {
        headline: 'Our first real story',
        sectionSlug: 'sport',
        authorIds: [owner.id],
      });
    });

    // Asked, and not agreed to: nothing changes.
    const refused = await broadsheet(['demo', 'remove'], dataDir, 'no\n');
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /This removes the demo content:/);
    assert.match(refused.stdout, new RegExp(`${demoContent.articles.length} articles`));
    assert.match(refused.stderr, /nothing was removed/);
    assert.equal(
      await inStore(async (store) => (await store.sections.list()).length),
      demoContent.sections.length + 1,
    );

    const removed = await broadsheet(['demo', 'remove', '--yes'], dataDir);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /Removed the demo content:/);
    assert.match(removed.stdout, new RegExp(`${demoContent.articles.length} articles`));
    assert.match(removed.stdout, new RegExp(`${demoContent.people.length} accounts`));
    assert.match(removed.stdout, new RegExp(`${demoContent.sections.length} sections`));
    assert.match(removed.stdout, /the site name/);

    await inStore(async (store) => {
      assert.deepEqual(
        (await store.sections.list()).map((s) => s.slug),
        ['sport'],
      );
      assert.equal(await store.reader.countPublished(), 1);
      assert.equal((await store.reader.getBySlug(real.slug))?.headline, 'Our first real story');
      assert.ok(await store.users.byEmail('owner@news.example'));
      for (const person of demoContent.people) {
        assert.equal(await store.users.byEmail(person.email), null, person.email);
      }
      assert.equal(await store.settings.get('site_name'), null);
    });

    const nothing = await broadsheet(['demo', 'remove', '--yes'], dataDir);
    assert.equal(nothing.code, 0);
    assert.match(nothing.stdout, /no demo content to remove/);
  });

  test('help and a wrong action', async () => {
    const help = await broadsheet(['demo', '--help'], dataDir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /broadsheet demo remove \[--yes\]/);
    const wrong = await broadsheet(['demo', 'drop'], dataDir);
    assert.equal(wrong.code, 64);
    assert.match(wrong.stderr, /load or remove/);
  });
});
