/**
 * A new comment on PostgreSQL in one transaction of two round trips (decisions/0094).
 *
 * The same statements as a post in the caller's transaction (holdKeys, the screening reads of
 * store/moderation.ts, the one-statement write of comment-create.ts), sent as two simple-query
 * messages on one pooled connection:
 *
 *   1. begin; the advisory locks; the author's recent comments; the address's; the author's record
 *   2. the write; commit
 *
 * and between them `decide` screens the comment with what the first read (the keys held, so no
 * concurrent post can change it before the commit: decisions/0046). A simple query takes no
 * parameters, so each value is written into the text as a literal (`pg.escapeLiteral`); the
 * statements are the ones the store's own builders compile. `pg` sends one message at a time and
 * waits for its answer, so this is what saves the round trips of `begin`, the reads and `commit`:
 * on a machine where the database shares the cores, each one costs both processes CPU.
 *
 * Any failure, and a refusal by `decide`, rolls back; a connection that cannot roll back is
 * discarded, not returned to the pool.
 */
import pg from 'pg';
import { CompiledQuery, sql, type Kysely, type Logger } from 'kysely';
import { staffRoles } from '../../domain/user.js';
import type { NewComment, ScreenedPost, ScreeningData } from '../ports/comments.js';
import type { CommentCreateOutcome } from '../dialect.js';
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
  throw new Error(`no literal for a ${typeof value} in a comment statement`);
}

/** A compiled statement with its parameters written in as literals. */
export function inline(query: { sql: string; parameters: readonly unknown[] }): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= query.parameters.length) throw new Error(`no parameter $${n}`);
    return literal(query.parameters[index]);
  });
}

type Results = { rows: Record<string, unknown>[] }[];

export async function postCommentPostgres(
  pool: pg.Pool,
  log: Logger | undefined,
  db: Kysely<Database>,
  post: ScreenedPost,
  prepare: (input: NewComment) => {
    id: string;
    reasons: readonly { code: string; detail: string }[];
  },
): Promise<{ input: NewComment; outcome: CommentCreateOutcome }> {
  const { reads } = post;
  const statements: string[] = ['begin'];
  const keys = [...new Set(post.keys)].sort();
  if (keys.length) {
    // In one statement, in sorted order: a select list is evaluated left to right.
    const locks = keys.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    statements.push(inline(sql`select ${sql.join(locks)}`.compile(db)));
  }
  const at: Partial<Record<'recent' | 'address' | 'record', number>> = {};
  if (reads.recent) {
    at.recent = statements.length;
    statements.push(
      inline(
        db
          .selectFrom('comments')
          .select(['article_id', 'body', 'created_at'])
          .where('author_id', '=', reads.recent.authorId)
          .where('created_at', '>=', reads.recent.since)
          .where('status', '!=', 'deleted')
          .orderBy('created_at', 'desc')
          .limit(reads.recent.limit)
          .compile(),
      ),
    );
  }
  if (reads.address) {
    at.address = statements.length;
    statements.push(
      inline(
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
      ),
    );
  }
  if (reads.record) {
    at.record = statements.length;
    statements.push(
      inline(
        db
          .selectFrom('comments')
          .select((eb) => ['status', eb.fn.countAll().as('n')])
          .where('author_id', '=', reads.record)
          .where('status', 'in', ['published', 'rejected'])
          .groupBy('status')
          .compile(),
      ),
    );
  }
  const client = await pool.connect();
  const send = async (text: string): Promise<Results> => {
    const started = performance.now();
    const query = CompiledQuery.raw(text);
    // Counted as one query each (the store's /metrics), as Kysely's own are.
    const took = () => performance.now() - started;
    try {
      const result = (await client.query(text)) as unknown as Results | Results[number];
      void log?.({ level: 'query', query, queryDurationMillis: took() });
      return Array.isArray(result) ? result : [result];
    } catch (error) {
      void log?.({ level: 'error', error, query, queryDurationMillis: took() });
      throw error;
    }
  };
  try {
    const found = await send(statements.join(';\n'));
    const rows = (index: number | undefined) =>
      index === undefined ? [] : (found[index]?.rows ?? []);
    const record = { approved: 0, rejected: 0 };
    for (const r of rows(at.record)) {
      if (r.status === 'published') record.approved = Number(r.n);
      else record.rejected = Number(r.n);
    }
    const data: ScreeningData = {
      recent: rows(at.recent).map((r) => ({
        articleId: r.article_id as string,
        body: r.body as string,
        createdAt: r.created_at as string,
      })),
      byAddress: rows(at.address).map((r) => r.created_at as string),
      record,
    };
    const input = post.decide(data);
    const { id, reasons } = prepare(input);
    const written = await send(`${inline(commentWrite(id, input, reasons).compile(db))};\ncommit`);
    client.release();
    return { input, outcome: writeOutcome(written[0]?.rows[0] as CommentRow | undefined, input) };
  } catch (error) {
    // After a failed statement the transaction is aborted; after a failed commit, over (then the
    // rollback only warns). A connection that cannot even roll back is discarded.
    try {
      await client.query('rollback');
      client.release();
    } catch (rollbackError) {
      client.release(rollbackError instanceof Error ? rollbackError : true);
    }
    throw error;
  }
}
