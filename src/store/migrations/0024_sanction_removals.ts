import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Comments a sanction removed (issue 18): "ban (or suspend) and remove their comments" rejects
 * the person's published and waiting comments in the transaction that logs the sanction, one row
 * each naming that log entry and the status the comment had. Lifting the sanction within 30 days
 * puts back those still rejected, and marks the rows restored.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('sanction_removals')
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'text', (c) =>
      c.notNull().references('comments.id').onDelete('cascade'),
    )
    .addColumn('previous_status', 'text', (c) => c.notNull())
    .addColumn('restored_at', timestamp)
    .addPrimaryKeyConstraint('sanction_removals_pk', ['action_id', 'comment_id'])
    .execute();
  await db.schema
    .createIndex('sanction_removals_comment')
    .on('sanction_removals')
    .column('comment_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sanction_removals').execute();
}
