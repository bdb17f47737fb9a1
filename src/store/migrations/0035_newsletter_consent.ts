import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Who attested an imported subscriber's consent, and when (issue 21, decisions/0076): an address
 * imported with consent attested by an admin is mailed without a confirmation, so the record of
 * that attestation is kept beside it.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('newsletter_subscribers')
    .addColumn('consent_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('newsletter_subscribers').addColumn('consent_at', timestamp).execute();
}
