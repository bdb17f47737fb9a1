import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Staff invitations, and the byline a person's articles carry (empty: their name).
 *
 * Only the SHA-256 of an invitation's token is stored. `open_email` holds the address while the
 * invitation may still be accepted and is emptied when it is accepted, revoked or found expired:
 * its unique index makes "one open invitation per address" hold under concurrent requests.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('open_email', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('accepted_at', timestamp)
    .addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', timestamp)
    .execute();
  await db.schema
    .createIndex('invitations_open_email')
    .on('invitations')
    .column('open_email')
    .unique()
    .execute();
  await db.schema.createIndex('invitations_email').on('invitations').column('email').execute();
  await db.schema
    .createIndex('invitations_created')
    .on('invitations')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('byline', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('byline').execute();
  await db.schema.dropTable('invitations').execute();
}
