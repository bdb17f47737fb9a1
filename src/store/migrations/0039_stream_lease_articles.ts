import type { Kysely } from 'kysely';

/**
 * Live readers (decisions/0090): a stream's lease (0028) also names the article it follows and
 * which of the article's streams it is (`comment` or `live`, the change kind that wakes it), so
 * the open streams of every process and server can be counted per article with one query. Rows
 * of servers older than this have neither and are not counted as readers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stream_leases').addColumn('article_id', 'text').execute();
  await db.schema.alterTable('stream_leases').addColumn('stream', 'text').execute();
  await db.schema
    .createIndex('stream_leases_by_article')
    .on('stream_leases')
    .columns(['article_id', 'expires_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('stream_leases_by_article').execute();
  await db.schema.alterTable('stream_leases').dropColumn('stream').execute();
  await db.schema.alterTable('stream_leases').dropColumn('article_id').execute();
}
