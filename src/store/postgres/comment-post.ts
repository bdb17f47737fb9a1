/**
 * A transaction of few round trips on PostgreSQL (decisions/0094): statements sent together in one
 * simple-query message on one pooled connection, `begin` before the first, `commit` after the
 * last. `pg` sends one message at a time and waits for its answer, so this is how a new comment's
 * transaction becomes two round trips (begin, its keys, the article, the settings and what
 * screening counts; then the write and commit) instead of seven: on a machine where the database
 * shares the cores, each round trip costs both processes CPU.
 *
 * A simple query takes no parameters, so each value is written into the text as a literal
 * (`pg.escapeLiteral`); the statements are the ones the store's builders compile. Any failure, and
 * any error of the work between the messages, rolls back; a connection that cannot roll back is
 * discarded, not returned to the pool.
 */
import pg from 'pg';
import { CompiledQuery, sql, type Kysely, type Logger } from 'kysely';
import { newId } from '../../domain/ids.js';
import { staffRoles } from '../../domain/user.js';
import type { CommentCreateOutcome, StatementBatch } from '../dialect.js';
import type {
  CommentTarget,
  NewComment,
  ScreenedPost,
  ScreeningData,
  ScreeningReads,
} from '../ports/comments.js';
import type { CommentRow } from '../rows.js';
import type { Database } from '../schema.js';
import { commentWrite, writeOutcome } from './comment-create.js';

/** A value written into a statement's text: only the kinds the comment statements bind. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value))
    return value.length ? `array[${value.map(literal).join(', ')}]` : `'{}'`;
  throw new Error(`no literal for a ${typeof value} in a batched statement`);
}

/** A compiled statement with its parameters written in as literals. */
export function inline(query: { sql: string; parameters: readonly unknown[] }): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= query.parameters.length) throw new Error(`no parameter $${n}`);
    return literal(query.parameters[index]);
  });
}

export async function batchedTransactionPostgres<T>(
  pool: pg.Pool,
  log: Logger | undefined,
  work: (batch: StatementBatch) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  const send = async (text: string): Promise<{ rows: Rows }[]> => {
    const started = performance.now();
    const query = CompiledQuery.raw(text);
    // Counted as one query each (the store's /metrics), as Kysely's own are.
    const took = () => performance.now() - started;
    try {
      const result = (await client.query(text)) as unknown as { rows: Rows }[] | { rows: Rows };
      void log?.({ level: 'query', query, queryDurationMillis: took() });
      return Array.isArray(result) ? result : [result];
    } catch (error) {
      void log?.({ level: 'error', error, query, queryDurationMillis: took() });
      throw error;
    }
  };
  let begun = false;
  let ended = false;
  const run = async (statements: readonly CompiledQuery[], commit: boolean) => {
    if (ended) throw new Error('the batched transaction has ended');
    const texts = statements.map(inline);
    const offset = begun ? 0 : 1;
    if (!begun) texts.unshift('begin');
    if (commit) texts.push('commit');
    begun = true;
    ended = commit;
    const results = await send(texts.join(';\n'));
    return results.slice(offset, offset + statements.length).map((r) => r.rows);
  };
  try {
    const value = await work({
      send: (statements) => run(statements, false),
      commit: (statements) => run(statements, true),
    });
    if (begun && !ended) await run([], true);
    client.release();
    return value;
  } catch (error) {
    // After a failed statement the transaction is aborted; after a failed commit, over (then the
    // rollback only warns). A connection that cannot even roll back is discarded.
    try {
      if (begun) await client.query('rollback');
      client.release();
    } catch (rollbackError) {
      client.release(rollbackError instanceof Error ? rollbackError : true);
    }
    throw error;
  }
}

/**
 * A new comment in one batched transaction (decisions/0094):
 *
 *   1. begin; hold the keys; the article; the settings; what screening counted last time
 *   2. (only if screening now counts something else: that)
 *   3. the write (`StoreDialect.createComment`'s statement); commit
 *
 * Between them the caller screens the post with what was read, the keys held, so no concurrent
 * post can change what it counted before the commit (decisions/0046). The reads are the
 * statements of `commentTarget`, `SettingsStore.getMany` and the screening reads of
 * store/moderation.ts (`recentByAuthor`, `createdFromAddress`, `records`), built alike here.
 */
type Rows = Record<string, unknown>[];

/** What the store maps (store/comments.ts): an article row, a comment's reason rows. */
export interface PostSteps {
  target(row: Record<string, unknown>): CommentTarget;
  reasons(id: string, input: NewComment): readonly { code: string; detail: string }[];
}

