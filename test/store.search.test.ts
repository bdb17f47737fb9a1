/**
 * Article search on every database: stemming, ranking, snippets, only published articles, writes
 * from any code kept indexed, and no input that can make it fail.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleStatus } from '../src/domain/article.js';
import { markEnd, markStart, parseSearchQuery } from '../src/domain/search.js';
import type { User } from '../src/domain/user.js';
import { SearchService } from '../src/services/search.js';
import type { Store } from '../src/store/index.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { rawSql } from './helpers/raw-sql.js';

const base = Date.parse('2026-03-04T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(base - h * 3_600_000).toISOString();

for (const database of databases()) {
  describe(`article search on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let author: User;
    let serial = 0;

    const article = (
      fields: { headline: string; standfirst?: string; body?: string },
      status: ArticleStatus = 'published',
    ) =>
      store.newsroom.create({
        slug: `story-${++serial}`,
        sectionSlug: 'news',
        headline: fields.headline,
        standfirst: fields.standfirst ?? '',
        body: fields.body ?? '',
        dateline: 'LEEDS',
        authorIds: [author.id],
        tags: [],
        status,
        publishedAt: status === 'published' ? hoursAgo(serial) : null,
        createdAt: hoursAgo(serial + 1),
      });

    const search = async (text: string, limit = 10, offset = 0) => {
      const terms = parseSearchQuery(text);
      assert.ok(terms, `"${text}" has terms`);
      return store.syndication.search({ terms, limit, offset });
    };
    const ids = async (text: string) => (await search(text)).hits.map((h) => h.article.id);

    before(async () => {
      db = await database.open();
      store = db.store;
      await store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      author = await store.users.create({
        email: 'writer@example.com',
        name: 'Wren Writer',
        slug: 'wren-writer',
        role: 'author',
        passwordHash: null,
        createdAt: hoursAgo(1000),
      });
    });
    after(async () => {
      await db?.dispose();
    });

    test('English stemming: "running" finds "runs", "councils" finds "council"', async () => {
      const a = await article({
        headline: 'Ferry timetable changes',
        body: 'The ferry runs twice a day from Tuesday.',
      });
      const b = await article({ headline: 'Council approves zebra crossings' });
      assert.deepEqual(await ids('running ferry'), [a.id]);
      assert.deepEqual(await ids('councils zebras'), [b.id]);
    });

    test('a headline match ranks above a body match, and the summary is complete', async () => {
      const inBody = await article({
        headline: 'Weekend roundup',
        body: 'Among other things, a heron was seen by the canal.',
      });
      const inHeadline = await article({
        headline: 'Heron returns to the canal',
        body: 'Birdwatchers gathered.',
      });
      const { hits, total } = await search('heron');
      assert.equal(total, 2);
      assert.deepEqual(
        hits.map((h) => h.article.id),
        [inHeadline.id, inBody.id],
      );
      const first = hits[0];
      assert.ok(first);
      assert.equal(first.article.section.name, 'News');
      assert.deepEqual(first.article.authors, [
        { id: author.id, name: author.name, slug: author.slug },
      ]);
      assert.equal(first.headline, `${markStart}Heron${markEnd} returns to the canal`);
      assert.match(hits[1]?.snippet ?? '', new RegExp(`${markStart}heron${markEnd}`));
    });

    test('only published articles are found', async () => {
      await article({ headline: 'Secret draft about aardvarks' }, 'draft');
      await article({ headline: 'Unpublished aardvarks' }, 'unpublished');
      const { total, hits } = await search('aardvarks');
      assert.equal(total, 0);
      assert.deepEqual(hits, []);
    });

    test('phrases must be consecutive and a minus excludes a word', async () => {
      const lane = await article({ headline: 'New bus lane on Kirkstall Road' });
      const other = await article({ headline: 'Lane closed for bus repairs' });
      assert.deepEqual(await ids('"bus lane"'), [lane.id]);
      assert.deepEqual((await ids('bus lane')).sort(), [lane.id, other.id].sort());
      assert.deepEqual(await ids('bus lane -kirkstall'), [other.id]);
    });

    test('paging: the total stays, the offset moves, pages do not overlap', async () => {
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await article({ headline: `Marathon report ${i}` }));
      const first = await search('marathon', 2, 0);
      const second = await search('marathon', 2, 2);
      const last = await search('marathon', 2, 4);
      const beyond = await search('marathon', 2, 6);
      assert.equal(first.total, 5);
      assert.equal(beyond.total, 5);
      assert.deepEqual(beyond.hits, []);
      const seen = [...first.hits, ...second.hits, ...last.hits].map((h) => h.article.id);
      assert.equal(new Set(seen).size, 5);
      assert.deepEqual(seen.sort(), made.map((a) => a.id).sort());
    });

    test('writes by any code stay indexed: updates, status changes and deletes', async () => {
      const a = await article({ headline: 'Library opening hours' });
      await rawSql(db, 'update articles set headline = $1 where id = $2', [
        'Library closes for refurbishment',
        a.id,
      ]);
      assert.deepEqual(await ids('refurbishment'), [a.id]);
      assert.deepEqual(await ids('opening hours library'), []);
      await rawSql(db, 'update articles set status = $1 where id = $2', ['unpublished', a.id]);
      assert.deepEqual(await ids('refurbishment'), []);
      await rawSql(db, 'update articles set status = $1 where id = $2', ['published', a.id]);
      assert.deepEqual(await ids('refurbishment'), [a.id]);
      await rawSql(db, 'delete from articles where id = $1', [a.id]);
      assert.deepEqual(await ids('refurbishment'), []);
    });

    test('markup in articles comes back as text for the view to escape', async () => {
      await article({
        headline: 'Escaping <script>alert(1)</script> headline',
        body: 'Body with <img src=x onerror=alert(1)> and the word walrus inside.',
      });
      const [hit] = (await search('walrus')).hits;
      assert.ok(hit);
      assert.match(hit.snippet, new RegExp(`${markStart}walrus${markEnd}`));
      assert.ok(hit.headline.includes('Escaping'));
    });

    test('no input, however strange, makes a search fail', async () => {
      await article({ headline: 'Café culture in Ünterstadt', body: 'Naïve coffee 🙂 art' });
      const service = new SearchService({ store });
      const strange = [
        '',
        '   ',
        '"',
        '"unbalanced quote',
        '((((',
        'a)',
        'NEAR(cafe culture)',
        'cafe*',
        '*',
        'headline:cafe',
        'cafe OR culture',
        'AND',
        '-',
        '--cafe',
        '🙂',
        '\u0000cafe',
        '\u0002cafe\u0003',
        "'; drop table articles; --",
        '$1 ? :x @y',
        '\\',
        'x'.repeat(10_000),
        'cafe '.repeat(2_000),
        '^café + {naive}',
        'the',
      ];
      for (const text of strange) {
        const page = await service.search(text);
        assert.ok(Array.isArray(page.hits), JSON.stringify(text.slice(0, 20)));
      }
      assert.equal((await service.search('cafe')).total, 1, 'accents fold');
      assert.equal((await service.search('CAFÉ*')).total, 1);
      assert.equal((await service.search('NEAR(cafe culture)')).total, 0, 'near is a word');
      assert.equal((await service.search('\u0000café')).total, 1);
    });
  });
}
