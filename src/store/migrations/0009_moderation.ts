import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Moderation: why each comment was held (one row per reason, so the queue filters by reason on an
 * index), reports from readers, the append-only log of moderator actions, and on comments the
 * featured time, the reason a rejection gives its author, and the client address the per-address
 * rate limit counts.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema.alterTable('comments').addColumn('featured_at', timestamp).execute();
  await db.schema
    .alterTable('comments')
    .addColumn('rejection_reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('comments').addColumn('client_address', 'text').execute();
  await db.schema
    .createIndex('comments_address_created')
    .on('comments')
    .columns(['client_address', 'created_at'])
    .execute();
  await db.schema
    .createIndex('comments_author_created')
    .on('comments')
    .columns(['author_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('comments_status_created')
    .on('comments')
    .columns(['status', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('comment_moderation_reasons')
    .addColumn('comment_id', 'text', (c) =>
      c.notNull().references('comments.id').onDelete('cascade'),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_moderation_reasons_pk', ['comment_id', 'code'])
    .execute();
  await db.schema
    .createIndex('comment_moderation_reasons_code')
    .on('comment_moderation_reasons')
    .columns(['code', 'comment_id'])
    .execute();

  await db.schema
    .createTable('comment_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('comment_id', 'text', (c) =>
      c.notNull().references('comments.id').onDelete('cascade'),
    )
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('resolved_at', timestamp)
    .addUniqueConstraint('comment_reports_once', ['comment_id', 'reporter_id'])
    .execute();
  await db.schema
    .createIndex('comment_reports_open')
    .on('comment_reports')
    .columns(['resolved_at', 'comment_id'])
    .execute();

  // No foreign keys: the log outlives the people and comments it names (it keeps their names).
  await db.schema
    .createTable('moderation_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'text')
    .addColumn('article_id', 'text')
    .addColumn('target_user_id', 'text')
    .addColumn('target_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('moderation_actions_created')
    .on('moderation_actions')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('moderation_actions_target')
    .on('moderation_actions')
    .columns(['target_user_id', 'created_at'])
    .execute();
}
