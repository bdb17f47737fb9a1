import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Comments and the idempotency keys of posts. A comment keeps its Markdown and the HTML rendered
 * from it once, at write; `root_id` (its top-level ancestor, itself for a top-level comment)
 * fetches a whole thread with one indexed query.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('parent_id', 'text', (c) => c.references('comments.id'))
    .addColumn('root_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reaction_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('edited_at', timestamp)
    .execute();
  // The public page of an article's threads: top-level, published, in time order either way.
  await db.schema
    .createIndex('comments_article_status_created')
    .on('comments')
    .columns(['article_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('comments_root_created')
    .on('comments')
    .columns(['root_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('comments_author').on('comments').column('author_id').execute();

  // A retried post with the same Idempotency-Key answers with the first comment. No foreign key on
  // comment_id: the key is claimed before the comment row exists, in the same transaction.
  await db.schema
    .createTable('comment_idempotency_keys')
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_idempotency_keys_pk', ['author_id', 'key'])
    .execute();
}
