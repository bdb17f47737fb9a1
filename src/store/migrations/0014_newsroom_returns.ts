import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * An editor can send an article in review back to its author as a draft, with a note the
 * author reads on the editor page (kept with who sent it back and when, until the next
 * submission). People on the staff get a photo (an https address) for their author page.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema.alterTable('articles').addColumn('returned_note', 'text').execute();
  await db.schema.alterTable('articles').addColumn('returned_at', timestamp).execute();
  await db.schema
    .alterTable('articles')
    .addColumn('returned_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('photo_url', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('photo_url').execute();
  await db.schema.alterTable('articles').dropColumn('returned_by').execute();
  await db.schema.alterTable('articles').dropColumn('returned_at').execute();
  await db.schema.alterTable('articles').dropColumn('returned_note').execute();
}
