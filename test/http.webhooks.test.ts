/**
 * Webhooks through the whole app (issue 21): admins add, edit, test and delete webhooks on
 * /admin/webhooks (CSRF-protected forms) and through /api/v1/webhooks; others are refused; events
 * come from publishing, editing, corrections and comments; a failed delivery is redelivered from
 * the admin page. On both databases, with a real receiver in this process.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';

const origin = 'http://broadsheet.test';

for (const database of databases()) {
  describe(`webhooks through the app (${database.name})`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let admin: Person;
    let editor: Person;
    let receiver: http.Server;
    let target = '';
    let status = 200;
    const received: { event: string; body: Record<string, unknown> }[] = [];
    before(async () => {
      db = await database.open();
      app = await startApp(db, { WEBHOOKS_ALLOW_PRIVATE: '1' });
      admin = await signedInPerson(db.store, app, { role: 'admin' });
      editor = await signedInPerson(db.store, app, { role: 'editor' });
      receiver = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push({
            event: String(req.headers['broadsheet-event']),
            body: JSON.parse(body) as Record<string, unknown>,
          });
          res.writeHead(status).end(status === 200 ? 'thanks' : 'broken');
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`;
    });
    after(async () => {
      receiver?.closeAllConnections();
      receiver?.close();
      await app?.close();
      await db?.dispose();
    });

    const form = (person: Person, path: string, fields: [string, string][] = []) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          cookie: person.cookie,
        },
        body: new URLSearchParams([['_csrf', person.csrf], ...fields]),
      });
    const page = async (person: Person, path: string) =>
      (await fetch(`${app.url}${path}`, { headers: { cookie: person.cookie } })).text();
    const api = (person: Person, method: string, path: string, body?: unknown) =>
      fetch(`${app.url}/api/v1${path}`, {
        method,
        headers: {
          origin,
          cookie: person.cookie,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });

    test('admins add, edit and test a webhook on /admin/webhooks; a failed one is redelivered', async () => {
      const refused = await form(admin, '/admin/webhooks', [
        ['url', 'not an address'],
        ['events', 'article.published'],
      ]);
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /Enter a full http:\/\/ or https:\/\/ address/);
      // Without the session's token nothing is stored.
      const forged = await fetch(`${app.url}/admin/webhooks`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          cookie: admin.cookie,
        },
        body: new URLSearchParams({ url: target, events: 'article.published' }),
      });
      assert.equal(forged.status, 403);
      assert.deepEqual(await app.services.webhooks.list(), []);

      const added = await form(admin, '/admin/webhooks', [
        ['url', target],
        ['description', 'Desk bot'],
        ['events', 'article.published'],
        ['events', 'comment.held'],
        ['preset', 'json'],
        ['enabled', 'on'],
      ]);
      assert.equal(added.status, 303);
      const [hook] = await app.services.webhooks.list();
      assert.equal(added.headers.get('location'), `/admin/webhooks/${hook!.id}?done=created`);
      assert.deepEqual(hook!.events, ['article.published', 'comment.held']);
      assert.match(await page(admin, '/admin/webhooks'), /Desk bot/);

      // The test button: queued, sent, logged.
      assert.equal((await form(admin, `/admin/webhooks/${hook!.id}/test`)).status, 303);
      await app.services.webhooks.deliverDue();
      assert.equal(received.at(-1)?.event, 'webhook.test');
      let shown = await page(admin, `/admin/webhooks/${hook!.id}`);
      assert.match(shown, /Test event/);
      assert.match(shown, /HTTP 200 in \d+ ms/);

      // Publishing: the receiver is down for a day, the delivery fails, then is redelivered.
      status = 500;
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      const article = await app.services.newsroom.create(editor.user, {
        section: 'news',
        headline: 'Lifeboat launched twice',
        standfirst: 'S.',
        body: 'B.',
        authors: [editor.user.slug],
      });
      await app.services.newsroom.publish(editor.user, article.id);
      await app.services.webhooks.deliverDue();
      const [failed] = await app.services.webhooks.deliveries(hook!.id);
      assert.equal(failed?.event, 'article.published');
      assert.equal(failed?.responseStatus, 500);
      // Its next try, at the end of the retry window: recorded as given up (failed).
      const [held] = await db.store.webhooks.claimDue({
        now: failed!.nextAttemptAt,
        until: new Date(Date.parse(failed!.nextAttemptAt) + 60_000).toISOString(),
        claim: 'test',
        limit: 10,
      });
      assert.equal(held?.id, failed!.id);
      await db.store.webhooks.recordAttempt({
        deliveryId: failed!.id,
        claim: 'test',
        attemptId: 'giving-up',
        result: {
          at: failed!.nextAttemptAt,
          responseStatus: 500,
          responseBody: 'broken',
          durationMs: 3,
          error: null,
        },
        status: 'failed',
        nextAttemptAt: null,
      });
      shown = await page(admin, `/admin/webhooks/${hook!.id}`);
      assert.match(shown, /Failed/);
      const action = new RegExp(`/admin/webhooks/${hook!.id}/deliveries/${failed!.id}/redeliver`);
      assert.match(shown, action);

      status = 200;
      const before = received.length;
      const again = await form(
        admin,
        `/admin/webhooks/${hook!.id}/deliveries/${failed!.id}/redeliver`,
      );
      assert.equal(again.status, 303);
      await app.services.webhooks.deliverDue();
      assert.equal(received.length, before + 1);
      const body = received.at(-1)!.body as {
        event: string;
        data: { article: { headline: string; url: string } };
      };
      assert.equal(body.event, 'article.published');
      assert.equal(body.data.article.headline, 'Lifeboat launched twice');
      assert.match(
        body.data.article.url,
        /^http:\/\/broadsheet\.test\/news\/\d{4}\/\d{2}\/\d{2}\/lifeboat-launched-twice$/,
      );
      const { delivery } = await app.services.webhooks.delivery(hook!.id, failed!.id);
      assert.equal(delivery.status, 'delivered');
      // Redelivering one still waiting is refused.
      await app.services.webhooks.sendTest(hook!.id);
      const [waiting] = await app.services.webhooks.deliveries(hook!.id);
      const refusedAgain = await form(
        admin,
        `/admin/webhooks/${hook!.id}/deliveries/${waiting!.id}/redeliver`,
      );
      assert.equal(refusedAgain.status, 409);
      await app.services.webhooks.deliverDue();

      // Turned off: nothing more is queued; deleted: gone.
      assert.equal((await form(admin, `/admin/webhooks/${hook!.id}/disable`)).status, 303);
      const comment = await publishedArticle(db.store);
      await app.services.webhooks.comment('comment.held', {
        id: 'c1',
        articleId: comment.id,
        parentId: null,
        rootId: 'c1',
        author: { id: 'u', name: 'Ann', slug: 'ann' } as never,
        body: 'Hi',
        html: '',
        status: 'pending',
        depth: 0,
        reactionCount: 0,
        createdAt: new Date().toISOString(),
        editedAt: null,
      });
      assert.equal(
        (await app.services.webhooks.deliveries(hook!.id)).filter((d) => d.event === 'comment.held')
          .length,
        0,
      );
      assert.equal((await form(admin, `/admin/webhooks/${hook!.id}/delete`)).status, 303);
      assert.deepEqual(await app.services.webhooks.list(), []);
    });

    test('the API: admins only; CRUD, test and deliveries', async () => {
      assert.equal((await api(editor, 'GET', '/webhooks')).status, 403);
      assert.equal(
        (await api(editor, 'POST', '/webhooks', { url: target, events: ['article.updated'] }))
          .status,
        403,
      );
      const bad = await api(admin, 'POST', '/webhooks', {
        url: target,
        events: ['article.deleted'],
      });
      assert.equal(bad.status, 400);
      const created = await api(admin, 'POST', '/webhooks', {
        url: target,
        events: ['article.updated', 'article.corrected'],
        preset: 'slack',
      });
      assert.equal(created.status, 201);
      const hook = (await created.json()) as {
        id: string;
        secret: string;
        enabled: boolean;
        preset: string;
      };
      assert.match(hook.secret, /^[0-9a-f]{64}$/);
      assert.equal(hook.preset, 'slack');
      const patched = await api(admin, 'PATCH', `/webhooks/${hook.id}`, {
        url: target,
        events: ['article.updated'],
        description: 'Slack #desk',
      });
      assert.equal(patched.status, 200);
      const after = (await patched.json()) as {
        secret: string;
        description: string;
        events: string[];
      };
      assert.equal(after.secret, hook.secret);
      assert.equal(after.description, 'Slack #desk');
      assert.deepEqual(after.events, ['article.updated']);

      const tested = await api(admin, 'POST', `/webhooks/${hook.id}/test`);
      assert.equal(tested.status, 202);
      await app.services.webhooks.deliverDue();
      const list = (await (await api(admin, 'GET', `/webhooks/${hook.id}/deliveries`)).json()) as {
        items: { id: string; status: string; responseStatus: number; payload: string }[];
      };
      assert.equal(list.items[0]?.status, 'delivered');
      assert.equal(list.items[0]?.responseStatus, 200);
      assert.match(list.items[0]!.payload, /^\{"text":"A test event from/);
      const one = (await (
        await api(admin, 'GET', `/webhooks/${hook.id}/deliveries/${list.items[0]!.id}`)
      ).json()) as {
        attempts: { responseStatus: number; responseBody: string }[];
      };
      assert.deepEqual(
        one.attempts.map((a) => [a.responseStatus, a.responseBody]),
        [[200, 'thanks']],
      );
      assert.equal(
        (await api(admin, 'POST', `/webhooks/${hook.id}/deliveries/${list.items[0]!.id}/redeliver`))
          .status,
        202,
      );
      assert.equal((await api(admin, 'DELETE', `/webhooks/${hook.id}`)).status, 204);
      assert.equal((await api(admin, 'GET', `/webhooks/${hook.id}`)).status, 404);
    });
  });
}
