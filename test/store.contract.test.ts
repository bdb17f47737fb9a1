/**
 * The store contract: the same tests on every database. What one database does, the other must
 * do identically, down to the bytes of a string and the text of a timestamp.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Article, ArticleStatus } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { openStore, sqliteFile, type Store } from '../src/store/index.js';
import { openSqlite } from '../src/store/sqlite/open.js';
import type { NewArticle } from '../src/store/ports/newsroom.js';
import {
  databases,
  postgresUrl,
  scratchDatabase,
  tempDir,
  type OpenedStore,
} from './helpers/databases.js';

/** Rows straight from the database, for what the Store interface does not show. */
async function rawRows(db: OpenedStore, query: string): Promise<Record<string, unknown>[]> {
  if (db.databaseUrl === null) {
    const raw = new SQLite(sqliteFile(db.dataDir), { readonly: true });
    try {
      return raw.prepare(query).all() as Record<string, unknown>[];
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client({
    connectionString: db.databaseUrl,
    ...(db.pgSchema ? { options: `-c search_path=${db.pgSchema}` } : {}),
  });
  await client.connect();
  try {
    return (await client.query(query)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** Every article a test makes gets its own slug; times step back from a fixed moment. */
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;
const base = Date.parse('2026-03-04T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(base - minutes * 60_000).toISOString();

for (const database of databases()) {
  describe(`store contract on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let ann: User;
    let bob: User;
    let cy: User;

    const article = (overrides: Partial<NewArticle> = {}): Promise<Article> => {
      const slug = overrides.slug ?? unique('story');
      return store.newsroom.create({
        slug,
        sectionSlug: 'news',
        headline: `Headline of ${slug}`,
        standfirst: 'A standfirst.',
        body: 'A paragraph.',
        dateline: 'PENNOCK',
        authorIds: [ann.id],
        tags: [],
        status: 'published',
        publishedAt: minutesAgo(60),
        createdAt: minutesAgo(120),
        ...overrides,
      });
    };

    before(async () => {
      db = await database.open();
      store = db.store;
      await store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      await store.sections.upsert({
        slug: 'culture',
        name: 'Culture',
        description: '',
        position: 1,
      });
      const person = (slug: string, name: string) =>
        store.users.create({
          email: `${slug}@example.com`,
          name,
          slug,
          role: 'author',
          passwordHash: null,
          createdAt: minutesAgo(10_000),
        });
      ann = await person('ann', 'Ann Author');
      bob = await person('bob', 'Bob Byline');
      cy = await person('cy', 'Cy Correspondent');
    });
    after(async () => {
      await db?.dispose();
    });

    describe('migrations', () => {
      test('are recorded, and opening the same database again applies nothing and works', async () => {
        const names = (await rawRows(db, 'select name from kysely_migration order by name')).map(
          (r) => r.name,
        );
        assert.equal(names[0], '0001_initial');
        const again = await openStore({
          databaseUrl: db.databaseUrl,
          dataDir: db.dataDir,
          ...(db.pgSchema ? { pgSchema: db.pgSchema } : {}),
        });
        try {
          await again.settings.set('opened-twice', 'yes');
          assert.equal(await store.settings.get('opened-twice'), 'yes');
        } finally {
          await again.close();
        }
        const after = (await rawRows(db, 'select name from kysely_migration order by name')).map(
          (r) => r.name,
        );
        assert.deepEqual(after, names);
      });
    });

    describe('users', () => {
      test('are found by id, email and slug', async () => {
        const created = await store.users.create({
          email: 'dee@example.com',
          name: 'Dee Editor',
          slug: 'dee-editor',
          role: 'editor',
          passwordHash: 'scrypt$not-a-real-hash',
          bio: 'Edits things.',
          photoUrl: 'https://photos.example.com/dee.jpg',
          createdAt: '2026-01-02T03:04:05.006Z',
        });
        assert.equal(typeof created.id, 'string');
        const expected: User = {
          id: created.id,
          email: 'dee@example.com',
          name: 'Dee Editor',
          slug: 'dee-editor',
          role: 'editor',
          bio: 'Edits things.',
          photoUrl: 'https://photos.example.com/dee.jpg',
          byline: '',
          createdAt: '2026-01-02T03:04:05.006Z',
          emailVerifiedAt: null,
          suspendedUntil: null,
          bannedAt: null,
          sanctionReason: '',
        };
        assert.deepEqual(created, expected);
        assert.deepEqual(await store.users.byId(created.id), expected);
        assert.deepEqual(await store.users.byEmail('dee@example.com'), expected);
        assert.deepEqual(await store.users.bySlug('dee-editor'), expected);
        assert.equal(await store.users.passwordHash(created.id), 'scrypt$not-a-real-hash');
        assert.equal(await store.users.slugTaken('dee-editor'), true);
        assert.equal(await store.users.slugTaken('nobody-here'), false);
        assert.equal(await store.users.byId('no-such-id'), null);
        assert.equal(await store.users.byEmail('nobody@example.com'), null);
        assert.equal(await store.users.bySlug('nobody-here'), null);
        assert.equal(await store.users.countWithRole('editor'), 1);
      });

      test('a second user with the same email is refused', async () => {
        const input = {
          email: 'twice@example.com',
          name: 'Twice',
          role: 'commenter' as const,
          passwordHash: null,
          createdAt: minutesAgo(5),
        };
        await store.users.create({ ...input, slug: 'twice-1' });
        await assert.rejects(store.users.create({ ...input, slug: 'twice-2' }));
        assert.equal(await store.users.bySlug('twice-2'), null);
      });
    });

    describe('API tokens', () => {
      test('resolve to their user, record their use, and stop resolving once revoked', async () => {
        const id = await store.tokens.create({
          userId: bob.id,
          tokenHash: 'hash-of-a-token',
          label: 'laptop',
          createdAt: minutesAgo(30),
        });
        const lastUsed = () =>
          rawRows(db, `select last_used_at from api_tokens where id = '${id}'`).then((rows) =>
            rows[0]?.last_used_at instanceof Date
              ? rows[0].last_used_at.toISOString()
              : rows[0]?.last_used_at,
          );
        assert.equal(await lastUsed(), null);

        const used = '2026-03-04T11:59:00.123Z';
        assert.deepEqual(await store.tokens.userForHash('hash-of-a-token', used), bob);
        assert.equal(await lastUsed(), used);
        assert.equal(await store.tokens.userForHash('some-other-hash', used), null);

        // Within the minute the use is not written again (no commit per request); after it, it is.
        await store.tokens.userForHash('hash-of-a-token', '2026-03-04T11:59:40.000Z');
        assert.equal(await lastUsed(), used);
        const later = '2026-03-04T12:00:30.000Z';
        assert.deepEqual(await store.tokens.userForHash('hash-of-a-token', later), bob);
        assert.equal(await lastUsed(), later);

        await store.tokens.revoke(id, minutesAgo(0));
        assert.equal(await store.tokens.userForHash('hash-of-a-token', minutesAgo(0)), null);
      });
    });

    describe('sections and settings', () => {
      test('sections list by position and update in place', async () => {
        await store.sections.upsert({
          slug: 'opinion',
          name: 'Opinion',
          description: 'Views.',
          position: 3,
        });
        await store.sections.upsert({ slug: 'sport', name: 'Sport', description: '', position: 2 });
        // Other tests add sections of their own; these are the ones this test knows.
        const known = ['news', 'culture', 'sport', 'opinion'];
        const order = async () =>
          (await store.sections.list()).map((s) => s.slug).filter((slug) => known.includes(slug));
        assert.deepEqual(await order(), ['news', 'culture', 'sport', 'opinion']);
        await store.sections.upsert({
          slug: 'opinion',
          name: 'Comment',
          description: 'Our views.',
          position: 2,
        });
        await store.sections.upsert({ slug: 'sport', name: 'Sport', description: '', position: 3 });
        assert.deepEqual(await order(), ['news', 'culture', 'opinion', 'sport']);
        assert.deepEqual(await store.sections.get('opinion'), {
          slug: 'opinion',
          name: 'Comment',
          description: 'Our views.',
          position: 2,
          hidden: false,
        });
        assert.equal(await store.sections.get('nowhere'), null);
      });

      test('settings are read, written and overwritten', async () => {
        assert.equal(await store.settings.get('site_tagline'), null);
        await store.settings.set('site_tagline', 'All the news');
        assert.equal(await store.settings.get('site_tagline'), 'All the news');
        await store.settings.set('site_tagline', 'Some of the news');
        assert.equal(await store.settings.get('site_tagline'), 'Some of the news');
      });
    });

    describe('articles', () => {
      test('keep their authors, tags and related picks in the order given', async () => {
        const first = await article();
        const second = await article();
        const slug = unique('ordered');
        const created = await article({
          slug,
          authorIds: [cy.id, ann.id, bob.id],
          tags: [
            { slug: 'zebra-crossings', name: 'Zebra crossings' },
            { slug: 'allotments', name: 'allotments' },
            { slug: 'mayor', name: 'Mayor' },
          ],
          relatedIds: [second.id, first.id],
        });
        for (const found of [
          created,
          await store.reader.getById(created.id),
          await store.reader.getBySlug(slug),
        ]) {
          assert.ok(found);
          assert.deepEqual(
            found.authors.map((a) => a.slug),
            ['cy', 'ann', 'bob'],
          );
          assert.deepEqual(found.authors[0], { id: cy.id, name: cy.name, slug: 'cy' });
          assert.deepEqual(found.tags, [
            { slug: 'zebra-crossings', name: 'Zebra crossings' },
            { slug: 'allotments', name: 'allotments' },
            { slug: 'mayor', name: 'Mayor' },
          ]);
          assert.deepEqual(found.relatedIds, [second.id, first.id]);
          assert.equal(found.section.slug, 'news');
          assert.equal(found.section.name, 'News');
          assert.equal(found.version, 1);
          assert.equal(found.commentCount, 0);
          assert.deepEqual(found.corrections, []);
          assert.equal(found.updatedAt, null);
        }
        assert.equal(await store.reader.getById('no-such-id'), null);
        assert.equal(await store.reader.getBySlug('no-such-slug'), null);
      });

      test('a tag given twice is kept once, and a failed create leaves nothing behind', async () => {
        const created = await article({
          tags: [
            { slug: 'council', name: 'Council' },
            { slug: 'council', name: 'council' },
          ],
          authorIds: [ann.id, ann.id],
        });
        assert.deepEqual(created.tags, [{ slug: 'council', name: 'Council' }]);
        assert.deepEqual(
          created.authors.map((a) => a.slug),
          ['ann'],
        );

        const slug = unique('half-made');
        await assert.rejects(article({ slug, authorIds: [ann.id, 'no-such-user'] }));
        assert.equal(await store.reader.getBySlug(slug), null);
      });

      test('listPublished shows only published articles, newest first, by section, tag and author', async () => {
        await store.sections.upsert({
          slug: 'listing',
          name: 'Listing',
          description: '',
          position: 9,
        });
        const tag = { slug: 'listing-tag', name: 'Listing tag' };
        const make = (minutes: number, status: ArticleStatus, extra: Partial<NewArticle> = {}) =>
          article({
            sectionSlug: 'listing',
            status,
            publishedAt: status === 'draft' ? null : minutesAgo(minutes),
            ...extra,
          });
        const older = await make(50, 'published', { tags: [tag], authorIds: [bob.id] });
        const newest = await make(10, 'published', { authorIds: [ann.id, cy.id] });
        const middle = await make(30, 'published', { tags: [tag], authorIds: [cy.id] });
        await make(5, 'draft', { tags: [tag], authorIds: [cy.id] });
        await make(1, 'review', { tags: [tag] });
        await make(3, 'scheduled', { tags: [tag] });
        await make(4, 'unpublished', { tags: [tag], authorIds: [cy.id] });

        const ids = (list: { id: string }[]) => list.map((a) => a.id);
        const listed = await store.reader.listPublished({ section: 'listing', limit: 50 });
        assert.deepEqual(ids(listed), [newest.id, middle.id, older.id]);
        assert.equal(listed[0]?.section.slug, 'listing');
        assert.deepEqual(
          listed[0]?.authors.map((a) => a.slug),
          ['ann', 'cy'],
        );
        assert.equal(listed[0]?.publishedAt, minutesAgo(10));

        assert.deepEqual(ids(await store.reader.listPublished({ tag: 'listing-tag', limit: 50 })), [
          middle.id,
          older.id,
        ]);
        assert.deepEqual(
          ids(await store.reader.listPublished({ section: 'listing', author: 'cy', limit: 50 })),
          [newest.id, middle.id],
        );
        assert.deepEqual(
          ids(await store.reader.listPublished({ tag: 'listing-tag', author: 'bob', limit: 50 })),
          [older.id],
        );
        assert.deepEqual(ids(await store.reader.listPublished({ section: 'listing', limit: 2 })), [
          newest.id,
          middle.id,
        ]);
        assert.deepEqual(await store.reader.listPublished({ tag: 'no-such-tag', limit: 50 }), []);

        // The front page's query: each section's newest, sections in the order asked.
        await store.sections.upsert({
          slug: 'listing-2',
          name: 'Two',
          description: '',
          position: 10,
        });
        const other = await make(20, 'published', { sectionSlug: 'listing-2' });
        const latest = await store.reader.latestInSections(['listing-2', 'listing', 'none'], 2);
        assert.deepEqual(ids(latest), [other.id, newest.id, middle.id]);
        assert.deepEqual(
          latest[1]?.authors.map((a) => a.slug),
          ['ann', 'cy'],
        );
        assert.deepEqual(await store.reader.latestInSections([], 2), []);

        const everything = await store.reader.listPublished({ limit: 1000 });
        assert.ok(everything.every((a) => a.status === 'published'));
        assert.equal(await store.reader.countPublished(), everything.length);
        const times = everything.map((a) => a.publishedAt ?? '');
        assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
      });

      test('keyset paging has no duplicates and no gaps, even among equal publication times', async () => {
        await store.sections.upsert({
          slug: 'paging',
          name: 'Paging',
          description: '',
          position: 9,
        });
        const created: Article[] = [];
        const times = [5, 20, 20, 20, 20, 40, 40, 60, 61];
        for (const minutes of times) {
          // The same creation time too, so the ids differ only in their random part.
          created.push(
            await article({
              sectionSlug: 'paging',
              publishedAt: minutesAgo(minutes),
              createdAt: minutesAgo(100),
            }),
          );
        }
        await article({ sectionSlug: 'paging', status: 'draft', publishedAt: null });
        const expected = [...created]
          .sort((a, b) =>
            a.publishedAt === b.publishedAt
              ? b.id < a.id
                ? -1
                : 1
              : (b.publishedAt ?? '') < (a.publishedAt ?? '')
                ? -1
                : 1,
          )
          .map((a) => a.id);

        for (const pageSize of [1, 2, 3, 4]) {
          const seen: string[] = [];
          let cursor: { t: string; id: string } | null = null;
          for (let pages = 0; pages < 20; pages++) {
            const page = await store.reader.listPublished({
              section: 'paging',
              limit: pageSize,
              after: cursor,
            });
            seen.push(...page.map((a) => a.id));
            const last = page[page.length - 1];
            if (page.length < pageSize || !last?.publishedAt) break;
            cursor = { t: last.publishedAt, id: last.id };
          }
          assert.deepEqual(seen, expected, `pages of ${pageSize}`);
        }
      });

      test('publishedBySlugs and publishedByIds ignore drafts and unknown ones', async () => {
        const published = await article();
        const draft = await article({ status: 'draft', publishedAt: null });
        const gone = await article({ status: 'unpublished' });
        const bySlug = await store.reader.publishedBySlugs([
          published.slug,
          draft.slug,
          gone.slug,
          'no-such-slug',
        ]);
        assert.deepEqual(
          bySlug.map((a) => a.id),
          [published.id],
        );
        assert.equal(bySlug[0]?.headline, published.headline);
        assert.deepEqual(bySlug[0]?.authors, published.authors);
        const byId = await store.reader.publishedByIds([published.id, draft.id, gone.id, 'nope']);
        assert.deepEqual(
          byId.map((a) => a.id),
          [published.id],
        );
        assert.deepEqual(await store.reader.publishedBySlugs([]), []);
        assert.deepEqual(await store.reader.publishedByIds([]), []);
      });

      test('topical ranks shared tags above the same section, and leaves out itself and drafts', async () => {
        for (const [slug, position] of [
          ['topic-home', 10],
          ['topic-away', 11],
        ] as const) {
          await store.sections.upsert({ slug, name: slug, description: '', position });
        }
        const harbour = { slug: 'topic-harbour', name: 'Harbour' };
        const ferry = { slug: 'topic-ferry', name: 'Ferry' };
        const other = { slug: 'topic-other', name: 'Other' };
        const subject = await article({ sectionSlug: 'topic-home', tags: [harbour, ferry] });
        const bothTags = await article({
          sectionSlug: 'topic-away',
          tags: [ferry, harbour],
          publishedAt: minutesAgo(500),
        });
        const oneTagHome = await article({
          sectionSlug: 'topic-home',
          tags: [ferry],
          publishedAt: minutesAgo(400),
        });
        const oneTagAway = await article({
          sectionSlug: 'topic-away',
          tags: [harbour, other],
          publishedAt: minutesAgo(300),
        });
        const sectionOnly = await article({
          sectionSlug: 'topic-home',
          tags: [other],
          publishedAt: minutesAgo(1),
        });
        await article({ sectionSlug: 'topic-away', tags: [other] });
        await article({
          sectionSlug: 'topic-home',
          tags: [harbour, ferry],
          status: 'draft',
          publishedAt: null,
        });
        await article({ sectionSlug: 'topic-home', tags: [harbour, ferry], status: 'unpublished' });

        const topical = await store.reader.topical(subject, 10);
        assert.deepEqual(
          topical.map((a) => a.slug),
          [bothTags.slug, oneTagHome.slug, oneTagAway.slug, sectionOnly.slug],
        );
        assert.deepEqual(
          (await store.reader.topical(subject, 2)).map((a) => a.slug),
          [bothTags.slug, oneTagHome.slug],
        );
        const untagged = await article({ sectionSlug: 'topic-away' });
        const byTime = await store.reader.topical(untagged, 10);
        assert.ok(byTime.every((a) => a.section.slug === 'topic-away' && a.id !== untagged.id));
      });

      test('corrections and marked updates show on the article', async () => {
        const created = await article();
        const first = await store.newsroom.addCorrection({
          articleId: created.id,
          kind: 'correction',
          text: 'An earlier version gave the wrong date.',
          createdAt: '2026-03-04T10:00:00.000Z',
        });
        const second = await store.newsroom.addCorrection({
          articleId: created.id,
          kind: 'clarification',
          text: 'The council has since replied.',
          createdAt: '2026-03-04T11:00:00.000Z',
          priority: 'high',
        });
        await store.newsroom.markUpdated(created.id, '2026-03-04T11:30:00.500Z', 'Adds the reply.');
        const found = await store.reader.getById(created.id);
        assert.ok(found);
        assert.deepEqual(found.corrections, [
          {
            id: first,
            kind: 'correction',
            priority: 'normal',
            text: 'An earlier version gave the wrong date.',
            createdAt: '2026-03-04T10:00:00.000Z',
            retractedAt: null,
            retractionNote: null,
          },
          {
            id: second,
            kind: 'clarification',
            priority: 'high',
            text: 'The council has since replied.',
            createdAt: '2026-03-04T11:00:00.000Z',
            retractedAt: null,
            retractionNote: null,
          },
        ]);
        assert.equal(found.updatedAt, '2026-03-04T11:30:00.500Z');
        assert.equal(found.updateNote, 'Adds the reply.');
        const [summary] = await store.reader.publishedByIds([created.id]);
        assert.equal(summary?.updatedAt, '2026-03-04T11:30:00.500Z');
      });
    });

    describe('values', () => {
      test('Unicode text comes back byte for byte', async () => {
        const headline = '“Quoted” — ünïcödé 🎉 日本語';
        const body =
          'Combining: e\u0301 vs é. Emoji: 👩🏽‍💻🏳️‍🌈. Right-to-left: שלום. NUL-free.\n\n> “Quote”';
        const created = await article({
          headline,
          body,
          standfirst: 'Ünïcödé standfirst — 🎉',
          dateline: 'MÜNCHEN',
          tags: [{ slug: 'unicode', name: 'Ünïcödé 🎉' }],
        });
        const name = 'Zoë Ó’Brien 🎉';
        const user = await store.users.create({
          email: 'zoe@example.com',
          name,
          slug: unique('zoe'),
          role: 'commenter',
          passwordHash: null,
          bio: '日本語のバイオ',
          createdAt: minutesAgo(1),
        });
        const found = await store.reader.getById(created.id);
        assert.equal(found?.headline, headline);
        assert.equal(found?.body, body);
        assert.equal(found?.standfirst, 'Ünïcödé standfirst — 🎉');
        assert.equal(found?.dateline, 'MÜNCHEN');
        assert.deepEqual(found?.tags, [{ slug: 'unicode', name: 'Ünïcödé 🎉' }]);
        const readBack = await store.users.byId(user.id);
        assert.equal(readBack?.name, name);
        assert.equal(readBack?.bio, '日本語のバイオ');
        await store.settings.set('site_name', headline);
        assert.equal(await store.settings.get('site_name'), headline);
        const [listed] = await store.reader.publishedBySlugs([created.slug]);
        assert.equal(listed?.headline, headline);
      });

      test('ISO timestamps come back as the same ISO string', async () => {
        const at = '2026-03-04T05:06:07.089Z';
        const created = await article({
          publishedAt: at,
          createdAt: '2026-03-04T05:06:07.000Z',
        });
        await store.newsroom.markUpdated(created.id, '1999-12-31T23:59:59.999Z', 'Millennium.');
        await store.newsroom.addCorrection({
          articleId: created.id,
          kind: 'update',
          text: 'Leap day.',
          createdAt: '2028-02-29T00:00:00.001Z',
        });
        const found = await store.reader.getById(created.id);
        assert.equal(found?.publishedAt, at);
        assert.equal(found?.createdAt, '2026-03-04T05:06:07.000Z');
        assert.equal(found?.modifiedAt, '2026-03-04T05:06:07.000Z');
        assert.equal(found?.updatedAt, '1999-12-31T23:59:59.999Z');
        assert.equal(found?.corrections[0]?.createdAt, '2028-02-29T00:00:00.001Z');
        const [summary] = await store.reader.publishedByIds([created.id]);
        assert.equal(summary?.publishedAt, at);
        const user = await store.users.create({
          email: 'time@example.com',
          name: 'Time',
          slug: unique('time'),
          role: 'commenter',
          passwordHash: null,
          createdAt: at,
        });
        assert.equal((await store.users.byId(user.id))?.createdAt, at);
      });
    });

    describe('transactions', () => {
      test('commit together and hand back the result', async () => {
        const result = await store.transaction(async (tx) => {
          await tx.settings.set('tx-committed', '1');
          await tx.sections.upsert({
            slug: 'tx-kept',
            name: 'Kept',
            description: '',
            position: 20,
          });
          return 'done';
        });
        assert.equal(result, 'done');
        assert.equal(await store.settings.get('tx-committed'), '1');
        assert.ok(await store.sections.get('tx-kept'));
      });

      test('roll back everything when the work throws', async () => {
        const slug = unique('rolled-back');
        await store.settings.set('tx-existing', 'before');
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.settings.set('tx-rolled-back', '1');
            await tx.settings.set('tx-existing', 'changed');
            await tx.sections.upsert({
              slug: 'tx-gone',
              name: 'Gone',
              description: '',
              position: 21,
            });
            const user = await tx.users.create({
              email: 'rolled-back@example.com',
              name: 'Rolled Back',
              slug: 'rolled-back',
              role: 'author',
              passwordHash: null,
              createdAt: minutesAgo(1),
            });
            await tx.newsroom.create({
              slug,
              sectionSlug: 'tx-gone',
              headline: 'Never',
              standfirst: '',
              body: '',
              dateline: '',
              authorIds: [user.id],
              tags: [{ slug: 'tx-tag', name: 'Tx' }],
              status: 'published',
              publishedAt: minutesAgo(1),
              createdAt: minutesAgo(1),
            });
            // A nested transaction joins this one and is undone with it.
            await tx.transaction((inner) => inner.settings.set('tx-nested', '1'));
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await store.settings.get('tx-rolled-back'), null);
        assert.equal(await store.settings.get('tx-nested'), null);
        assert.equal(await store.settings.get('tx-existing'), 'before');
        assert.equal(await store.sections.get('tx-gone'), null);
        assert.equal(await store.users.byEmail('rolled-back@example.com'), null);
        assert.equal(await store.reader.getBySlug(slug), null);
        assert.deepEqual(await store.reader.listPublished({ tag: 'tx-tag', limit: 5 }), []);
      });

      test('grouped transactions started together keep their own writes; a failing one undoes only its own', async () => {
        const results = await Promise.allSettled(
          [1, 2, 3, 4].map((n) =>
            store.groupedTransaction(async (tx) => {
              await tx.settings.set(`grouped-${n}`, 'written');
              if (n === 3) {
                await tx.settings.set('grouped-3-more', 'written');
                throw new Error(`boom ${n}`);
              }
              // A nested transaction joins the grouped one.
              await tx.transaction((inner) => inner.settings.set(`grouped-${n}-nested`, 'nested'));
              return n;
            }),
          ),
        );
        assert.deepEqual(
          results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
          [1, 2, 'boom 3', 4],
        );
        for (const n of [1, 2, 4]) {
          assert.equal(await store.settings.get(`grouped-${n}`), 'written');
          assert.equal(await store.settings.get(`grouped-${n}-nested`), 'nested');
        }
        assert.equal(await store.settings.get('grouped-3'), null);
        assert.equal(await store.settings.get('grouped-3-more'), null);
      });
    });
  });
}

describe('SQLite file settings', () => {
  test('an opened file is in WAL mode with full sync, foreign keys and a busy timeout', async () => {
    const dir = tempDir();
    try {
      const { db, raw } = openSqlite(path.join(dir, 'pragmas.sqlite'));
      try {
        assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
        assert.equal(raw.pragma('synchronous', { simple: true }), 2);
        assert.equal(raw.pragma('foreign_keys', { simple: true }), 1);
        assert.equal(raw.pragma('busy_timeout', { simple: true }), 5000);
      } finally {
        await db.destroy();
      }

      // The store's own file stays in WAL mode for whoever opens it next.
      const store = await openStore({ databaseUrl: null, dataDir: dir });
      await store.close();
      const plain = new SQLite(sqliteFile(dir));
      try {
        assert.equal(plain.pragma('journal_mode', { simple: true }), 'wal');
      } finally {
        plain.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite group commit', () => {
  test('grouped transactions of one moment share one commit, and each settles only after it', async () => {
    const dir = tempDir();
    const store = await openStore({ databaseUrl: null, dataDir: dir });
    // Another connection sees only what is committed.
    const other = new SQLite(sqliteFile(dir), { readonly: true });
    const committed = (key: string) =>
      other.prepare('select value from settings where key = ?').get(key) !== undefined;
    try {
      const seenBeforeCommit: boolean[] = [];
      const settled: string[] = [];
      const works = ['g1', 'g2', 'g3'].map((key) =>
        store
          .groupedTransaction(async (tx) => {
            // The earlier works of the group are written but not yet committed.
            if (key !== 'g1') seenBeforeCommit.push(committed('g1'));
            await tx.settings.set(key, 'x');
            return key;
          })
          .then((key) => {
            // Resolved: committed, for every connection to see.
            assert.equal(committed(key), true);
            settled.push(key);
          }),
      );
      await Promise.all(works);
      assert.deepEqual(seenBeforeCommit, [false, false]);
      assert.deepEqual(settled.sort(), ['g1', 'g2', 'g3']);
    } finally {
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const serverUrl = postgresUrl;
if (serverUrl) {
  describe('PostgreSQL session settings', () => {
    test('times round-trip whatever TimeZone and DateStyle the database is set to', async () => {
      const scratch = await scratchDatabase(serverUrl, {
        timezone: 'America/St_Johns',
        datestyle: 'SQL, DMY',
      });
      const dataDir = tempDir();
      try {
        const store = await openStore({ databaseUrl: scratch.url, dataDir });
        try {
          for (const at of ['2026-03-04T05:06:07.089Z', '1890-07-01T00:00:00.000Z']) {
            const user = await store.users.create({
              email: `${at.slice(0, 4)}@example.com`,
              name: 'Zoned',
              slug: `zoned-${at.slice(0, 4)}`,
              role: 'commenter',
              passwordHash: null,
              createdAt: at,
            });
            assert.equal((await store.users.byId(user.id))?.createdAt, at);
          }
        } finally {
          await store.close();
        }
      } finally {
        await scratch.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
