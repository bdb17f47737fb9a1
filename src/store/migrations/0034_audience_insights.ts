import type { Kysely } from 'kysely';

/**
 * Audience insights (issue 24): counted page views, one row per (grain, bucket, page,
 * referrer category and host, campaign). Each flush adds to the minute, hour and day row at
 * once (an additive upsert), so sums are exact whatever the number of processes; retention is
 * deleting old minute and hour rows (decisions/0074). No address, user agent or cookie is kept.
 * `bucket` is minutes since the epoch (UTC) of the bucket's start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('insight_counts')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('referrer_category', 'text', (c) => c.notNull())
    .addColumn('referrer_host', 'text', (c) => c.notNull())
    .addColumn('campaign', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('insight_counts_pk', [
      'grain',
      'bucket',
      'kind',
      'subject',
      'referrer_category',
      'referrer_host',
      'campaign',
    ])
    .execute();
  // Most read and an article's panel read one page's rows over a range.
  await db.schema
    .createIndex('insight_counts_subject')
    .on('insight_counts')
    .columns(['kind', 'subject', 'grain', 'bucket'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('insight_counts').execute();
}
