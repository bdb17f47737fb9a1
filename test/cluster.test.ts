/**
 * Several servers for real (issue 20, docs/deploy.md): nginx, configured from the file the
 * deployment guide shows, in front of three `broadsheet serve` processes on one PostgreSQL
 * database, under steady load (page and comment reads, comment posts with Idempotency-Keys, 200
 * live streams). Each point prints its figures.
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { createServices } from '../src/compose.js';
import { articlePath } from '../src/domain/article.js';
import { defaultLimits } from '../src/http/limits.js';
import { hashPassword } from '../src/services/passwords.js';
import { openStore } from '../src/store/index.js';
import { inCi, postgresUrl, scratchDatabase, tempDir } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';
import { jpeg } from './helpers/images.js';
import { startS3 } from './helpers/s3.js';
import { nginxBinary, startNginx, type Nginx } from './helpers/cluster.js';
import { LiveReader, SteadyLoad, type Tally } from './helpers/cluster-load.js';
import { freePort, startServerProcess, type ServerProcess } from './helpers/server-process.js';
import { waitFor, withDeadline } from './helpers/wait.js';

const skip =
  !postgresUrl && !inCi
    ? 'skipped: TEST_DATABASE_URL is not set'
    : !existsSync(nginxBinary) && !inCi
      ? 'skipped: nginx is not installed (Debian: nginx-light)'
      : false;

const liveReaders = 200;
const password = 'the right password, at last';

function figures(t: TestContext, point: string, tally: { reads: Tally; posts: Tally }): void {
  t.diagnostic(
    `${point}: ${tally.reads.requests} reads (${tally.reads.errors} errors), ` +
      `${tally.posts.requests} posts (${tally.posts.errors} errors)`,
  );
  for (const e of [...tally.reads.errorLog, ...tally.posts.errorLog]) {
    t.diagnostic(`  error at ${new Date(e.at).toISOString()}: ${e.what}`);
  }
}

describe('three servers behind nginx on one PostgreSQL database', { skip }, () => {
  const cleanup: (() => Promise<void>)[] = [];
  const ports: number[] = [];
  const servers: ServerProcess[] = [];
  const readers: LiveReader[] = [];
  let envFor: (slot: number) => Record<string, string>;
  let lb: Nginx;
  let load: SteadyLoad;
  let databaseUrl: string;
  let articleId: string;
  let page: string;
  let quietId: string;
  let quietPage: string;
  let cookie: string;
  let origin: string;
  let signerEmail: string;

  before(
    async () => {
      assert.ok(postgresUrl, 'TEST_DATABASE_URL is required under CI');
      const database = await scratchDatabase(postgresUrl);
      cleanup.push(() => database.drop());
      databaseUrl = database.url;
      const dir = tempDir('broadsheet-cluster-');
      cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));

      const store = await openStore({ databaseUrl, dataDir: path.join(dir, 'seed') });
      const editor = await storedPerson(store, { role: 'editor' });
      const article = await publishedArticle(store, { authorIds: [editor.id] });
      // Without the load's comments, so that a new one is on its first page of comments.
      const quiet = await publishedArticle(store, { authorIds: [editor.id] });
      const signer = await storedPerson(store, { passwordHash: await hashPassword(password) });
      const session = await createServices(store).sessions.start(editor.id);
      await store.close();
      articleId = article.id;
      page = articlePath(article);
      quietId = quiet.id;
      quietPage = articlePath(quiet);
      cookie = `bs_session=${session.id}`;
      signerEmail = signer.email;

      const s3 = await startS3();
      cleanup.push(() => s3.stop());
      const lbPort = await freePort();
      origin = `http://127.0.0.1:${lbPort}`;
      for (let i = 0; i < 3; i++) ports.push(await freePort());
      envFor = (slot) => {
        const dataDir = path.join(dir, `server-${slot}`);
        mkdirSync(dataDir, { recursive: true });
        return {
          DATABASE_URL: databaseUrl,
          // Each server its own folder: nothing is shared but the database (and the bucket).
          DATA_DIR: dataDir,
          BASE_URL: origin,
          TRUST_PROXY: '127.0.0.1',
          LOG_LEVEL: 'error',
          // Longer than nginx's keepalive_timeout (4 s), shorter than the helper's stop bound.
          DRAIN_SECONDS: '8',
          ...s3.env,
        };
      };
      servers.push(
        ...(await Promise.all(ports.map((port, slot) => startServerProcess(envFor(slot), port)))),
      );
      cleanup.push(async () => {
        await Promise.all(servers.map((s) => s.kill()));
      });
      lb = await startNginx(
        path.join(dir, 'nginx'),
        lbPort,
        ports.map((p) => `127.0.0.1:${p}`),
      );
      cleanup.push(() => lb.stop());

      const liveUrl = `${lb.url}/api/v1/articles/${articleId}/comments/live`;
      for (let i = 0; i < liveReaders; i++) {
        readers.push(new LiveReader(liveUrl, `10.20.${i >> 8}.${i & 255}`));
      }
      cleanup.push(async () => readers.forEach((r) => r.close()));
      await withDeadline(
        Promise.all(readers.map((r) => r.whenLive())),
        120_000,
        `${liveReaders} live streams to open`,
      );
      load = new SteadyLoad({ url: lb.url, origin, articleId, articlePath: page, cookie });
      cleanup.push(() => load.stop());
    },
    { timeout: 300_000 },
  );

  after(
    async () => {
      for (const c of cleanup.reverse()) await c().catch(() => {});
    },
    { timeout: 120_000 },
  );

  /** Comments stored for the article: id → how many rows carry its body. */
  async function stored(): Promise<{ ids: Set<string>; duplicates: number }> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; body: string }>(
        'select id, body from comments where article_id = $1',
        [articleId],
      );
      const bodies = new Set(rows.map((r) => r.body));
      return { ids: new Set(rows.map((r) => r.id)), duplicates: rows.length - bodies.size };
    } finally {
      await client.end();
    }
  }

  /** Every acknowledged comment is stored once, and reached every live reader once. */
  async function noneLostOrDuplicated(t: TestContext, point: string): Promise<void> {
    const acknowledged = [...load.acknowledged];
    const { ids, duplicates } = await stored();
    const lost = acknowledged.filter((id) => !ids.has(id));
    const missing = () =>
      readers.reduce((n, r) => n + acknowledged.filter((id) => !r.seen.has(id)).length, 0);
    await waitFor(() => missing() === 0, {
      what: 'every live reader to have every acknowledged comment',
      timeoutMs: 60_000,
      intervalMs: 200,
    }).catch(() => {});
    const twice = readers.reduce((n, r) => n + [...r.seen.values()].filter((c) => c > 1).length, 0);
    const reconnected = readers.filter((r) => r.connections > 1).length;
    t.diagnostic(
      `${point}: comments acknowledged so far ${acknowledged.length}, found ${acknowledged.length - lost.length} ` +
        `(stored ${ids.size}, duplicates ${duplicates}); live events missed ${missing()}, ` +
        `seen twice ${twice}; readers that reconnected ${reconnected}/${readers.length}, ` +
        `posts retried ${load.retries}`,
    );
    assert.deepEqual(lost, [], 'acknowledged comments lost');
    assert.equal(duplicates, 0, 'comments stored twice');
    assert.equal(ids.size, acknowledged.length, 'every stored comment was acknowledged');
    assert.equal(missing(), 0, 'live events missed');
    assert.equal(twice, 0, 'live events delivered twice');
  }

  test(
    '1. kill -9 of one server: nothing acknowledged is lost, streams resume elsewhere',
    { timeout: 300_000 },
    async (t) => {
      load.start(3, 2, 50);
      await delay(5_000);
      const killedAt = Date.now();
      await servers[0]!.kill();
      await delay(8_000);
      servers[0] = await startServerProcess(envFor(0), ports[0]!);
      await delay(3_000);
      await load.stop();
      const tally = load.take();
      figures(t, 'kill -9', tally);
      const errors = [...tally.reads.errorLog, ...tally.posts.errorLog];
      // Only what was in flight on the killed server: one request per client loop at most, and
      // only right after the kill (nginx passes everything else to the other servers).
      assert.ok(errors.length <= 5, `${errors.length} errors`);
      for (const e of errors) assert.ok(e.at >= killedAt && e.at < killedAt + 5_000, e.what);
      assert.ok(tally.posts.requests > 10 && tally.reads.requests > 10, 'the load ran');
      assert.ok(
        readers.some((r) => r.connections > 1),
        'some streams were on the killed server',
      );
      await noneLostOrDuplicated(t, 'kill -9');
    },
  );

  test(
    '2. rolling restart (SIGTERM, wait, start) fails no request at the balancer',
    { timeout: 600_000 },
    async (t) => {
      const connectionsBefore = readers.reduce((n, r) => n + r.connections, 0);
      const retriesBefore = load.retries;
      load.start(3, 2, 50);
      await delay(3_000);
      for (const slot of [0, 1, 2]) {
        const code = await servers[slot]!.stop();
        assert.equal(code, 0, `server ${slot} exit code; its output:\n${servers[slot]!.output()}`);
        servers[slot] = await startServerProcess(envFor(slot), ports[slot]!);
        await delay(2_000);
      }
      await delay(3_000);
      await load.stop();
      const tally = load.take();
      figures(t, 'rolling restart', tally);
      const reconnections = readers.reduce((n, r) => n + r.connections, 0) - connectionsBefore;
      t.diagnostic(`rolling restart: live stream reconnections ${reconnections}`);
      assert.equal(tally.reads.errors, 0, 'failed reads');
      assert.equal(tally.posts.errors, 0, 'failed posts');
      assert.equal(load.retries, retriesBefore, 'posts that needed a retry');
      assert.ok(reconnections >= liveReaders, 'every stream moved at least once');
      await noneLostOrDuplicated(t, 'rolling restart');
    },
  );

  test(
    '3. a page cached on server A is refreshed when a comment is posted on server B',
    { timeout: 120_000 },
    async (t) => {
      const [a, b] = [servers[0]!, servers[1]!];
      await (await fetch(a.url + quietPage)).arrayBuffer();
      const cached = await fetch(a.url + quietPage);
      await cached.arrayBuffer();
      assert.equal(cached.headers.get('x-cache'), 'hit', 'the page is in A’s cache');
      const marker = `Marker${randomBytes(6).toString('hex')}`;
      const posted = await fetch(`${b.url}/api/v1/articles/${quietId}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie },
        body: JSON.stringify({ body: `Seen everywhere: ${marker}` }),
      });
      assert.equal(posted.status, 201, await posted.clone().text());
      const started = Date.now();
      await waitFor(async () => (await (await fetch(a.url + quietPage)).text()).includes(marker), {
        what: 'server A’s page to show the comment posted on B',
        timeoutMs: 20_000,
        intervalMs: 100,
      });
      t.diagnostic(`page cache: A showed B’s comment after ${Date.now() - started} ms`);
    },
  );

  test(
    '4. a sign-in limit for one account holds at its value across the three servers',
    { timeout: 120_000 },
    async (t) => {
      const limit = defaultLimits.signInPerAccountAddress.max;
      const statuses: number[] = [];
      for (let i = 0; i < limit + 3; i++) {
        const server = servers[i % 3]!;
        const res = await fetch(`${server.url}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ email: signerEmail, password: `wrong ${i}` }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      const refusedFrom = statuses.findIndex((s) => s === 429);
      t.diagnostic(`sign-in limit ${limit}: answers ${statuses.join(' ')}`);
      assert.deepEqual(statuses.slice(0, limit), Array(limit).fill(401));
      assert.equal(refusedFrom, limit, 'refused from the attempt after the limit, on any server');
      assert.deepEqual(statuses.slice(limit), Array(3).fill(429));
    },
  );

  test(
    '4b. the sign-in limit per client address holds at its value across the three servers',
    { timeout: 180_000 },
    async (t) => {
      const limit = defaultLimits.signInPerIp.max;
      const statuses: number[] = [];
      for (let i = 0; i < limit + 3; i++) {
        const server = servers[i % 3]!;
        const res = await fetch(`${server.url}/api/v1/session`, {
          method: 'POST',
          // An address of its own (the servers believe X-Forwarded-For from 127.0.0.1, as from
          // nginx): the attempts of point 4 came from 127.0.0.1 and count against that one.
          headers: {
            'content-type': 'application/json',
            origin,
            'x-forwarded-for': '203.0.113.44',
          },
          // A different (unknown) account each time: only the address's own limit applies.
          body: JSON.stringify({ email: `nobody-${i}@example.com`, password: 'wrong' }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      t.diagnostic(`sign-in limit per address ${limit}: answers ${statuses.join(' ')}`);
      assert.deepEqual(statuses.slice(0, limit), Array(limit).fill(401));
      assert.deepEqual(statuses.slice(limit), Array(3).fill(429));
    },
  );

  test(
    '5. an image uploaded through server A is served by B and C',
    { timeout: 120_000 },
    async (t) => {
      const [a, b, c] = [servers[0]!, servers[1]!, servers[2]!];
      const res = await fetch(`${a.url}/api/v1/images`, {
        method: 'POST',
        headers: {
          origin,
          cookie,
          'content-type': 'application/octet-stream',
          'x-filename': 'harbour.jpg',
        },
        body: new Uint8Array(await jpeg(800, 600)),
      });
      const text = await res.text();
      assert.equal(res.status, 201, text);
      const files = [...new Set(text.match(/\/images\/[0-9a-f]{32}\.[a-z]+/g) ?? [])];
      assert.ok(files.length > 0, 'the upload names its files');
      for (const file of files) {
        const fromA = Buffer.from(await (await fetch(a.url + file)).arrayBuffer());
        for (const other of [b, c]) {
          const got = await fetch(other.url + file);
          assert.equal(got.status, 200, `${file} on ${other.url}`);
          assert.ok(Buffer.from(await got.arrayBuffer()).equals(fromA), `${file} is the same`);
        }
      }
      t.diagnostic(`images: ${files.length} files served by all three servers`);
    },
  );
});
