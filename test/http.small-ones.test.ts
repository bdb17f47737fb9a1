/**
 * The "small ones" of issue 18: RSS names authors with dc:creator (RSS 2.0's <author> is an
 * email address), topics have feeds, and /metrics is served only to loopback or with a token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';
import { loadConfig } from '../src/config.js';

for (const database of databases()) {
  describe(`feeds by person and topic on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    before(async () => {
      db = await database.open();
      app = await startApp(db);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('RSS items name each author in a dc:creator, and carry no <author>', async () => {
      const [ann, bo] = [
        await storedPerson(db.store, { role: 'author', name: 'Ann Teller' }),
        await storedPerson(db.store, { role: 'author', name: 'Bo & Co' }),
      ];
      const a = await publishedArticle(db.store, {
        headline: 'Two bylines',
        authorIds: [ann.id, bo.id],
        publishedAt: new Date().toISOString(),
      });
      const text = await (await fetch(`${app.url}/feed.xml`)).text();
      assert.equal(XMLValidator.validate(text), true);
      assert.ok(!text.includes('<author>'), 'no bare-name <author>');
      assert.match(text, /<rss version="2.0" xmlns:dc="http:\/\/purl.org\/dc\/elements\/1.1\/"/);
      const parsed = new XMLParser({ ignoreAttributes: true }).parse(text);
      const items = [parsed.rss.channel.item].flat();
      const item = items.find((i: { title: string }) => i.title === a.headline);
      assert.deepEqual(item['dc:creator'], ['Ann Teller', 'Bo & Co']);
      // Atom keeps its own <author><name>.
      const atom = await (await fetch(`${app.url}/atom.xml`)).text();
      assert.match(atom, /<author>\s*<name>Ann Teller<\/name>/);
    });

    test('a topic has RSS and Atom feeds of its articles, announced on its page', async () => {
      const tagged = await publishedArticle(db.store, {
        headline: 'Tides turn',
        tags: [{ slug: 'tides', name: 'Tides' }],
      });
      await publishedArticle(db.store, { headline: 'Not about tides' });
      for (const file of ['feed.xml', 'atom.xml']) {
        const res = await fetch(`${app.url}/tag/tides/${file}`);
        assert.equal(res.status, 200, file);
        const text = await res.text();
        assert.equal(XMLValidator.validate(text), true);
        assert.ok(text.includes(tagged.headline));
        assert.ok(!text.includes('Not about tides'));
        assert.ok(text.includes('Tides'));
      }
      assert.equal((await fetch(`${app.url}/tag/no-such-topic/feed.xml`)).status, 404);
      const page = await (await fetch(`${app.url}/tag/tides`)).text();
      assert.ok(page.includes('href="http://broadsheet.test/tag/tides/feed.xml"'));
      assert.ok(page.includes('href="http://broadsheet.test/tag/tides/atom.xml"'));
    });
  });
}

describe('/metrics: loopback or a token', () => {
  let db: OpenedStore;
  let app: RunningApp;
  const token = 'scrape-me-please-0123456789';
  before(async () => {
    const [sqlite] = databases();
    db = await sqlite!.open();
    app = await startApp(db, { METRICS_TOKEN: token });
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  const metrics = (remoteAddress: string, headers: Record<string, string> = {}) =>
    app.server.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress,
      headers: { accept: 'application/json', ...headers },
    });

  test('this machine gets metrics; another address, or one through a proxy, does not', async () => {
    const local = await metrics('127.0.0.1');
    assert.equal(local.statusCode, 200);
    assert.match(local.body, /broadsheet_http_requests_total/);
    assert.equal((await metrics('::1')).statusCode, 200);
    const remote = await metrics('203.0.113.9');
    assert.equal(remote.statusCode, 403);
    assert.equal(remote.json().error.condition, 'metrics_forbidden');
    assert.ok(!remote.body.includes('broadsheet_http'));
    const proxied = await metrics('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' });
    assert.equal(proxied.statusCode, 403);
  });

  test('the token opens it from anywhere; a wrong one does not', async () => {
    const ok = await metrics('203.0.113.9', { authorization: `Bearer ${token}` });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['cache-control'], 'no-store');
    const wrong = await metrics('203.0.113.9', { authorization: 'Bearer not-the-token-at-all' });
    assert.equal(wrong.statusCode, 403);
  });

  test('a short token stops the boot with a line naming the variable', () => {
    assert.throws(
      () => loadConfig({ METRICS_TOKEN: 'short' }),
      /METRICS_TOKEN: expected at least 16/,
    );
  });
});
