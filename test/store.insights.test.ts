/**
 * The insights port on every database (migration 0034): counts add up (never replace), several
 * writers at once sum exactly, pruning deletes only old rows of a grain, top articles order by
 * views; and a year of counting, pruned as the job does, keeps a bounded number of rows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../src/store/index.js';
import type { InsightCount } from '../src/store/ports/insights.js';
import { ViewCounter } from '../src/services/insights.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, draftArticle } from './helpers/fixtures.js';

const minute = Math.floor(Date.parse('2026-12-04T09:30:00.000Z') / 60_000);
const count = (overrides: Partial<InsightCount>): InsightCount => ({
  grain: 'minute',
  bucket: minute,
  kind: 'article',
  subject: 'a',
  category: 'direct',
  host: '',
  campaign: '',
  views: 1,
  ...overrides,
});
const browser = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
  'accept-language': 'de',
};

for (const database of databases()) {
  describe(`insights store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    before(async () => {
      db = await database.open();
      store = db.store;
    });
    after(async () => {
      await db?.dispose();
    });

    test('counts add to what is stored; concurrent writers sum exactly', async () => {
      await store.insights.add([count({ subject: 'x1', views: 2 })]);
      await Promise.all(
        Array.from({ length: 8 }, () =>
          store.insights.add([
            count({ subject: 'x1', views: 3 }),
            count({ subject: 'x1', category: 'search', host: 'google.com', views: 1 }),
          ]),
        ),
      );
      const rows = (await store.insights.rows()).filter((r) => r.subject === 'x1');
      assert.deepEqual(
        rows.map((r) => [r.category, r.host, r.views]),
        [
          ['direct', '', 26],
          ['search', 'google.com', 8],
        ],
      );
      const range = { grain: 'minute' as const, from: minute, to: minute + 1 };
      assert.deepEqual(await store.insights.byReferrer(range, 5, 'x1'), [
        { category: 'direct', host: '', views: 26 },
        { category: 'search', host: 'google.com', views: 8 },
      ]);
      assert.deepEqual(await store.insights.series(range, 'x1'), [{ bucket: minute, views: 34 }]);
    });

    test('top articles: published ones by views, per section too', async () => {
      const a = await publishedArticle(store, { sectionSlug: 'sport' });
      const b = await publishedArticle(store, { sectionSlug: 'news' });
      const c = await publishedArticle(store, { sectionSlug: 'sport' });
      const hidden = await draftArticle(store);
      const at = minute + 100;
      await store.insights.add([
        count({ bucket: at, subject: a.id, views: 5 }),
        count({ bucket: at, subject: b.id, views: 9 }),
        count({ bucket: at, subject: c.id, views: 7 }),
        count({ bucket: at, subject: hidden.id, views: 50 }),
        count({ bucket: at, kind: 'section', subject: 'sport', views: 4 }),
        count({ bucket: at + 1, subject: a.id, category: 'social', host: 't.co', views: 3 }),
      ]);
      const range = { grain: 'minute' as const, from: at, to: at + 2 };
      const top = await store.insights.topArticles(range, 10);
      assert.deepEqual(
        top.map((t) => [t.articleId, t.views]),
        [
          [b.id, 9],
          [a.id, 8],
          [c.id, 7],
        ],
      );
      assert.equal(top[0]?.sectionName, 'News');
      assert.deepEqual(
        (await store.insights.topArticles(range, 10, 'sport')).map((t) => t.articleId),
        [a.id, c.id],
      );
      assert.deepEqual(await store.insights.bySubject(range, 'section', 5), [
        { subject: 'sport', views: 4 },
      ]);
    });

    test('sections by name, campaigns by name, rows with their page names', async () => {
      const article = await publishedArticle(store, { sectionSlug: 'news', headline: 'Named' });
      const day = 40_000_000;
      await store.insights.add([
        count({ grain: 'day', bucket: day, kind: 'section', subject: 'sport', views: 4 }),
        count({ grain: 'day', bucket: day, kind: 'section', subject: 'gone', views: 1 }),
        count({ grain: 'day', bucket: day, subject: article.id, campaign: 'alerts-1', views: 2 }),
        count({ grain: 'day', bucket: day, kind: 'front', subject: '', campaign: 'alerts-1' }),
        count({ grain: 'day', bucket: day, subject: article.id, campaign: 'alerts-2', views: 5 }),
        count({ grain: 'day', bucket: day + 1440, subject: article.id, campaign: 'alerts-1' }),
      ]);
      const range = { grain: 'day' as const, from: day, to: day + 1440 };
      assert.deepEqual(await store.insights.bySection(range, 10), [
        { slug: 'sport', name: 'Sport', views: 4 },
        { slug: 'gone', name: 'gone', views: 1 },
      ]);
      const views = await store.insights.campaignViews(range, ['alerts-1', 'alerts-3']);
      assert.deepEqual([...views], [['alerts-1', 3]]);
      const named = await store.insights.namedRows(range);
      assert.deepEqual(
        named.map((r) => [r.kind, r.subject, r.name, r.campaign, r.views]),
        [
          ['article', article.id, 'Named', 'alerts-1', 2],
          ['article', article.id, 'Named', 'alerts-2', 5],
          ['front', '', '', 'alerts-1', 1],
          ['section', 'gone', '', '', 1],
          ['section', 'sport', 'Sport', '', 4],
        ],
      );
    });

    test('newsletter issues sent in a range, newest first', async () => {
      const at = (t: string) => `2026-11-0${t}:00:00.000Z`;
      for (const [id, queued] of [
        ['nl-range-1', at('1T08')],
        ['nl-range-2', at('2T08')],
        ['nl-range-3', at('3T08')],
        ['nl-range-4', null],
      ] as const) {
        await store.newsletters.createIssue({
          id,
          key: `alert:${id}`,
          slug: id,
          kind: 'alert',
          list: 'alerts',
          status: 'draft',
          subject: id,
          intro: '',
          articleIds: [],
          sendAt: null,
          createdAt: at('1T07'),
        });
        if (queued) await store.newsletters.queueIssue(id, ['draft'], queued);
      }
      const sent = await store.newsletters.sentBetween(at('1T08'), at('3T08'), 10);
      assert.deepEqual(
        sent.map((i) => i.id),
        ['nl-range-2', 'nl-range-1'],
      );
      assert.equal((await store.newsletters.sentBetween(at('1T00'), at('4T00'), 1)).length, 1);
    });

    test('pruning deletes the old rows of one grain only', async () => {
      await store.insights.add([
        count({ grain: 'minute', bucket: 10, subject: 'p' }),
        count({ grain: 'minute', bucket: 20, subject: 'p' }),
        count({ grain: 'hour', bucket: 0, subject: 'p' }),
      ]);
      assert.equal(await store.insights.prune('minute', 15), 1);
      const left = (await store.insights.rows()).filter((r) => r.subject === 'p');
      assert.deepEqual(
        left.map((r) => [r.grain, r.bucket]),
        [
          ['hour', 0],
          ['minute', 20],
        ],
      );
    });

    test('a year of counting, pruned as the job does, keeps a bounded number of rows', async () => {
      let now = Date.parse('2027-01-01T00:00:00.000Z');
      const counter = new ViewCounter({ store, siteHost: 'news.test', now: () => now });
      await store.insights.prune('minute', 2 ** 31 - 1);
      await store.insights.prune('hour', 2 ** 31 - 1);
      await store.insights.prune('day', 2 ** 31 - 1);
      // Every 6 hours, two pages are read (two keys a minute, hour and day); every day a prune.
      const step = 6 * 3_600_000;
      const days = 365;
      for (let i = 0; i < days * 4; i++) {
        counter.count({ kind: 'front', subject: '' }, { url: '/', headers: browser });
        counter.count({ kind: 'article', subject: 'y' }, { url: '/a', headers: browser });
        await counter.flush();
        if (i % 4 === 3) await counter.prune();
        now += step;
      }
      const rows = await store.insights.rowCounts();
      // Minutes: 7 days × 4 a day × 2 keys (+1 step at the edge); hours: 90 days × 4 × 2; days: all.
      assert.ok(rows.minute <= 8 * 4 * 2, `minute rows: ${rows.minute}`);
      assert.ok(rows.hour <= 91 * 4 * 2, `hour rows: ${rows.hour}`);
      assert.equal(rows.day, days * 2);
      // Every view is still in the day rows.
      const total = (await store.insights.rows()).filter((r) => r.grain === 'day');
      assert.equal(
        total.reduce((sum, r) => sum + r.views, 0),
        days * 4 * 2,
      );
    });
  });
}
