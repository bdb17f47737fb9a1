import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Moderators who asked for the email digest (issue 18): one row each, with when the last digest
 * went to them, so several processes send each digest once (a conditional update claims it).
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('moderation_digests')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('subscribed_at', timestamp, (c) => c.notNull())
    .addColumn('last_sent_at', timestamp)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('moderation_digests').execute();
}
