import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Imports from WordPress and Disqus (docs/import.md).
 *
 * - Comments by guests: `comments.author_id` may be null, and `guest_name` then holds the name
 *   the guest gave (decisions/0023). An account's comment has a null `guest_name`.
 * - `import_items` maps each imported thing (source, kind, id there) to our id, so importing the
 *   same file again finds what it made the first time and changes nothing (decisions/0024).
 * - `article_old_paths`: addresses an article had on the old site (`/2024/03/05/slug`,
 *   `/?p=4`), answered with a permanent redirect to its address here.
 * - `import_jobs`: imports started from the admin page, with their progress and report, kept in
 *   the database so that every server process can show them.
 */
export async function up(db: Kysely<unknown>, { byDialect, timestamp }: MigrationContext) {
  await byDialect({
    postgres: relaxCommentAuthorOnPostgres,
    sqlite: relaxCommentAuthorOnSqlite,
  })(db);
  await db.schema.alterTable('comments').addColumn('guest_name', 'text').execute();

  await db.schema
    .createTable('import_items')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('local_id', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_items_pk', ['source', 'kind', 'source_id'])
    .execute();
  await db.schema
    .createIndex('import_items_local')
    .on('import_items')
    .columns(['kind', 'local_id'])
    .execute();

  await db.schema
    .createTable('article_old_paths')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('article_old_paths_article')
    .on('article_old_paths')
    .column('article_id')
    .execute();

  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('bytes_total', 'integer', (c) => c.notNull())
    .addColumn('bytes_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('finished_at', timestamp)
    .execute();
}

async function relaxCommentAuthorOnPostgres(db: Kysely<unknown>) {
  await sql`alter table comments alter column author_id drop not null`.execute(db);
}

/**
 * SQLite cannot drop a NOT NULL in place (and writing the schema table is off in defensive
 * mode), so the table is rebuilt as SQLite's documentation describes: the same definition
 * without the constraint, rows copied, the old table dropped and the new one renamed, then its
 * indexes and triggers made again from their stored definitions. Foreign keys are off meanwhile
 * so dropping the old table does not touch the rows that refer to comments.
 */
async function relaxCommentAuthorOnSqlite(db: Kysely<unknown>) {
  const objects = (
    await sql<{
      type: string;
      name: string;
      sql: string | null;
    }>`select type, name, sql from sqlite_master where tbl_name = 'comments'`.execute(db)
  ).rows;
  const table = objects.find((o) => o.type === 'table')?.sql;
  if (!table) throw new Error('the comments table is missing');
  const relaxed = table
    .replace(/^create table "?comments"?/i, 'create table "comments_rebuilt"')
    .replace(/("author_id" text) not null/i, '$1');
  if (
    relaxed === table ||
    !/"comments_rebuilt"/.test(relaxed) ||
    /"author_id" text not null/i.test(relaxed)
  ) {
    throw new Error(`unexpected comments table definition: ${table}`);
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    try {
      await sql.raw(relaxed).execute(db);
      await sql`insert into comments_rebuilt select * from comments`.execute(db);
      await sql`drop table comments`.execute(db);
      await sql`alter table comments_rebuilt rename to comments`.execute(db);
      for (const o of objects) {
        if ((o.type === 'index' || o.type === 'trigger') && o.sql) await sql.raw(o.sql).execute(db);
      }
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error('foreign keys broken by rebuilding comments');
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
