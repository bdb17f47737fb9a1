import type { Kysely } from 'kysely';
import type { Comment, CommentStatus } from '../domain/comment.js';
import { newId } from '../domain/ids.js';
import type { Database } from './schema.js';
import type { CommentPageQuery, CommentStore, NewComment } from './types.js';

export class KyselyCommentStore implements CommentStore {
  constructor(private readonly db: Kysely<Database>) {}

  private select(db: Kysely<Database> = this.db) {
    return db
      .selectFrom('comments as c')
      .innerJoin('users as u', 'u.id', 'c.author_id')
      .selectAll('c')
      .select(['u.name as author_name', 'u.slug as author_slug']);
  }

  /** Runs work atomically: in the caller's transaction if there is one, else in a new one. */
  private atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  async create(input: NewComment) {
    return this.atomically(async (db) => {
      const id = newId(Date.parse(input.createdAt));
      if (input.idempotencyKey !== undefined) {
        // Claim the key first: a concurrent post with the same key waits here (PostgreSQL) or
        // behind the write lock (SQLite), then finds the first comment instead of making one.
        const claimed = await db
          .insertInto('comment_idempotency_keys')
          .values({
            author_id: input.authorId,
            key: input.idempotencyKey,
            comment_id: id,
            created_at: input.createdAt,
          })
          .onConflict((oc) => oc.columns(['author_id', 'key']).doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
          const first = await this.byIdempotencyKeyIn(db, input.authorId, input.idempotencyKey);
          if (first) return { comment: first, created: false };
          throw new Error('idempotency key claimed but its comment is missing');
        }
      }
      const parent = input.parentId
        ? await db
            .selectFrom('comments')
            .select(['root_id', 'depth'])
            .where('id', '=', input.parentId)
            .executeTakeFirst()
        : undefined;
      if (input.parentId && !parent) throw new Error('parent comment vanished');
      await db
        .insertInto('comments')
        .values({
          id,
          article_id: input.articleId,
          parent_id: input.parentId,
          root_id: parent ? parent.root_id : id,
          author_id: input.authorId,
          body: input.body,
          html: input.html,
          status: input.status,
          depth: parent ? Number(parent.depth) + 1 : 0,
          created_at: input.createdAt,
          edited_at: null,
        })
        .execute();
      if (input.status === 'published') {
        await db
          .updateTable('articles')
          .set((eb) => ({ comment_count: eb('comment_count', '+', 1) }))
          .where('id', '=', input.articleId)
          .execute();
      }
      const created = await this.byIdIn(db, id);
      if (!created) throw new Error('comment vanished after insert');
      return { comment: created, created: true };
    });
  }

  byId(id: string) {
    return this.byIdIn(this.db, id);
  }

  private async byIdIn(db: Kysely<Database>, id: string): Promise<Comment | null> {
    const row = await this.select(db).where('c.id', '=', id).executeTakeFirst();
    return row ? toComment(row) : null;
  }

  byIdempotencyKey(authorId: string, key: string) {
    return this.byIdempotencyKeyIn(this.db, authorId, key);
  }

  private async byIdempotencyKeyIn(
    db: Kysely<Database>,
    authorId: string,
    key: string,
  ): Promise<Comment | null> {
    const row = await db
      .selectFrom('comment_idempotency_keys')
      .select('comment_id')
      .where('author_id', '=', authorId)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? this.byIdIn(db, row.comment_id) : null;
  }

  async topLevelPage(query: CommentPageQuery) {
    const desc = query.sort === 'newest';
    let q = this.select()
      .where('c.article_id', '=', query.articleId)
      .where('c.status', '=', 'published')
      .where('c.parent_id', 'is', null);
    if (query.after) {
      // Stored times are toISOString() output, and SQLite compares them as text.
      const t = new Date(query.after.t).toISOString();
      const { id } = query.after;
      const op = desc ? '<' : '>';
      q = q.where((eb) =>
        eb.or([
          eb('c.created_at', op, t),
          eb.and([eb('c.created_at', '=', t), eb('c.id', op, id)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('c.created_at', desc ? 'desc' : 'asc')
      .orderBy('c.id', desc ? 'desc' : 'asc')
      .limit(query.limit)
      .execute();
    return rows.map(toComment);
  }

  async liveSeq(articleId: string) {
    const row = await this.db
      .selectFrom('articles')
      .select('comment_seq')
      .where('id', '=', articleId)
      .executeTakeFirst();
    return row ? Number(row.comment_seq) : null;
  }

  async changesSince(articleId: string, afterSeq: number, limit: number) {
    // One indexed query, with the article's published count beside every row.
    const rows = await this.select()
      .innerJoin('articles as a', 'a.id', 'c.article_id')
      .select(['c.live_seq', 'c.first_public_seq', 'a.comment_count'])
      .where('c.article_id', '=', articleId)
      .where('c.live_seq', '>', afterSeq)
      .orderBy('c.live_seq')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      seq: Number(row.live_seq),
      firstPublicSeq: row.first_public_seq === null ? null : Number(row.first_public_seq),
      commentCount: Number(row.comment_count),
      comment: toComment(row),
    }));
  }

  async publishedReplies(rootIds: readonly string[]) {
    if (rootIds.length === 0) return [];
    const rows = await this.select()
      .where('c.root_id', 'in', rootIds)
      .where('c.parent_id', 'is not', null)
      .where('c.status', '=', 'published')
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    return rows.map(toComment);
  }
}

export interface CommentRow {
  id: string;
  article_id: string;
  parent_id: string | null;
  root_id: string;
  author_id: string;
  author_name: string;
  author_slug: string;
  body: string;
  html: string;
  status: string;
  depth: number;
  reaction_count: number;
  created_at: string;
  edited_at: string | null;
}

export function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    rootId: row.root_id,
    author: { id: row.author_id, name: row.author_name, slug: row.author_slug },
    body: row.body,
    html: row.html,
    status: row.status as CommentStatus,
    depth: Number(row.depth),
    reactionCount: Number(row.reaction_count),
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}
