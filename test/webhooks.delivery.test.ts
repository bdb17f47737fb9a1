/**
 * Webhook deliveries to a real HTTP receiver in this process (issue 21, decisions/0066): signed
 * and verified with the recipe of docs/webhooks.md, retried after a 500 with the clock moved on,
 * given up after 24 hours, refused for private addresses unless allowed, cut short when slow or
 * long, and delivered once each by two app instances on one database.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { translator } from '../src/i18n/translator.js';
import { LocalChangeBus, type ChangeBus } from '../src/services/changes.js';
import { WebhookService } from '../src/services/webhooks.js';
import type { Store } from '../src/store/index.js';
import { databases, type OpenedStore } from './helpers/databases.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

/** The receiver's check, as docs/webhooks.md tells a receiver to write it. */
function verify(secret: string, header: string | undefined, body: string): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(
    header.split(',').map((p) => p.split('=', 2) as [string, string]),
  );
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A receiver that answers each request with what `answer` says, and keeps what it got. */
async function receiver(secret: string) {
  const received: Received[] = [];
  let answer: (n: number) => { status: number; body?: string; hang?: boolean } = () => ({
    status: 200,
    body: 'ok',
  });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['broadsheet-signature'];
      received.push({
        headers: req.headers,
        body,
        verified: verify(secret, typeof signature === 'string' ? signature : undefined, body),
      });
      const reply = answer(received.length);
      if (reply.hang) return;
      res.writeHead(reply.status, { 'content-type': 'text/plain' });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answer: (f: typeof answer) => {
      answer = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const secret = 'receiver-secret-0123456789';

function service(
  store: Store,
  clock: { now: Date },
  options: { allowPrivate?: boolean; timeoutMs?: number; changes?: ChangeBus } = {},
) {
  return new WebhookService({
    store,
    ...(options.changes ? { changes: options.changes } : {}),
    baseUrl: 'http://broadsheet.test',
    i18n: () => translator('en-GB', 'Europe/London'),
    siteName: () => 'The Quay Gazette',
    allowPrivate: options.allowPrivate ?? true,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    now: () => clock.now,
  });
}

for (const database of databases()) {
  describe(`webhook deliveries (${database.name})`, () => {
    let db: OpenedStore;
    let hook: Awaited<ReturnType<typeof receiver>>;
    before(async () => {
      db = await database.open();
      hook = await receiver(secret);
    });
    after(async () => {
      await hook?.close();
      await db?.dispose();
    });

    test('a delivery is signed, the receiver verifies it, and the answer is logged', async () => {
      const clock = { now: new Date() };
      const webhooks = service(db.store, clock);
      const created = await webhooks.create({
        url: hook.url,
        secret,
        events: ['article.published'],
      });
      await webhooks.emit('article.published', { article: { id: 'a1', headline: 'Tide tables' } });
      // An event nobody asked for queues nothing.
      await webhooks.emit('comment.held', { comment: { id: 'c1' } });
      const before = hook.received.length;
      await webhooks.deliverDue();
      assert.equal(hook.received.length, before + 1);
      const got = hook.received.at(-1)!;
      assert.equal(got.verified, true);
      assert.equal(got.headers['content-type'], 'application/json');
      assert.equal(got.headers['broadsheet-event'], 'article.published');
      const body = JSON.parse(got.body) as { id: string; event: string; data: unknown };
      assert.equal(body.event, 'article.published');
      assert.deepEqual(body.data, { article: { id: 'a1', headline: 'Tide tables' } });
      assert.equal(got.headers['broadsheet-delivery'], body.id);
      // A tampered body or another secret fails the same check.
      assert.equal(
        verify(secret, got.headers['broadsheet-signature'] as string, `${got.body} `),
        false,
      );
      assert.equal(
        verify('another-secret-000000', got.headers['broadsheet-signature'] as string, got.body),
        false,
      );

      const [logged] = await webhooks.deliveries(created.id);
      assert.equal(logged?.status, 'delivered');
      assert.equal(logged?.attempts, 1);
      assert.equal(logged?.responseStatus, 200);
      assert.equal(logged?.responseBody, 'ok');
      assert.ok((logged?.durationMs ?? -1) >= 0);
      await webhooks.remove(created.id);
    });

    test('a 500 is retried with a growing wait, then succeeds; 24 hours of failures give up', async () => {
      const clock = { now: new Date() };
      const start = clock.now.getTime();
      const webhooks = service(db.store, clock);
      const created = await webhooks.create({ url: hook.url, secret, events: ['comment.held'] });
      const count0 = hook.received.length;
      hook.answer(() => ({ status: 500, body: 'down' }));
      await webhooks.emit('comment.held', { comment: { id: 'c2' } });
      await webhooks.deliverDue();
      let [d] = await webhooks.deliveries(created.id);
      assert.equal(d?.status, 'pending');
      assert.equal(d?.attempts, 1);
      assert.equal(d?.responseStatus, 500);
      assert.equal(d?.nextAttemptAt, new Date(start + 30_000).toISOString());
      // Not yet due: nothing is sent.
      clock.now = new Date(start + 29_000);
      assert.deepEqual(await webhooks.deliverDue(), []);
      clock.now = new Date(start + 30_000);
      await webhooks.deliverDue();
      [d] = await webhooks.deliveries(created.id);
      assert.equal(d?.attempts, 2);
      // The wait doubles: 30 s, then 60 s.
      assert.equal(d?.nextAttemptAt, new Date(start + 90_000).toISOString());
      hook.answer(() => ({ status: 204 }));
      clock.now = new Date(start + 90_000);
      await webhooks.deliverDue();
      [d] = await webhooks.deliveries(created.id);
      assert.equal(d?.status, 'delivered');
      assert.equal(d?.attempts, 3);
      assert.equal(hook.received.length, count0 + 3);
      assert.ok(hook.received.slice(count0).every((r) => r.verified));
      const { attempts } = await webhooks.delivery(created.id, d!.id);
      assert.deepEqual(
        attempts.map((a) => a.responseStatus),
        [500, 500, 204],
      );

      // A receiver that fails for a whole day: the delivery is marked failed, then redelivered.
      hook.answer(() => ({ status: 503, body: 'still down' }));
      await webhooks.emit('comment.held', { comment: { id: 'c3' } });
      let tries = 0;
      for (;;) {
        await webhooks.deliverDue();
        [d] = await webhooks.deliveries(created.id);
        tries++;
        if (d?.status !== 'pending') break;
        clock.now = new Date(d.nextAttemptAt);
      }
      assert.equal(d?.status, 'failed');
      assert.ok(tries > 10 && tries < 30, `gave up after ${tries} tries`);
      assert.ok(Date.parse(d.lastAttemptAt!) - start <= 24 * 3600_000 + 90_000);
      hook.answer(() => ({ status: 200 }));
      await webhooks.redeliver(created.id, d.id);
      await webhooks.deliverDue();
      assert.equal((await webhooks.delivery(created.id, d.id)).delivery.status, 'delivered');
      await webhooks.remove(created.id);
    });

    test('private addresses are refused unless allowed; slow and long answers are cut short', async () => {
      const clock = { now: new Date() };
      const strict = service(db.store, clock, { allowPrivate: false });
      await assert.rejects(
        strict.create({ url: hook.url, events: ['comment.held'] }),
        (e: Error & { condition?: string }) => e.condition === 'webhook_private_address',
      );
      await assert.rejects(
        strict.create({ url: 'ftp://example.com/x', events: ['comment.held'] }),
        (e: Error & { condition?: string }) => e.condition === 'invalid_webhook_url',
      );
      await assert.rejects(
        strict.create({ url: 'https://example.com/x', events: ['nonsense'] }),
        (e: Error & { condition?: string }) => e.condition === 'invalid_webhook_event',
      );
      // Saved while allowed (say, before the setting changed): the delivery itself is refused.
      const open = service(db.store, clock, { allowPrivate: true, timeoutMs: 300 });
      const created = await open.create({ url: hook.url, events: ['comment.reported'] });
      assert.match(created.secret, /^[0-9a-f]{64}$/);
      const count0 = hook.received.length;
      await strict.emit('comment.reported', {});
      await strict.deliverDue();
      let [d] = await strict.deliveries(created.id);
      assert.equal(hook.received.length, count0);
      assert.match(d?.error ?? '', /refused: 127\.0\.0\.1 is a private or loopback address/);
      assert.equal(d?.responseStatus, null);

      hook.answer(() => ({ status: 200, body: 'x'.repeat(100_000) }));
      clock.now = new Date(clock.now.getTime() + 1000);
      await open.sendTest(created.id);
      await open.deliverDue();
      [d] = await open.deliveries(created.id);
      assert.equal(d?.event, 'webhook.test');
      assert.equal(d?.responseStatus, 200);
      assert.equal(d?.responseBody?.length, 2000);

      hook.answer(() => ({ status: 200, hang: true }));
      clock.now = new Date(clock.now.getTime() + 1000);
      await open.sendTest(created.id);
      const started = Date.now();
      await open.deliverDue();
      assert.ok(Date.now() - started < 5_000);
      [d] = await open.deliveries(created.id);
      assert.equal(d?.status, 'pending');
      assert.match(d?.error ?? '', /no answer in 300 ms/);
      await open.remove(created.id);
    });

    test('the Slack preset sends {"text": …} with links', async () => {
      const clock = { now: new Date() };
      const webhooks = service(db.store, clock);
      const created = await webhooks.create({
        url: hook.url,
        secret,
        events: ['article.published'],
        preset: 'slack',
      });
      hook.answer(() => ({ status: 200, body: 'ok' }));
      await webhooks.emit('article.published', {
        article: {
          headline: 'Tides <high> & low',
          url: 'http://broadsheet.test/news/2026/12/04/tides',
        },
      });
      await webhooks.deliverDue();
      const got = hook.received.at(-1)!;
      assert.equal(got.verified, true);
      assert.deepEqual(JSON.parse(got.body), {
        text: 'The Quay Gazette published <http://broadsheet.test/news/2026/12/04/tides|Tides &lt;high&gt; &amp; low>',
      });
      await webhooks.remove(created.id);
    });

    test('the webhook list is kept, and read again when another instance changes a webhook', async () => {
      // Two app instances whose change buses are joined (as LISTEN/NOTIFY or the cluster primary
      // join them): each keeps the list it read, until the other says a webhook changed.
      const other = await db.store.openAnother();
      try {
        const clock = { now: new Date() };
        const bus = new LocalChangeBus();
        const one = service(db.store, clock, { changes: bus });
        const two = service(other, clock, { changes: bus });
        await one.emit('comment.held', { comment: { id: 'before' } });
        const created = await two.create({ url: hook.url, secret, events: ['comment.held'] });
        await one.emit('comment.held', { comment: { id: 'after-create' } });
        await two.setEnabled(created.id, false);
        await one.emit('comment.held', { comment: { id: 'while-disabled' } });
        await two.setEnabled(created.id, true);
        await one.emit('comment.held', { comment: { id: 'enabled-again' } });
        const queued = await one.deliveries(created.id, 10);
        assert.deepEqual(
          queued
            .map(
              (d) =>
                (JSON.parse(d.payload) as { data: { comment: { id: string } } }).data.comment.id,
            )
            .sort(),
          ['after-create', 'enabled-again'],
        );
        await two.remove(created.id);
      } finally {
        await other.close();
      }
    });

    test('two app instances on one database deliver each delivery once', async () => {
      const other = await db.store.openAnother();
      try {
        const clock = { now: new Date() };
        const one = service(db.store, clock);
        const two = service(other, clock);
        const created = await one.create({ url: hook.url, secret, events: ['comment.published'] });
        hook.answer(() => ({ status: 200, body: 'ok' }));
        const count0 = hook.received.length;
        for (let i = 0; i < 40; i++)
          await one.emit('comment.published', { comment: { id: `c${i}` } });
        const [a, b] = await Promise.all([one.deliverDue(), two.deliverDue()]);
        const ids = hook.received
          .slice(count0)
          .map((r) => (JSON.parse(r.body) as { id: string }).id);
        assert.equal(ids.length, 40);
        assert.equal(new Set(ids).size, 40);
        assert.equal(a.length + b.length, 40);
        const logged = await one.deliveries(created.id, 100);
        assert.ok(logged.every((d) => d.status === 'delivered' && d.attempts === 1));
        await one.remove(created.id);
      } finally {
        await other.close();
      }
    });
  });
}
