import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Reader newsletters (issue 21): subscribers (one row per address, double opt-in), the lists each
 * one is on, the issues (a briefing, an alert, a section digest — each one unique by its `key`, so
 * an alert or a day's briefing can only be made once), and the sending queue: one row per
 * (issue, subscriber), claimed by conditional update (decisions/0064).
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('newsletter_subscribers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('confirmed_at', timestamp)
    .addColumn('left_at', timestamp)
    .addColumn('bounced_at', timestamp)
    .addColumn('bounce_reason', 'text')
    .execute();
  await db.schema
    .createTable('newsletter_subscriptions')
    .addColumn('subscriber_id', 'text', (c) =>
      c.notNull().references('newsletter_subscribers.id').onDelete('cascade'),
    )
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_subscriptions_pk', ['subscriber_id', 'list'])
    .execute();
  await db.schema
    .createIndex('newsletter_subscriptions_by_list')
    .on('newsletter_subscriptions')
    .columns(['list', 'subscriber_id'])
    .execute();
  await db.schema
    .createTable('newsletter_issues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('article_ids', 'text', (c) => c.notNull())
    .addColumn('send_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('queued_at', timestamp)
    .execute();
  await db.schema
    .createIndex('newsletter_issues_by_status')
    .on('newsletter_issues')
    .columns(['status', 'send_at'])
    .execute();
  await db.schema
    .createTable('newsletter_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) =>
      c.notNull().references('newsletter_issues.id').onDelete('cascade'),
    )
    .addColumn('subscriber_id', 'text', (c) =>
      c.notNull().references('newsletter_subscribers.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', timestamp, (c) => c.notNull())
    .addColumn('claim', 'text')
    .addColumn('sent_at', timestamp)
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('newsletter_deliveries_due')
    .on('newsletter_deliveries')
    .columns(['status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('newsletter_deliveries_by_issue')
    .on('newsletter_deliveries')
    .columns(['issue_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('newsletter_deliveries').execute();
  await db.schema.dropTable('newsletter_issues').execute();
  await db.schema.dropTable('newsletter_subscriptions').execute();
  await db.schema.dropTable('newsletter_subscribers').execute();
}
