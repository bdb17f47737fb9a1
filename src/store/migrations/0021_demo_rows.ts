import type { Kysely } from 'kysely';

/**
 * What the demo content made (decisions/0041): one row per demo row, by table and key (an id, a
 * slug, a setting's key), written in the transaction that loads the demo, so `broadsheet demo
 * remove` removes exactly those. No foreign keys: a key names a row in one of several tables, and
 * a row deleted some other way leaves a key that simply matches nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('demo_rows')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_rows_pk', ['table_name', 'row_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('demo_rows').execute();
}
