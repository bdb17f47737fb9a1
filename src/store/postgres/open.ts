/** PostgreSQL specifics: the pool, and reading times back as the same ISO strings as SQLite. */
import pg from 'pg';
import { Kysely, PostgresDialect, type Logger } from 'kysely';
import type { Database } from '../schema.js';

const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const INT8 = 20;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ || oid === TIMESTAMP) {
      return (value: string) => new Date(oid === TIMESTAMP ? `${value}Z` : value).toISOString();
    }
    // counts come back as int8; they are far below 2^53 here
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

export interface PostgresOptions {
  /** Use this schema (created if missing) instead of public: one per test file. */
  schema?: string;
  maxConnections?: number;
  log?: Logger;
}

export async function openPostgres(
  connectionString: string,
  options: PostgresOptions = {},
): Promise<{ db: Kysely<Database>; pool: pg.Pool }> {
  const { schema } = options;
  if (schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    types,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(options.log ? { log: options.log } : {}),
  });
  return { db, pool };
}
