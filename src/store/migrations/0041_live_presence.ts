import type { Kysely } from 'kysely';

/**
 * Who is on a live posting screen now (issue 22, decisions/0089): one row per article and staff
 * member, renewed by the screen every few seconds while it is open. A row whose `seen_until` has
 * passed is gone (the screen was closed or its browser vanished); `writing_until` says the person
 * is typing an update. Times are milliseconds since the epoch, compared as numbers on both
 * databases (as the stream leases of 0028).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('live_presence')
    .addColumn('article_id', 'text', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addColumn('seen_until', 'bigint', (c) => c.notNull())
    .addColumn('writing_until', 'bigint')
    .addPrimaryKeyConstraint('live_presence_pk', ['article_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('live_presence').execute();
}
