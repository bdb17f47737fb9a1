/**
 * Queries compiled once (src/store/compiled.ts), on every database: each run gets its own
 * values, each shape of arguments its own SQL, a transaction reuses its database's, and a
 * builder that writes an argument into the SQL text is refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { prepared } from '../src/store/compiled.js';
import type { Database } from '../src/store/schema.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { rawSql } from './helpers/raw-sql.js';

/** The Kysely instance behind a store (its sections store keeps it). */
const kyselyOf = (db: OpenedStore) => (db.store.sections as unknown as { db: Kysely<Database> }).db;

const sections = prepared(
  (db, order: 'asc' | 'desc', names: readonly string[], after: string | null, limit: number) => {
    let q = db.selectFrom('sections').select(['slug', 'name']).where('name', 'in', names);
    if (after !== null) q = q.where('slug', '>', after);
    return q.orderBy('slug', order).limit(limit);
  },
);

for (const database of databases()) {
  describe(`compiled queries on ${database.name}`, () => {
    let db: OpenedStore;
    before(async () => {
      db = await database.open();
      for (const [i, slug] of ['a', 'b', 'c', 'd'].entries()) {
        await db.store.sections.upsert({
          slug,
          name: `Name ${slug}`,
          description: '',
          position: i,
        });
      }
    });
    after(async () => {
      await db?.dispose();
    });

    test('every run has its own values; each shape and variant its own SQL', async () => {
      const k = kyselyOf(db);
      const slugs = async (
        ...args: Parameters<typeof sections.all> extends [unknown, ...infer R] ? R : never
      ) => (await sections.all(k, ...args)).map((r) => r.slug);
      assert.deepEqual(await slugs('asc', ['Name a', 'Name c'], null, 10), ['a', 'c']);
      assert.deepEqual(await slugs('asc', ['Name b', 'Name d'], null, 10), ['b', 'd']);
      assert.deepEqual(await slugs('asc', ['Name b', 'Name d'], null, 1), ['b']);
      assert.deepEqual(await slugs('desc', ['Name a', 'Name b', 'Name c'], null, 2), ['c', 'b']);
      assert.deepEqual(await slugs('asc', ['Name a', 'Name b', 'Name c'], 'a', 5), ['b', 'c']);
      assert.deepEqual(await slugs('asc', ['Name a', 'Name b', 'Name c'], 'b', 5), ['c']);
      assert.deepEqual(await slugs('asc', ['Name x'], null, 5), []);
      // A value changed behind the query's back is read as it is now.
      await rawSql(db, `update sections set name = 'Name z' where slug = 'a'`);
      assert.deepEqual(await slugs('asc', ['Name z', 'Name c'], null, 10), ['a', 'c']);
      assert.equal((await sections.first(k, 'asc', ['Name c'], null, 10))?.name, 'Name c');
    });

    test('a transaction runs the query compiled for its database', async () => {
      await db.store.transaction(async (tx) => {
        const k = kyselyOf({ ...db, store: tx });
        assert.ok(k.isTransaction);
        const rows = await sections.all(k, 'asc', ['Name b'], null, 10);
        assert.deepEqual(
          rows.map((r) => r.slug),
          ['b'],
        );
      });
    });

    test('an argument written into the SQL text instead of a parameter is refused', async () => {
      const inlined = prepared((d, _: '', slug: string) =>
        d.selectFrom('sections').select('slug').where('slug', '=', sql.lit(slug)),
      );
      await assert.rejects(inlined.all(kyselyOf(db), '', 'a'), /into its SQL text/);
    });
  });
}
