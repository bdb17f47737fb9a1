import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/** Accounts: verification and sanctions on users, server-side sessions, one-time tokens, mail. */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema.alterTable('users').addColumn('email_verified_at', timestamp).execute();
  await db.schema.alterTable('users').addColumn('suspended_until', timestamp).execute();
  await db.schema.alterTable('users').addColumn('banned_at', timestamp).execute();
  await db.schema
    .alterTable('users')
    .addColumn('sanction_reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // The cookie carries a random id; only its SHA-256 is stored, so a leaked table is useless.
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

  // Email verification, password reset, email change and first-admin setup links.
  await db.schema
    .createTable('one_time_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('new_email', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('used_at', timestamp)
    .execute();
  await db.schema
    .createIndex('one_time_tokens_user')
    .on('one_time_tokens')
    .columns(['user_id', 'purpose'])
    .execute();

  // Mail that was sent, or kept here when no SMTP server is configured.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('sent_at', timestamp)
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('outbox_created').on('outbox').column('created_at').execute();
}
