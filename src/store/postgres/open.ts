/** PostgreSQL specifics: the pool, and reading times back as the same ISO strings as SQLite. */
import pg from 'pg';
import { Kysely, PostgresDialect, type Logger } from 'kysely';
import { statementName } from '../compiled.js';
import type { Database } from '../schema.js';
import type { TransactionScope } from '../transaction-scope.js';

const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const INT8 = 20;

const parseTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (value: string) => Date;

/** Every time comes back as the ISO string SQLite would hold (see docs/decisions/0002). */
function isoTime(value: string): string {
  // TIMESTAMP has no zone; the session runs in UTC (see sessionOptions), so it is UTC.
  return parseTimestamptz(value).toISOString();
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ) return isoTime;
    if (oid === TIMESTAMP) return (value: string) => isoTime(`${value}+00`);
    // counts come back as int8; they are far below 2^53 here
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

/**
 * Session settings sent when each connection starts. The server's or database's own TimeZone
 * and DateStyle may be anything; times must be written and read in one known format.
 */
function sessionOptions(connectionString: string, schema: string | undefined) {
  const settings = ['-c TimeZone=UTC', '-c DateStyle=ISO'];
  if (schema !== undefined) settings.push(`-c search_path=${schema}`);
  // pg lets the URL's own ?options= override ours, so merge it in and take it out of the URL.
  let url: URL | null = null;
  try {
    url = new URL(connectionString);
  } catch {
    // not a URL (pg also accepts other forms); leave it alone
  }
  const own = url?.searchParams.get('options');
  if (!url || own === null || own === undefined)
    return { connectionString, options: settings.join(' ') };
  url.searchParams.delete('options');
  return { connectionString: url.toString(), options: [own, ...settings].join(' ') };
}

/**
 * Sends a compiled query's SQL as a named statement of its own. A statement prepared before its
 * table's columns changed (another process's migration adding one, for a `*`) fails with
 * "cached plan must not change result type" on every run: the connection then stops naming
 * statements and the query is sent again unnamed (in a transaction the transaction has failed,
 * and its error is reported).
 */
function nameCompiledStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let naming = true;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const name =
      naming && args.length === 2 && typeof text === 'string' ? statementName(text) : undefined;
    if (name === undefined || !Array.isArray(values)) return query(...args);
    return query({ name, text, values }).catch(async (error: unknown) => {
      if ((error as { code?: unknown }).code !== '0A000') throw error;
      naming = false;
      try {
        return await query(text, values);
      } catch {
        throw error;
      }
    });
  };
}

export interface PostgresOptions {
  /** Use this schema (created if missing) instead of public: one per test file. */
  schema?: string;
  maxConnections?: number;
  log?: Logger;
  /** Refuses a second connection inside a transaction's work (see transaction-scope.ts). */
  scope?: TransactionScope;
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
    ...sessionOptions(connectionString, schema),
    max: options.maxConnections ?? 10,
    // An unreachable server fails start-up (and a query) with an error instead of hanging.
    connectionTimeoutMillis: 10_000,
    types,
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  // The compiled queries (store/compiled.ts) go as named statements: each connection parses one
  // once, and the server need not parse and plan it anew per request (decision 0093).
  pool.on('connect', (client) => nameCompiledStatements(client));
  const dialect = new PostgresDialect({ pool });
  const db = new Kysely<Database>({
    dialect: options.scope ? options.scope.guard(dialect) : dialect,
    ...(options.log ? { log: options.log } : {}),
  });
  return { db, pool };
}
