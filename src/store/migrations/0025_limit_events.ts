import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Events counted by limits that must hold across processes and servers (sign-ups per network
 * address): decided and recorded in one serialised step (decisions/0046). The key is a hash (an
 * address is not kept); rows older than their window are deleted as the key is next counted.
 */
export async function up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
  await db.schema
    .createTable('limit_events')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('at', context.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('limit_events_by_key')
    .on('limit_events')
    .columns(['name', 'key_hash', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('limit_events').execute();
}
