/**
 * PostgreSQL runs the compiled queries as named statements (decision 0093): each is parsed once per
 * connection and reused, with its own values every time; a statement prepared before its table's
 * columns changed (another process's migration) is sent again unnamed instead of failing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { prepared } from '../src/store/compiled.js';
import type { Database } from '../src/store/schema.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { rawSql } from './helpers/raw-sql.js';

const kyselyOf = (db: OpenedStore) => (db.store.sections as unknown as { db: Kysely<Database> }).db;

/** Every column (`*`): the case a new column breaks for a statement prepared before it. */
const section = prepared((db, _: '', slug: string) =>
  db.selectFrom('sections').selectAll().where('slug', '=', slug),
);

for (const database of databases().filter((d) => d.name === 'postgres')) {
  describe(`named statements on ${database.name}`, () => {
    let db: OpenedStore;
    before(async () => {
      db = await database.open();
      for (const [i, slug] of ['n-a', 'n-b'].entries()) {
        await db.store.sections.upsert({
          slug,
          name: `Named ${slug}`,
          description: '',
          position: i,
        });
      }
    });
    after(async () => {
      await db?.dispose();
    });

    test('a compiled query is prepared by name and run with each call’s values', async () => {
      const k = kyselyOf(db);
      // Side by side, so that several connections prepare it.
      const names = await Promise.all(
        Array.from({ length: 12 }, (_, i) => section.first(k, '', i % 2 ? 'n-b' : 'n-a')),
      );
      assert.deepEqual(
        names.map((r) => r?.name),
        Array.from({ length: 12 }, (_, i) => (i % 2 ? 'Named n-b' : 'Named n-a')),
      );
      // On one connection: the statement it ran is among its prepared statements, by name.
      const held = await k.connection().execute(async (c) => {
        assert.equal((await section.first(c, '', 'n-b'))?.name, 'Named n-b');
        return (
          await sql<{ name: string; statement: string }>`
            select name, statement from pg_prepared_statements`.execute(c)
        ).rows;
      });
      assert.ok(
        held.some((p) => p.name.startsWith('bs_') && p.statement.includes('from "sections"')),
        JSON.stringify(held),
      );
    });

    test('a column added after the statement was prepared: the query still answers', async () => {
      const k = kyselyOf(db);
      await Promise.all(Array.from({ length: 12 }, () => section.first(k, '', 'n-a')));
      await rawSql(db, `alter table sections add column named_extra text`);
      try {
        const rows = await Promise.all(
          Array.from({ length: 12 }, () => section.first(k, '', 'n-a')),
        );
        for (const row of rows) assert.equal(row?.name, 'Named n-a');
        assert.equal((await section.first(k, '', 'n-b'))?.name, 'Named n-b');
      } finally {
        await rawSql(db, `alter table sections drop column named_extra`);
      }
    });
  });
}
