/** The PostgreSQL side of export and restore (store/backup.ts holds the shared part). */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import type { BackupTable } from '../ports/backup.js';

export async function postgresTableNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function postgresColumnNames(db: Kysely<Database>, table: string): Promise<string[]> {
  const rows = await sql<{
    name: string;
  }>`select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}
    order by ordinal_position`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** The select of a table in file order: text keys in byte order ("C"), as SQLite sorts them. */
function selectSql(table: BackupTable): RawBuilder<Record<string, unknown>> {
  const list = sql.join(table.columns.map((c) => sql.ref(c.name)));
  const order = sql.join(
    (table.order ?? table.key).map((name) => {
      const column = table.columns.find((c) => c.name === name);
      return column?.type === 'text' ? sql`${sql.ref(name)} collate "C"` : sql.ref(name);
    }),
  );
  return sql<
    Record<string, unknown>
  >`select ${list} from ${sql.table(table.name)} order by ${order}`;
}

/** A server-side cursor: one sort, fetched a batch at a time. */
export async function readPostgresTable(
  trx: Kysely<Database>,
  table: BackupTable,
  batchSize: number,
  emit: (rows: Record<string, unknown>[]) => Promise<void>,
): Promise<void> {
  await sql`declare export_rows no scroll cursor for ${selectSql(table)}`.execute(trx);
  for (;;) {
    const batch = await sql<
      Record<string, unknown>
    >`fetch forward ${sql.lit(batchSize)} from export_rows`.execute(trx);
    if (batch.rows.length === 0) break;
    await emit(batch.rows);
  }
  await sql`close export_rows`.execute(trx);
}

export async function suspendPostgresTriggers(
  trx: Kysely<Database>,
  tables: readonly string[],
): Promise<() => Promise<void>> {
  for (const table of tables) {
    await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx);
  }
  return async () => {
    for (const table of tables) {
      await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx);
    }
  };
}
