import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * The front page as editors arrange it. `front_slots`: the pinned stories, slot 0 the lead and
 * 1… the featured slots, each with an optional expiry; a deleted article leaves its slot.
 * `front_sections`: which sections the front shows, in which order; a section with no row (one
 * created after the arrangement was saved, or every section before anyone saved one) is shown
 * after the others in menu order.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('front_slots')
    .addColumn('slot', 'integer', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('expires_at', timestamp)
    .execute();
  // Deleting an article looks here for its pins.
  await db.schema
    .createIndex('front_slots_article')
    .on('front_slots')
    .column('article_id')
    .execute();
  await db.schema
    .createTable('front_sections')
    .addColumn('section_slug', 'text', (c) =>
      c.primaryKey().references('sections.slug').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('shown', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('front_sections').execute();
  await db.schema.dropTable('front_slots').execute();
}
