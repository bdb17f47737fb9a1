/** The SQLite side of export and restore (store/backup.ts holds the shared part). */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { BackupTable } from '../ports/backup.js';

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

export async function sqliteTableNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from sqlite_master
    where type = 'table' and name not like 'sqlite\\_%' escape '\\'`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function sqliteColumnNames(db: Kysely<Database>, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(
    db,
  );
  return rows.rows.map((r) => r.name);
}

/** Streams the rows; SQLite compares text byte by byte already, so plain ORDER BY is file order. */
export async function readSqliteTable(
  trx: Kysely<Database>,
  table: BackupTable,
  batchSize: number,
  emit: (rows: Record<string, unknown>[]) => Promise<void>,
): Promise<void> {
  let query = (trx as unknown as AnyDb)
    .selectFrom(table.name)
    .select(table.columns.map((c) => c.name));
  for (const name of table.order ?? table.key) query = query.orderBy(name);
  let batch: Record<string, unknown>[] = [];
  for await (const row of query.stream(batchSize)) {
    batch.push(row);
    if (batch.length === batchSize) {
      await emit(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await emit(batch);
}

/** SQLite cannot disable a trigger, so they are dropped and created again from their own SQL. */
export async function suspendSqliteTriggers(
  trx: Kysely<Database>,
  tables: readonly string[],
): Promise<() => Promise<void>> {
  const triggers: { name: string; sql: string }[] = [];
  for (const table of tables) {
    const rows = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
      where type = 'trigger' and tbl_name = ${table} order by name`.execute(trx);
    triggers.push(...rows.rows);
  }
  for (const trigger of triggers) {
    await sql`drop trigger ${sql.id(trigger.name)}`.execute(trx);
  }
  return async () => {
    for (const trigger of triggers) await sql.raw(trigger.sql).execute(trx);
  };
}