export async function postInBatches(
  db: Kysely<Database>,
  batch: StatementBatch,
  post: ScreenedPost,
  steps: PostSteps,
): Promise<{ input: NewComment; outcome: CommentCreateOutcome }> {
  const keys = [...new Set(post.keys)].sort();
  const first: CompiledQuery[] = [];
  if (keys.length) first.push(locks(db, keys));
  const target = (column: 'id' | 'slug') =>
    db
      .selectFrom('articles')
      .select(['id', 'status', 'published_at', 'comments_mode', 'comments_auto_close_hours'])
      .where(column, '=', post.article)
      .compile();
  first.push(target('id'), target('slug'));
  if (post.settingKeys.length)
    first.push(
      db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where('key', 'in', post.settingKeys)
        .compile(),
    );
  const expected = post.expected ? screeningQueries(db, post.expected) : null;
  if (expected) first.push(...expected.queries);
  const found = await batch.send(first);
  let at = keys.length ? 1 : 0;
  const row = found[at]?.[0] ?? found[at + 1]?.[0];
  at += 2;
  const settings: Record<string, string> = {};
  if (post.settingKeys.length) {
    for (const r of found[at] ?? []) settings[r.key as string] = r.value as string;
    at += 1;
  }
  const { reads, decide } = post.screen(row ? steps.target(row) : null, settings);
  let data: ScreeningData;
  if (expected && sameReads(reads, post.expected)) {
    data = expected.parse(found.slice(at));
  } else {
    const now = screeningQueries(db, reads);
    data = now.parse(await batch.send(now.queries));
  }
  const input = decide(data);
  const id = newId(Date.parse(input.createdAt));
  const write = commentWrite(id, input, steps.reasons(id, input)).compile(db);
  const written = await batch.commit([write]);
  return { input, outcome: writeOutcome(written[0]?.[0] as CommentRow | undefined, input) };
}

function sameReads(a: ScreeningReads, b: ScreeningReads | null): boolean {
  return b !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** Held until the transaction ends, in one statement in sorted order (`holdKeys`). */
function locks(db: Kysely<Database>, keys: readonly string[]): CompiledQuery {
  const each = keys.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  return sql`select ${sql.join(each)}`.compile(db);
}

/** The screening reads as statements, and what they found from their rows. */
function screeningQueries(
  db: Kysely<Database>,
  reads: ScreeningReads,
): { queries: CompiledQuery[]; parse(rows: Rows[]): ScreeningData } {
  const queries: CompiledQuery[] = [];
  const at: Partial<Record<'recent' | 'address' | 'record', number>> = {};
  if (reads.recent) {
    at.recent = queries.length;
    queries.push(
      db
        .selectFrom('comments')
        .select(['article_id', 'body', 'created_at'])
        .where('author_id', '=', reads.recent.authorId)
        .where('created_at', '>=', reads.recent.since)
        .where('status', '!=', 'deleted')
        .orderBy('created_at', 'desc')
        .limit(reads.recent.limit)
        .compile(),
    );
  }
  if (reads.address) {
    at.address = queries.length;
    // Staff posts are not counted (as createdFromAddress).
    queries.push(
      db
        .selectFrom('comments as c')
        .leftJoin('users as u', 'u.id', 'c.author_id')
        .select('c.created_at')
        .where('c.client_address', '=', reads.address.address)
        .where('c.created_at', '>=', reads.address.since)
        .where((eb) => eb.or([eb('u.role', 'is', null), eb('u.role', 'not in', [...staffRoles])]))
        .orderBy('c.created_at', 'desc')
        .limit(reads.address.limit)
        .compile(),
    );
  }
  if (reads.record) {
    at.record = queries.length;
    queries.push(
      db
        .selectFrom('comments')
        .select((eb) => ['status', eb.fn.countAll().as('n')])
        .where('author_id', '=', reads.record)
        .where('status', 'in', ['published', 'rejected'])
        .groupBy('status')
        .compile(),
    );
  }
  return {
    queries,
    parse(rows) {
      const of = (index: number | undefined) => (index === undefined ? [] : (rows[index] ?? []));
      const record = { approved: 0, rejected: 0 };
      for (const r of of(at.record)) {
        if (r.status === 'published') record.approved = Number(r.n);
        else record.rejected = Number(r.n);
      }
      return {
        recent: of(at.recent).map((r) => ({
          articleId: r.article_id as string,
          body: r.body as string,
          createdAt: r.created_at as string,
        })),
        byAddress: of(at.address).map((r) => r.created_at as string),
        record,
      };
    },
  };
}
