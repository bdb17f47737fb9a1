/**
 * The front page's store on every database: pins by slot with their expiry (to the
 * millisecond, as written), section choices by position, a replace that swaps the whole
 * arrangement, a deleted section or article taking its rows along, and a transaction that
 * fails leaving the arrangement as it was.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, section } from './helpers/fixtures.js';
import SQLite from 'better-sqlite3';
import { sqliteFile } from '../src/store/index.js';
import { rawSql } from './helpers/raw-sql.js';

/** Deletes behind the store's back, with SQLite's foreign keys on as the store has them. */
async function deleteRows(db: OpenedStore, statements: string[]): Promise<void> {
  if (db.databaseUrl !== null) {
    for (const statement of statements) await rawSql(db, statement);
    return;
  }
  const raw = new SQLite(sqliteFile(db.dataDir));
  try {
    raw.pragma('busy_timeout = 5000');
    raw.pragma('foreign_keys = ON');
    for (const statement of statements) raw.prepare(statement).run();
  } finally {
    raw.close();
  }
}

for (const database of databases()) {
  describe(`front store on ${database.name}`, () => {
    let db: OpenedStore;
    let a: Article;
    let b: Article;

    before(async () => {
      db = await database.open();
      a = await publishedArticle(db.store, { headline: 'First pinned' });
      b = await publishedArticle(db.store, { headline: 'Second pinned' });
      await section(db.store, 'sport');
      await section(db.store, 'arts');
    });
    after(async () => {
      await db?.dispose();
    });

    test('nothing stored: no pins, no section choices', async () => {
      assert.deepEqual(await db.store.front.pins(), []);
      assert.deepEqual(await db.store.front.sectionChoices(), []);
    });

    test('replace stores pins by slot and sections by position; a second replace swaps all', async () => {
      const expiresAt = '2031-05-06T07:08:09.123Z';
      await db.store.front.replace(
        [
          { slot: 2, articleId: b.id, expiresAt: null },
          { slot: 0, articleId: a.id, expiresAt },
        ],
        [
          { slug: 'sport', position: 0, shown: true },
          { slug: 'news', position: 1, shown: false },
          { slug: 'arts', position: 2, shown: true },
        ],
      );
      assert.deepEqual(await db.store.front.pins(), [
        { slot: 0, articleId: a.id, expiresAt },
        { slot: 2, articleId: b.id, expiresAt: null },
      ]);
      assert.deepEqual(await db.store.front.sectionChoices(), [
        { slug: 'sport', position: 0, shown: true },
        { slug: 'news', position: 1, shown: false },
        { slug: 'arts', position: 2, shown: true },
      ]);

      await db.store.front.replace([{ slot: 1, articleId: a.id, expiresAt: null }], []);
      assert.deepEqual(await db.store.front.pins(), [
        { slot: 1, articleId: a.id, expiresAt: null },
      ]);
      assert.deepEqual(await db.store.front.sectionChoices(), []);
    });

    test('a replace inside a transaction that fails leaves the arrangement as it was', async () => {
      await db.store.front.replace([{ slot: 0, articleId: a.id, expiresAt: null }], []);
      await assert.rejects(
        db.store.transaction(async (tx) => {
          await tx.front.replace([{ slot: 0, articleId: b.id, expiresAt: null }], []);
          throw new Error('refused half-way');
        }),
        /refused half-way/,
      );
      assert.deepEqual(await db.store.front.pins(), [
        { slot: 0, articleId: a.id, expiresAt: null },
      ]);
    });

    test('one slot holds one pin; an unknown article cannot be pinned', async () => {
      await assert.rejects(
        db.store.front.replace(
          [
            { slot: 0, articleId: a.id, expiresAt: null },
            { slot: 0, articleId: b.id, expiresAt: null },
          ],
          [],
        ),
      );
      await assert.rejects(
        db.store.front.replace([{ slot: 0, articleId: 'no-such-article', expiresAt: null }], []),
      );
    });

    test('deleting an article or a section removes its rows', async () => {
      const gone = await publishedArticle(db.store, { headline: 'Deleted later' });
      await section(db.store, 'travel');
      await db.store.front.replace(
        [
          { slot: 0, articleId: a.id, expiresAt: null },
          { slot: 1, articleId: gone.id, expiresAt: null },
        ],
        [
          { slug: 'travel', position: 0, shown: true },
          { slug: 'news', position: 1, shown: true },
        ],
      );
      await deleteRows(db, [
        `delete from article_authors where article_id = '${gone.id}'`,
        `delete from article_revisions where article_id = '${gone.id}'`,
        `delete from articles where id = '${gone.id}'`,
        `delete from sections where slug = 'travel'`,
      ]);
      assert.deepEqual(await db.store.front.pins(), [
        { slot: 0, articleId: a.id, expiresAt: null },
      ]);
      assert.deepEqual(await db.store.front.sectionChoices(), [
        { slug: 'news', position: 1, shown: true },
      ]);
    });
  });
}
