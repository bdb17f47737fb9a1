import { sql, type Kysely } from 'kysely';

/**
 * The Featured strip reads an article's featured comments on every first page. Few comments are
 * ever featured, so a partial index holds just those: without it the query read every published
 * comment of the article, which made the first page of a 100,000-comment thread 10–20× slower
 * than that of a small one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('comments_featured')
    .on('comments')
    .columns(['article_id', 'featured_at'])
    .where(sql.ref('featured_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('comments_featured').execute();
}
