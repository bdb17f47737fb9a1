import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Live coverage (issue 22, decisions/0068): an article is live while it has a `live_coverage`
 * row (started, ended or not), and its updates are rows of their own. Every write to an update
 * takes the coverage's next change number (`seq`, in the same transaction), so a live stream
 * asks for "everything after N" exactly as the comment stream does (migration 0005). Edits keep
 * the text they replaced in `live_update_revisions`.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('live_coverage')
    .addColumn('article_id', 'text', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('started_at', timestamp, (c) => c.notNull())
    .addColumn('ended_at', timestamp)
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('live_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) =>
      c.notNull().references('live_coverage.article_id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('posted_at', timestamp, (c) => c.notNull())
    .addColumn('posted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    /** The byline: user ids, comma-separated, in order. */
    .addColumn('author_ids', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('key_event', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('edited_at', timestamp)
    .addColumn('removed_at', timestamp)
    .addColumn('removal_note', 'text')
    .execute();
  await db.schema
    .createIndex('live_updates_stream')
    .on('live_updates')
    .columns(['article_id', 'posted_at', 'id'])
    .execute();
  await db.schema
    .createIndex('live_updates_changes')
    .on('live_updates')
    .columns(['article_id', 'seq'])
    .execute();
  await db.schema
    .createTable('live_update_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('update_id', 'text', (c) =>
      c.notNull().references('live_updates.id').onDelete('cascade'),
    )
    .addColumn('at', timestamp, (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('live_update_revisions_update')
    .on('live_update_revisions')
    .columns(['update_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('live_update_revisions').execute();
  await db.schema.dropTable('live_updates').execute();
  await db.schema.dropTable('live_coverage').execute();
}
