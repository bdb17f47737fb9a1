import type { Kysely } from 'kysely';

/**
 * Limits shared by every process and server of a site (decisions/0058): a fixed-window counter
 * per limit and key, bumped by one upsert per counted request, and one lease per open live
 * stream, renewed by its server while the stream lasts. Keys are hashes (no address is kept);
 * times are milliseconds since the epoch, compared as numbers on both databases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('limit_counters')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('resets_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('limit_counters_pk', ['name', 'key_hash'])
    .execute();
  await db.schema
    .createIndex('limit_counters_by_reset')
    .on('limit_counters')
    .column('resets_at')
    .execute();
  await db.schema
    .createTable('stream_leases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stream_leases_by_client')
    .on('stream_leases')
    .columns(['client_hash', 'expires_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('stream_leases').execute();
  await db.schema.dropTable('limit_counters').execute();
}
