import type { Kysely } from 'kysely';

/**
 * Every new comment passes the moderation pipeline, which counts its author's published and
 * rejected comments (the trust rule). With an index on the author alone, that count read every
 * one of the author's comments from the table to check its status, so posting got slower with
 * each comment a person had written. An index on (author, status) answers the count from the
 * index alone, and still serves every lookup by author; it replaces the author-only one, so a
 * new comment updates no more indexes than before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('comments_author_status')
    .on('comments')
    .columns(['author_id', 'status'])
    .execute();
  await db.schema.dropIndex('comments_author').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('comments_author').on('comments').column('author_id').execute();
  await db.schema.dropIndex('comments_author_status').execute();
}
