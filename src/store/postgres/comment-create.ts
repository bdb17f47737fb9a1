/**
 * A new comment on PostgreSQL in one statement (decisions/0082-postgres-comment-writes.md).
 *
 * The portable write (store/comments.ts) takes five to six round trips: claim the
 * Idempotency-Key, read the parent, insert the comment, its moderation reasons, add one to the
 * article's count, read the row back. The insert's trigger (comments_live_stamp) locks the
 * article's row until the commit, so every comment on one article waits for the one before it
 * to finish its remaining round trips and its commit: under load each round trip also waits its
 * turn on the event loop, and a busy article's writes were held to about 300/s. Here the key,
 * the comment, its reasons, the article's count and the row read back are one statement with
 * data-modifying WITH clauses: the row lock is held for the commit alone. The count is added by
 * the insert's own trigger, in the update of the article's row it makes anyway (a statement
 * cannot update a row its trigger updated): the insert names its comment in
 * `broadsheet.count_comment` for the transaction (migration 0038).
 *
 * The same rules as the portable write: the key is claimed first (a post racing with the same key
 * waits on the key's primary key, then inserts nothing); the parent must still exist; the count
 * moves only for a published comment. Nothing is written unless the comment is.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { NewComment } from '../ports/comments.js';
import type { CommentRow } from '../rows.js';
import type { CommentCreateOutcome } from '../dialect.js';
import type { Database } from '../schema.js';

export async function createCommentPostgres(
  db: Kysely<Database>,
  id: string,
  input: NewComment,
  reasons: readonly { code: string; detail: string }[],
): Promise<CommentCreateOutcome> {
  const result = await commentWrite(id, input, reasons).execute(db);
  return writeOutcome(result.rows[0], input);
}

/** The one statement (also sent by comment-post.ts, with its commit). */
export function commentWrite(
  id: string,
  input: NewComment,
  reasons: readonly { code: string; detail: string }[],
): RawBuilder<CommentRow> {
  const withKey = input.idempotencyKey !== undefined && input.authorId !== null;
  const parentId = input.parentId ?? null;
  // Each guard is plain SQL chosen here, so no parameter's type is left for the server to guess.
  const parentExists = parentId === null ? sql`true` : sql`exists (select 1 from parent)`;
  const claim: RawBuilder<unknown> = withKey
    ? sql`claimed as (
        insert into comment_idempotency_keys (author_id, key, comment_id, created_at)
        select ${input.authorId}::text, ${input.idempotencyKey}::text, ${id}::text,
          ${input.createdAt}::timestamptz
        where ${parentExists}
        on conflict (author_id, key) do nothing
        returning comment_id
      ),`
    : sql``;
  const claimedGuard = withKey ? sql`and exists (select 1 from claimed)` : sql``;
  const reasonInsert = reasons.length
    ? sql`, reasons as (
        insert into comment_moderation_reasons (comment_id, code, detail, created_at)
        select i.id, r.code, r.detail, i.created_at
        from inserted i,
          unnest(${reasons.map((r) => r.code)}::text[], ${reasons.map((r) => r.detail)}::text[])
            as r(code, detail)
      )`
    : sql``;
  return sql<CommentRow>`
    with parent as (
      select root_id, depth from comments where id = ${parentId}::text
    ),
    ${claim}
    inserted as (
      insert into comments (id, article_id, parent_id, root_id, author_id, guest_name, placeholder,
        body, html, status, depth, created_at, edited_at, client_address)
      select ${id}::text, ${input.articleId}::text, ${parentId}::text,
        coalesce((select root_id from parent), ${id}::text), ${input.authorId}::text,
        ${input.authorId === null ? (input.guestName ?? 'Guest') : null}::text,
        ${input.placeholder ? 1 : 0}::integer, ${input.body}::text, ${input.html}::text,
        ${input.status}::text, coalesce((select depth + 1 from parent), 0),
        ${input.createdAt}::timestamptz, null, ${input.clientAddress ?? null}::text
      where ${parentExists} ${claimedGuard}
        and set_config('broadsheet.count_comment', ${id}::text, true) is not null
      returning *
    )${reasonInsert}
    select c.*, u.name as author_name, u.slug as author_slug
    from inserted c left join users u on u.id = c.author_id
  `;
}

/** What the write did, from the row it returned (if any). */
export function writeOutcome(row: CommentRow | undefined, input: NewComment): CommentCreateOutcome {
  if (row) return { kind: 'created', row };
  // Nothing written: the key was taken (the caller reads the first comment), or the parent is
  // gone (then the key was not claimed either).
  const withKey = input.idempotencyKey !== undefined && input.authorId !== null;
  return withKey ? { kind: 'key-taken' } : { kind: 'no-parent' };
}
