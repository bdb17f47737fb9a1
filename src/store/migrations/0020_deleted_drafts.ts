import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Deleted drafts (decisions/0040): a never-published draft is deleted by stamping when and by
 * whom, so it leaves every list and lookup but keeps its row, its revisions and its slug while an
 * admin may still recover it. The purge removes rows deleted more than 30 days ago; the index
 * serves it and the list of deleted drafts (every other article has NULL there).
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema.alterTable('articles').addColumn('deleted_at', timestamp).execute();
  await db.schema
    .alterTable('articles')
    .addColumn('deleted_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('articles_deleted_at').on('articles').column('deleted_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('articles_deleted_at').execute();
  await db.schema.alterTable('articles').dropColumn('deleted_by').execute();
  await db.schema.alterTable('articles').dropColumn('deleted_at').execute();
}
