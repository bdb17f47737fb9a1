import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Static pages (About, Contact…), in their own tables rather than among the articles: nothing
 * that lists news can then show one by forgetting a filter (decisions/0037-static-pages.md).
 * Every save is kept as a revision; an old slug redirects to the page that had it.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('pages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('modified_at', timestamp, (c) => c.notNull())
    .addColumn('published_at', timestamp)
    .execute();
  await db.schema.createIndex('pages_status').on('pages').columns(['status', 'title']).execute();

  await db.schema
    .createTable('page_revisions')
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('saved_at', timestamp, (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('page_revisions_pk', ['page_id', 'version'])
    .execute();

  await db.schema
    .createTable('page_old_slugs')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('page_old_slugs_page')
    .on('page_old_slugs')
    .column('page_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('page_old_slugs').execute();
  await db.schema.dropTable('page_revisions').execute();
  await db.schema.dropTable('pages').execute();
}
