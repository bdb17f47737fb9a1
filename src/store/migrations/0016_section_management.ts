import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Sections are managed from the admin pages: a section can be left out of the navigation
 * (`hidden`, 1 = hidden), and one that was renamed or removed keeps its old addresses, which
 * answer with a permanent redirect to the section that has its articles now.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('sections')
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('section_old_slugs')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    // Where the old address leads now; a renamed or removed section updates these first.
    .addColumn('section_slug', 'text', (c) =>
      c.notNull().references('sections.slug').onDelete('cascade'),
    )
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('section_old_slugs_section')
    .on('section_old_slugs')
    .column('section_slug')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('section_old_slugs').execute();
  await db.schema.alterTable('sections').dropColumn('hidden').execute();
}
