import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Comment features: per-article comment settings (null = the site default), deleted comments
 * kept as placeholders while they have replies, the kept versions of edited comments, one
 * reaction per person per comment, and the indexes that keep the first page of a huge thread
 * as fast as that of a small one.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema.alterTable('articles').addColumn('comments_mode', 'text').execute();
  await db.schema
    .alterTable('articles')
    .addColumn('comments_auto_close_hours', 'integer')
    .execute();
  // 1 when a deleted comment still has replies and so is shown as "comment deleted".
  await db.schema
    .alterTable('comments')
    .addColumn('placeholder', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Every earlier version of an edited comment; the current one stays in comments.
  await db.schema
    .createTable('comment_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('comment_id', 'text', (c) =>
      c.notNull().references('comments.id').onDelete('cascade'),
    )
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('written_at', timestamp, (c) => c.notNull())
    .addColumn('replaced_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_revisions_comment')
    .on('comment_revisions')
    .columns(['comment_id', 'written_at'])
    .execute();

  // The primary key is the "one per person per comment" rule, also under concurrent clicks.
  await db.schema
    .createTable('comment_reactions')
    .addColumn('comment_id', 'text', (c) =>
      c.notNull().references('comments.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_reactions_pk', ['comment_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('comment_reactions_user')
    .on('comment_reactions')
    .column('user_id')
    .execute();

  // Top-level comments of an article in each sort order (partial: replies are not in them), so a
  // page is one ordered index range whatever the size of the thread.
  await db.schema
    .createIndex('comments_top_time')
    .on('comments')
    .columns(['article_id', 'created_at', 'id'])
    .where(sql.ref('parent_id'), 'is', null)
    .execute();
  await db.schema
    .createIndex('comments_top_reactions')
    .on('comments')
    .columns(['article_id', 'reaction_count', 'created_at', 'id'])
    .where(sql.ref('parent_id'), 'is', null)
    .execute();
  // Direct replies of a comment ("has it replies?" on delete). Partial, without top-level
  // comments: otherwise SQLite's planner may pick it for `parent_id is null` and sort a whole
  // site's top-level comments instead of walking comments_top_time.
  await db.schema
    .createIndex('comments_parent')
    .on('comments')
    .columns(['parent_id', 'created_at', 'id'])
    .where(sql.ref('parent_id'), 'is not', null)
    .execute();
}
