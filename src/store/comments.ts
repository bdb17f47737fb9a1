import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { CommentRowCache, CommentVersion, ReplyVersion } from './comment-rows.js';
import { prepared } from './compiled.js';
import type { Comment, CommentSort, CommentStatus } from '../domain/comment.js';
import {
  commentSettingKeys,
  isCommentMode,
  type CommentOverride,
} from '../domain/comment-settings.js';
import { newId } from '../domain/ids.js';
import type { Reason } from '../domain/moderation/types.js';
import type { StoreDialect } from './dialect.js';
import type * as BatchedPost from './postgres/comment-post.js';
import type { CommentRow } from './rows.js';
import type { Database } from './schema.js';
import type { CommentRevision } from '../domain/comment.js';
import type {
  CommentPageQuery,
  CommentStore,
  CommentTarget,
  NewComment,
  ReplyPageQuery,
  ScreenedPost,
  ViewerMarks,
} from './ports/comments.js';

/** A comment's moderation reasons as rows: one per code, details cut to 500 characters. */
export function reasonRows(commentId: string, reasons: readonly Reason[], at: string) {
  return [...new Map(reasons.map((r) => [r.code, r])).values()].map((r) => ({
    comment_id: commentId,
    code: r.code,
    detail: r.detail.slice(0, 500),
    created_at: at,
  }));
}

function overrideOf(row: {
  comments_mode: string | null;
  comments_auto_close_hours: number | string | null;
}): CommentOverride {
  const hours = row.comments_auto_close_hours;
  return {
    mode: isCommentMode(row.comments_mode) ? row.comments_mode : null,
    autoCloseHours: hours === null ? null : Number(hours),
  };
}

type CommentsEb = ExpressionBuilder<Database & { c: Database['comments'] }, 'c'>;

/** What public reads show: published comments, and deleted ones kept as placeholders. */
function isPublic(eb: CommentsEb) {
  return eb.or([
    eb('c.status', '=', 'published'),
    eb.and([eb('c.status', '=', 'deleted'), eb('c.placeholder', '=', 1)]),
  ]);
}

/** The columns of a `CommentRow`, by name: the page's reads skip the moderation columns. */
const commentColumns = [
  'c.id',
  'c.article_id',
  'c.parent_id',
  'c.root_id',
  'c.author_id',
  'c.guest_name',
  'c.body',
  'c.html',
  'c.status',
  'c.depth',
  'c.reaction_count',
  'c.created_at',
  'c.edited_at',
] as const;

function selectComments(db: Kysely<Database>) {
  return db
    .selectFrom('comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .select(commentColumns)
    .select(['u.name as author_name', 'u.slug as author_slug']);
}

/**
 * A sort, a kind of start and the limit. The limit is written into the SQL text, not passed as a
 * parameter: SQLite ran the replies' statement 2.5 times slower with `limit ?` (decision 0085).
 */
type TopLevelVariant = `${CommentSort}:${'first' | 'after' | 'from'}:${number}`;

/** A limit taken from a variant (never from a value), as SQL text. */
const literalLimit = (variant: string) =>
  sql.lit(Number(variant.slice(variant.lastIndexOf(':') + 1)));

/** What a page's read of comments selects to find the comments it holds (see comment-rows.ts). */
const versionColumns = [
  'c.id',
  'c.live_seq',
  'c.edited_at',
  'u.name as author_name',
  'u.slug as author_slug',
] as const;

/**
 * A page of top-level comments (the article page's hottest read), for one sort and kind of
 * start: the first page, after a cursor, or from a comment (inclusive). Without columns.
 */
function topLevelOf(
  db: Kysely<Database>,
  variant: TopLevelVariant,
  articleId: string,
  t: string | null,
  id: string | null,
  r: number | null,
) {
  const [sort, start] = variant.split(':') as [CommentSort, 'first' | 'after' | 'from'];
  const desc = sort !== 'oldest';
  const op = desc ? '<' : '>';
  let q = db
    .selectFrom('comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .where('c.article_id', '=', articleId)
    .where('c.parent_id', 'is', null)
    .where(isPublic);
  if (start !== 'first' && t !== null && id !== null) {
    const inclusive = start === 'from' ? (desc ? '<=' : '>=') : op;
    const byTime = (eb: CommentsEb) =>
      eb.or([
        eb('c.created_at', op, t),
        eb.and([eb('c.created_at', '=', t), eb('c.id', inclusive, id)]),
      ]);
    if (sort === 'reactions' && r !== null) {
      q = q.where((eb) =>
        eb.or([
          eb('c.reaction_count', '<', r),
          eb.and([eb('c.reaction_count', '=', r), byTime(eb)]),
        ]),
      );
    } else {
      q = q.where(byTime);
    }
  }
  if (sort === 'reactions') q = q.orderBy('c.reaction_count', 'desc');
  return q
    .orderBy('c.created_at', desc ? 'desc' : 'asc')
    .orderBy('c.id', desc ? 'desc' : 'asc')
    .limit(literalLimit(variant));
}

/** A page of top-level comments, compiled once per sort and kind of start. */
const topLevel = prepared(
  (db, variant: TopLevelVariant, ...args: [string, string | null, string | null, number | null]) =>
    topLevelOf(db, variant, ...args)
      .select(commentColumns)
      .select(['c.live_seq', 'u.name as author_name', 'u.slug as author_slug']),
);

/** The same page, ids and versions only. */
const topLevelVersions = prepared(
  (db, variant: TopLevelVariant, ...args: [string, string | null, string | null, number | null]) =>
    topLevelOf(db, variant, ...args).select(versionColumns),
);

/** One thread's first public replies, without columns. */
function repliesOf(db: Kysely<Database>, rootId: string, variant: string) {
  return db
    .selectFrom('comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .where('c.root_id', '=', rootId)
    .where('c.parent_id', 'is not', null)
    .where(isPublic)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(literalLimit(variant));
}

/** One thread's first public replies, for a LATERAL join to `comments as t` (the roots). */
function lateralRepliesOf(
  eb: ExpressionBuilder<Database & { t: Database['comments'] }, 't'>,
  variant: string,
) {
  return eb
    .selectFrom('comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .whereRef('c.root_id', '=', 't.id')
    .where('c.parent_id', 'is not', null)
    .where((e) => isPublic(e as unknown as CommentsEb))
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(literalLimit(variant));
}

type RepliesVariant = `${'union' | 'lateral'}:${number}`;

/**
 * The first public replies of several threads in one statement: one indexed, limited part per
 * thread (comments_root), joined by UNION ALL; each part is wrapped so that its ORDER BY and
 * LIMIT stay its own. On PostgreSQL, which plans every statement it is sent anew, planning the
 * 20 parts took longer than running them (4.6 ms): there one part is joined LATERAL to each root
 * (decision 0085).
 */
const firstRepliesOf = prepared((db, variant: RepliesVariant, rootIds: readonly string[]) => {
  if (variant.startsWith('lateral:')) {
    return db
      .selectFrom('comments as t')
      .innerJoinLateral(
        (eb) =>
          lateralRepliesOf(eb, variant)
            .select(commentColumns)
            .select(['c.live_seq', 'u.name as author_name', 'u.slug as author_slug'])
            .as('r'),
        (join) => join.onTrue(),
      )
      .selectAll('r')
      .where('t.id', 'in', rootIds);
  }
  const part = (rootId: string) =>
    db
      .selectFrom(
        repliesOf(db, rootId, variant)
          .select(commentColumns)
          .select(['c.live_seq', 'u.name as author_name', 'u.slug as author_slug'])
          .as('p'),
      )
      .selectAll();
  const [first, ...rest] = rootIds.map(part);
  return rest.reduce((q, next) => q.unionAll(next), first!);
});

/** A reply's version columns with its author (to check the author's name on a later read). */
const replyVersionColumns = [...versionColumns, 'c.author_id', 'c.root_id'] as const;

/** The same replies, ids, versions and authors only. */
const firstReplyVersionsOf = prepared((db, variant: RepliesVariant, rootIds: readonly string[]) => {
  if (variant.startsWith('lateral:')) {
    return db
      .selectFrom('comments as t')
      .innerJoinLateral(
        (eb) => lateralRepliesOf(eb, variant).select(replyVersionColumns).as('r'),
        (join) => join.onTrue(),
      )
      .selectAll('r')
      .where('t.id', 'in', rootIds);
  }
  const part = (rootId: string) =>
    db.selectFrom(repliesOf(db, rootId, variant).select(replyVersionColumns).as('p')).selectAll();
  const [first, ...rest] = rootIds.map(part);
  return rest.reduce((q, next) => q.unionAll(next), first!);
});

/** Changed comments a held read of replies takes at most; with more, it reads them all again. */
const changedCap = 64;

/**
 * What changed since a held read of an article's replies (decision 0093), in one statement: the
 * article's change number (kind `a`), the threads of its comments written after `since` (kind
 * `c`, at most `changedCap` + 1 of them) and the current names of the given authors (kind `u`),
 * which change in `users` without their comments. Indexed: `comments_article_live_seq`, keys.
 */
const changesOf = prepared(
  (db, _: '', articleId: string, since: number, authorIds: readonly string[]) =>
    db
      .selectFrom('articles as a')
      .select([
        sql<string>`'a'`.as('kind'),
        sql<string | null>`null`.as('id'),
        sql<number | null>`${sql.ref('a.comment_seq')}`.as('seq'),
        sql<string | null>`null`.as('name'),
        sql<string | null>`null`.as('slug'),
      ])
      .where('a.id', '=', articleId)
      .unionAll(
        db
          .selectFrom(
            db
              .selectFrom('comments as c')
              .select(['c.root_id', 'c.live_seq'])
              .where('c.article_id', '=', articleId)
              .where('c.live_seq', '>', since)
              .limit(sql.lit(changedCap + 1))
              .as('d'),
          )
          .select([
            sql<string>`'c'`.as('kind'),
            'd.root_id as id',
            'd.live_seq as seq',
            sql<string | null>`null`.as('name'),
            sql<string | null>`null`.as('slug'),
          ]),
      )
      .unionAll(
        db
          .selectFrom('users as u')
          .select([
            sql<string>`'u'`.as('kind'),
            'u.id as id',
            sql<number | null>`null`.as('seq'),
            'u.name as name',
            'u.slug as slug',
          ])
          .where('u.id', 'in', authorIds),
      ),
);

/**
 * Comments in full by id, public ones only, with their versions: what a page's read did not
 * hold. Lists are padded to a power of two (the last id repeated), so that a few shapes serve.
 */
const publicByIdsOf = prepared((db, _: '', ids: readonly string[]) =>
  selectComments(db).select('c.live_seq').where('c.id', 'in', ids).where(isPublic),
);

/** `ids` padded with its last to the next power of two (at least 1). */
function padded(ids: readonly string[]): readonly string[] {
  let n = 1;
  while (n < ids.length) n *= 2;
  if (n === ids.length) return ids;
  const out = ids.slice();
  while (out.length < n) out.push(ids[ids.length - 1]!);
  return out;
}

const byIdsOf = prepared((db, _: '', ids: readonly string[]) =>
  selectComments(db).where('c.id', 'in', ids),
);

const liveSeqOf = prepared((db, _: '', articleId: string) =>
  db.selectFrom('articles').select(['comment_seq', 'comment_count']).where('id', '=', articleId),
);

/**
 * What the first page of an article's comments starts from, in one statement (decision 0093): the
 * change number and published count (as `liveSeqOf`), the article's own comment settings and the
 * site's two comment defaults, which were three statements.
 */
const pageStateOf = prepared((db, _: '', articleId: string, modeKey: string, hoursKey: string) =>
  db
    .selectFrom('articles as a')
    .select((eb) => [
      'a.comment_seq',
      'a.comment_count',
      'a.comments_mode',
      'a.comments_auto_close_hours',
      eb.selectFrom('settings').select('value').where('key', '=', modeKey).as('site_mode'),
      eb.selectFrom('settings').select('value').where('key', '=', hoursKey).as('site_hours'),
    ])
    .where('a.id', '=', articleId),
);

const articleSettingsOf = prepared((db, _: '', articleId: string) =>
  db
    .selectFrom('articles')
    .select(['comments_mode', 'comments_auto_close_hours'])
    .where('id', '=', articleId),
);

/** A reader's marks on an article's comments: each part starts from their own rows (indexed). */
const viewerMarksOf = prepared((db, _: '', userId: string, articleId: string) =>
  db
    .selectFrom('comment_reactions as r')
    .innerJoin('comments as c', 'c.id', 'r.comment_id')
    .select([sql<string>`'r'`.as('kind'), 'r.comment_id as id'])
    .where('r.user_id', '=', userId)
    .where('c.article_id', '=', articleId)
    .unionAll(
      db
        .selectFrom('comment_reports as p')
        .innerJoin('comments as c', 'c.id', 'p.comment_id')
        .select([sql<string>`'p'`.as('kind'), 'p.comment_id as id'])
        .where('p.reporter_id', '=', userId)
        .where('c.article_id', '=', articleId),
    )
    .unionAll(
      db
        .selectFrom('comments as c')
        .select([sql<string>`'o'`.as('kind'), 'c.id as id'])
        .where('c.author_id', '=', userId)
        .where('c.article_id', '=', articleId)
        .where('c.status', 'in', ['pending', 'rejected']),
    ),
);

export class KyselyCommentStore implements CommentStore {
  /** The dialect's `createComment`, where it has one, writes a new comment in one statement. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Pick<
      StoreDialect,
      'createComment' | 'batchedTransaction' | 'lateralReplies'
    > = {
      createComment: null,
      batchedTransaction: null,
      lateralReplies: false,
    },
    /** Comments as last read (decision 0085), shared by every store of the database. */
    private readonly heldComments: CommentRowCache | null = null,
  ) {
    const batched = dialect.batchedTransaction;
    // Its own transaction on its own connection: never inside the caller's.
    if (batched && !db.isTransaction)
      this.postScreened = (plan) => this.postInBatches(batched, plan);
  }

  readonly postScreened?: CommentStore['postScreened'];

  /** `postScreened` where the dialect batches a transaction's statements (decisions/0094). */
  private async postInBatches(
    batched: NonNullable<StoreDialect['batchedTransaction']>,
    plan: ScreenedPost,
  ): Promise<{ comment: Comment; created: boolean }> {
    // Loaded only where batching is (PostgreSQL): a SQLite process does not carry pg (0083).
    const { postInBatches } = await (batchedPost ??= import('./postgres/comment-post.js'));
    const { input, outcome } = await batched((batch) =>
      postInBatches(this.db, batch, plan, {
        target: (row) => targetOf(row as unknown as TargetRow),
        reasons: (id, decided) => reasonRows(id, decided.reasons ?? [], decided.createdAt),
      }),
    );
    if (outcome.kind === 'created') return { comment: toComment(outcome.row), created: true };
    // The key was claimed by a post that has committed (the write waited for it): its comment.
    if (
      outcome.kind === 'key-taken' &&
      input.authorId !== null &&
      input.idempotencyKey !== undefined
    ) {
      const first = await this.byIdempotencyKey(input.authorId, input.idempotencyKey);
      if (first) return { comment: first, created: false };
    }
    throw new Error('parent comment vanished');
  }

  /** The held comments, outside a transaction (whose writes may yet be rolled back). */
  private heldRows(): CommentRowCache | null {
    return this.db.isTransaction ? null : this.heldComments;
  }

  /** Comments read in full (with their versions), kept when outside a transaction. */
  private keep(held: CommentRowCache | null, rows: (CommentRow & { live_seq: number })[]) {
    return rows.map((row) => {
      const comment = toComment(row);
      held?.put(comment, Number(row.live_seq), row.author_name, row.author_slug);
      return comment;
    });
  }

  /**
   * The comments of a page's read of versions, in its order: those held at that version from
   * `held`, the rest read in full (and kept). One that is no longer public by then is left out.
   */
  private async resolve(held: CommentRowCache, versions: CommentVersion[]): Promise<Comment[]> {
    const found = versions.map((v) => held.get(v));
    const missing: string[] = [];
    for (let i = 0; i < versions.length; i++) if (!found[i]) missing.push(versions[i]!.id);
    if (missing.length === 0) return found as Comment[];
    const rows = await publicByIdsOf.all(this.db, '', padded(missing));
    const read = new Map<string, Comment>();
    for (const row of rows) {
      if (read.has(row.id)) continue;
      const comment = toComment(row);
      held.put(comment, Number(row.live_seq), row.author_name, row.author_slug);
      read.set(row.id, comment);
    }
    const out: Comment[] = [];
    for (let i = 0; i < versions.length; i++) {
      const comment = found[i] ?? read.get(versions[i]!.id);
      if (comment) out.push(comment);
    }
    return out;
  }

  private select(db: Kysely<Database> = this.db) {
    return db
      .selectFrom('comments as c')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .selectAll('c')
      .select(['u.name as author_name', 'u.slug as author_slug']);
  }

  /** Runs work atomically: in the caller's transaction if there is one, else in a new one. */
  private atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  async create(input: NewComment) {
    const oneStatement = this.dialect.createComment;
    if (oneStatement) return this.createInOneStatement(oneStatement, input);
    return this.atomically(async (db) => {
      const id = newId(Date.parse(input.createdAt));
      if (input.idempotencyKey !== undefined && input.authorId !== null) {
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
          guest_name: input.authorId === null ? (input.guestName ?? 'Guest') : null,
          ...(input.placeholder ? { placeholder: 1 } : {}),
          body: input.body,
          html: input.html,
          status: input.status,
          depth: parent ? Number(parent.depth) + 1 : 0,
          created_at: input.createdAt,
          edited_at: null,
          client_address: input.clientAddress ?? null,
        })
        .execute();
      const reasons = reasonRows(id, input.reasons ?? [], input.createdAt);
      if (reasons.length) {
        await db.insertInto('comment_moderation_reasons').values(reasons).execute();
      }
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

  /** The same write as `create`'s, in one statement and round trip (decisions/0082). */
  private async createInOneStatement(
    write: NonNullable<StoreDialect['createComment']>,
    input: NewComment,
  ) {
    return this.atomically(async (db) => {
      const id = newId(Date.parse(input.createdAt));
      const reasons = reasonRows(id, input.reasons ?? [], input.createdAt);
      const outcome = await write(db, id, input, reasons);
      if (outcome.kind === 'created') return { comment: toComment(outcome.row), created: true };
      if (
        outcome.kind === 'key-taken' &&
        input.authorId !== null &&
        input.idempotencyKey !== undefined
      ) {
        const first = await this.byIdempotencyKeyIn(db, input.authorId, input.idempotencyKey);
        if (first) return { comment: first, created: false };
      }
      throw new Error('parent comment vanished');
    });
  }

  byId(id: string) {
    return this.byIdIn(this.db, id);
  }

  /**
   * A deleted comment is kept as a placeholder while a published reply is somewhere below it
   * (through other placeholders), as the thread shows it: once its replies are gone, so is it.
   */
  async keptAsPlaceholder(id: string) {
    const row = await this.db
      .selectFrom('comments')
      .select('placeholder')
      .where('id', '=', id)
      .where('status', '=', 'deleted')
      .executeTakeFirst();
    if (Number(row?.placeholder ?? 0) !== 1) return false;
    let below = [id];
    while (below.length > 0) {
      const replies = await this.db
        .selectFrom('comments as c')
        .select(['c.id', 'c.status'])
        .where('c.parent_id', 'in', below)
        .where(isPublic)
        .execute();
      if (replies.some((r) => r.status === 'published')) return true;
      below = replies.map((r) => r.id);
    }
    return false;
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
    const after = query.from
      ? { t: query.from.createdAt, id: query.from.id, r: query.from.reactionCount }
      : query.after;
    const start = !after ? 'first' : query.from ? 'from' : 'after';
    const r =
      query.sort === 'reactions' && after
        ? 'r' in after && after.r !== undefined
          ? after.r
          : 0
        : null;
    const args = [
      query.articleId,
      // Stored times are toISOString() output, and SQLite compares them as text.
      after ? new Date(after.t).toISOString() : null,
      after ? after.id : null,
      r,
    ] as const;
    const variant = `${query.sort}:${start}:${query.limit}` as const;
    const held = this.heldRows();
    if (held?.readBefore(`top ${query.articleId}`)) {
      const versions = await topLevelVersions.all(this.db, variant, ...args);
      return this.resolve(held, versions);
    }
    return this.keep(held, await topLevel.all(this.db, variant, ...args));
  }

  async liveSeq(articleId: string) {
    return (await this.liveState(articleId))?.seq ?? null;
  }

  async liveState(articleId: string) {
    const row = await liveSeqOf.first(this.db, '', articleId);
    return row ? { seq: Number(row.comment_seq), count: Number(row.comment_count) } : null;
  }

  async pageState(articleId: string) {
    const row = await pageStateOf.first(
      this.db,
      '',
      articleId,
      commentSettingKeys.mode,
      commentSettingKeys.autoCloseHours,
    );
    if (!row) return null;
    const site: Record<string, string> = {};
    if (row.site_mode !== null) site[commentSettingKeys.mode] = row.site_mode;
    if (row.site_hours !== null) site[commentSettingKeys.autoCloseHours] = row.site_hours;
    return {
      seq: Number(row.comment_seq),
      count: Number(row.comment_count),
      override: overrideOf(row),
      site,
    };
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

  async repliesPage(query: ReplyPageQuery) {
    let q = this.select()
      .where('c.root_id', '=', query.rootId)
      .where('c.parent_id', 'is not', null)
      .where(isPublic);
    if (query.after) {
      const t = new Date(query.after.t).toISOString();
      const { id } = query.after;
      q = q.where((eb) =>
        eb.or([
          eb('c.created_at', '>', t),
          eb.and([eb('c.created_at', '=', t), eb('c.id', query.inclusive ? '>=' : '>', id)]),
        ]),
      );
    }
    const rows = await q.orderBy('c.created_at').orderBy('c.id').limit(query.limit).execute();
    return rows.map(toComment);
  }

  async wasEverPublic(id: string) {
    const row = await this.db
      .selectFrom('comments')
      .select('first_public_seq')
      .where('id', '=', id)
      .executeTakeFirst();
    return row !== undefined && row.first_public_seq !== null;
  }

  async byIds(ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await byIdsOf.all(this.db, '', ids);
    return rows.map(toComment);
  }

  held() {
    const rows = this.heldComments;
    return {
      hits: rows?.hits ?? 0,
      misses: rows?.misses ?? 0,
      size: rows?.size ?? 0,
      threadsRead: rows?.threadsRead ?? 0,
      forget: (id?: string) => (id === undefined ? rows?.clear() : rows?.delete(id)),
    };
  }

  async firstReplies(rootIds: readonly string[], limit: number) {
    const byRoot = new Map<string, Comment[]>(rootIds.map((id) => [id, []]));
    if (rootIds.length === 0 || limit <= 0) return byRoot;
    // UNION ALL promises no order: each thread's replies are put back oldest first.
    const variant = `${this.dialect.lateralReplies ? 'lateral' : 'union'}:${limit}` as const;
    const held = this.heldRows();
    const article = held?.articleOf(rootIds[0]!);
    // The first read of an article's replies reads them in full (nothing is held yet).
    const rows =
      held && article !== undefined && held.readBefore(`replies ${article}`)
        ? await this.resolve(held, await this.replyVersions(held, article, variant, rootIds))
        : this.keep(held, await firstRepliesOf.all(this.db, variant, rootIds));
    rows.sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
    );
    for (const c of rows) byRoot.get(c.rootId)?.push(c);
    return byRoot;
  }

  /**
   * The first replies of threads as versions (decision 0093). The threads' versions are held by
   * article and limit at the article's change number: one statement gives the number now, the
   * threads of the comments written since and the held authors' names; only the threads read
   * for the first time or holding a changed comment are read again (after a new reply, one).
   * A change number lower than the held one (a restored database) or more than `changedCap`
   * changes read every thread again.
   */
  private async replyVersions(
    held: CommentRowCache,
    articleId: string,
    variant: RepliesVariant,
    rootIds: readonly string[],
  ): Promise<CommentVersion[]> {
    const key = `${articleId} ${variant}`;
    const before = held.threadsOf(key);
    const authors = new Set<string>();
    if (before) {
      for (const id of rootIds) {
        for (const v of before.roots.get(id) ?? [])
          if (v.author_id !== null) authors.add(v.author_id);
      }
    }
    const changes = await changesOf.all(
      this.db,
      '',
      articleId,
      before?.seq ?? 2_147_483_647,
      padded(authors.size > 0 ? [...authors] : ['']),
    );
    let seq: number | null = null;
    const changed = new Set<string>();
    let changedRows = 0;
    const names = new Map<string, { name: string | null; slug: string | null }>();
    for (const row of changes) {
      if (row.kind === 'a') seq = Number(row.seq);
      else if (row.kind === 'c') {
        changedRows++;
        if (row.id !== null) changed.add(row.id);
      } else if (row.id !== null) names.set(row.id, { name: row.name, slug: row.slug });
    }
    const again =
      before === undefined || seq === null || seq < before.seq || changedRows > changedCap;
    const toRead = again
      ? rootIds
      : rootIds.filter((id) => changed.has(id) || !before.roots.has(id));
    held.threadsRead += toRead.length;
    const read =
      toRead.length > 0
        ? ((await firstReplyVersionsOf.all(this.db, variant, toRead)) as ReplyVersion[])
        : [];
    const roots = new Map<string, ReplyVersion[]>(again || !before ? [] : before.roots);
    for (const id of toRead) roots.set(id, []);
    for (const v of read) roots.get(v.root_id)?.push(v);
    const out: CommentVersion[] = [];
    for (const id of rootIds) {
      const versions = roots.get(id) ?? [];
      if (!toRead.includes(id)) {
        // Kept: with the authors' names as they are now.
        for (const v of versions) {
          const now = v.author_id === null ? undefined : names.get(v.author_id);
          if (now !== undefined) {
            v.author_name = now.name;
            v.author_slug = now.slug;
          }
        }
      }
      out.push(...versions);
    }
    if (seq !== null) held.keepThreads(key, { seq, roots });
    return out;
  }

  async ancestors(commentId: string) {
    // One primary-key lookup per level; threads deeper than a few hundred levels do not occur,
    // and a cap keeps a corrupt cycle from looping.
    const chain: Comment[] = [];
    let current = await this.byId(commentId);
    for (let i = 0; current?.parentId && i < 1000; i++) {
      current = await this.byId(current.parentId);
      if (current) chain.unshift(current);
    }
    return chain;
  }

  /** The comment as it is after a change, read inside the change's transaction. */
  private async changed(db: Kysely<Database>, id: string): Promise<Comment> {
    const comment = await this.byIdIn(db, id);
    if (!comment) throw new Error('comment vanished during a change');
    return comment;
  }

  /**
   * Runs a read-then-write change that only writes if the row is still as it was read (checked
   * by the update itself); if another change came between, the whole transaction runs again on
   * the new row. No lock-taking dummy updates: every update of a comment is a live change.
   */
  private async retrying<T>(work: (db: Kysely<Database>) => Promise<T | typeof stale>) {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const result = await this.atomically(async (db) => {
          const value = await work(db);
          // Leaving by exception rolls back what the attempt wrote before it found the row moved.
          if (value === stale) throw new StaleRow();
          return value;
        });
        return result;
      } catch (error) {
        if (!(error instanceof StaleRow) || this.db.isTransaction) throw error;
      }
    }
    throw new Error('a comment kept changing under a concurrent write');
  }

  async edit(input: {
    id: string;
    body: string;
    html: string;
    at: string;
    status?: CommentStatus;
  }) {
    return this.retrying(async (db) => {
      const row = await db
        .selectFrom('comments')
        .selectAll()
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (!row) throw new Error('comment to edit is missing');
      await db
        .insertInto('comment_revisions')
        .values({
          id: newId(Date.parse(input.at)),
          comment_id: input.id,
          body: row.body,
          html: row.html,
          written_at: row.edited_at ?? row.created_at,
          replaced_at: input.at,
        })
        .execute();
      const status = input.status ?? (row.status as CommentStatus);
      const updated = await db
        .updateTable('comments')
        .set({ body: input.body, html: input.html, edited_at: input.at, status })
        .where('id', '=', input.id)
        .where('status', '=', row.status)
        .where('body', '=', row.body)
        .where('edited_at', row.edited_at === null ? 'is' : '=', row.edited_at)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return stale;
      const delta = countDelta(row.status, status);
      if (delta !== 0) await this.addToCount(db, row.article_id, delta);
      return this.changed(db, input.id);
    });
  }

  async revisions(commentId: string): Promise<CommentRevision[]> {
    const rows = await this.db
      .selectFrom('comment_revisions')
      .selectAll()
      .where('comment_id', '=', commentId)
      .orderBy('written_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      body: r.body,
      html: r.html,
      writtenAt: r.written_at,
      replacedAt: r.replaced_at,
    }));
  }

  async delete(input: { id: string; at: string }) {
    return this.retrying(async (db) => {
      const row = await db
        .selectFrom('comments')
        .select(['status', 'article_id'])
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (!row) throw new Error('comment to delete is missing');
      if (row.status === 'deleted') return this.changed(db, input.id);
      // Replies that are or may become public keep a placeholder in their place.
      const reply = await db
        .selectFrom('comments as c')
        .select('c.id')
        .where('c.parent_id', '=', input.id)
        .where((eb) => eb.or([isPublic(eb), eb('c.status', '=', 'pending')]))
        .limit(1)
        .executeTakeFirst();
      const updated = await db
        .updateTable('comments')
        .set({
          status: 'deleted',
          placeholder: reply ? 1 : 0,
          body: '',
          html: '',
          reaction_count: 0,
        })
        .where('id', '=', input.id)
        .where('status', '=', row.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return stale;
      await db.deleteFrom('comment_revisions').where('comment_id', '=', input.id).execute();
      await db.deleteFrom('comment_reactions').where('comment_id', '=', input.id).execute();
      const delta = countDelta(row.status, 'deleted');
      if (delta !== 0) await this.addToCount(db, row.article_id, delta);
      return this.changed(db, input.id);
    });
  }

  private async addToCount(db: Kysely<Database>, articleId: string, delta: number) {
    await db
      .updateTable('articles')
      .set((eb) => ({ comment_count: eb('comment_count', '+', delta) }))
      .where('id', '=', articleId)
      .execute();
  }

  async react(input: { commentId: string; userId: string; on?: boolean | undefined; at: string }) {
    return this.atomically(async (db) => {
      const existing = await db
        .selectFrom('comment_reactions')
        .select('user_id')
        .where('comment_id', '=', input.commentId)
        .where('user_id', '=', input.userId)
        .executeTakeFirst();
      const on = input.on ?? !existing;
      // The primary key decides under concurrent clicks: only the insert or delete that actually
      // changed a row moves the count, in the same transaction.
      let changed = false;
      if (on) {
        const result = await db
          .insertInto('comment_reactions')
          .values({ comment_id: input.commentId, user_id: input.userId, created_at: input.at })
          .onConflict((oc) => oc.columns(['comment_id', 'user_id']).doNothing())
          .executeTakeFirst();
        changed = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      } else {
        const result = await db
          .deleteFrom('comment_reactions')
          .where('comment_id', '=', input.commentId)
          .where('user_id', '=', input.userId)
          .executeTakeFirst();
        changed = Number(result.numDeletedRows) > 0;
      }
      if (changed) {
        await db
          .updateTable('comments')
          .set((eb) => ({ reaction_count: eb('reaction_count', on ? '+' : '-', 1) }))
          .where('id', '=', input.commentId)
          .execute();
      }
      return { comment: await this.changed(db, input.commentId), reacted: on, changed };
    });
  }

  async reactedBy(userId: string, commentIds: readonly string[]) {
    if (commentIds.length === 0) return new Set<string>();
    const rows = await this.db
      .selectFrom('comment_reactions')
      .select('comment_id')
      .where('user_id', '=', userId)
      .where('comment_id', 'in', commentIds)
      .execute();
    return new Set(rows.map((r) => r.comment_id));
  }

  async reportedBy(userId: string, commentIds: readonly string[]) {
    if (commentIds.length === 0) return new Set<string>();
    const rows = await this.db
      .selectFrom('comment_reports')
      .select('comment_id')
      .where('reporter_id', '=', userId)
      .where('comment_id', 'in', commentIds)
      .execute();
    return new Set(rows.map((r) => r.comment_id));
  }

  async articleSettings(articleId: string): Promise<CommentOverride | null> {
    const row = await articleSettingsOf.first(this.db, '', articleId);
    return row ? overrideOf(row) : null;
  }

  async commentTarget(idOrSlug: string): Promise<CommentTarget | null> {
    const target = (column: 'id' | 'slug') =>
      this.db
        .selectFrom('articles')
        .select(['id', 'status', 'published_at', 'comments_mode', 'comments_auto_close_hours'])
        .where(column, '=', idOrSlug)
        .executeTakeFirst();
    const row = (await target('id')) ?? (await target('slug'));
    return row ? targetOf(row) : null;
  }

  async setArticleSettings(articleId: string, settings: CommentOverride) {
    await this.db
      .updateTable('articles')
      .set({
        comments_mode: settings.mode,
        comments_auto_close_hours: settings.autoCloseHours,
      })
      .where('id', '=', articleId)
      .execute();
  }

  async viewerMarks(userId: string, articleId: string): Promise<ViewerMarks> {
    // Every signed-in page view runs it: compiled once (decision 0084).
    const rows = await viewerMarksOf.all(this.db, '', userId, articleId);
    const marks: ViewerMarks = { reacted: new Set(), reported: new Set(), unpublished: false };
    for (const row of rows) {
      if (row.kind === 'r') marks.reacted.add(row.id);
      else if (row.kind === 'p') marks.reported.add(row.id);
      else marks.unpublished = true;
    }
    return marks;
  }
}

const stale = Symbol('stale');
class StaleRow extends Error {}

/** How a status change moves the article's count of published comments. */
function countDelta(from: string, to: string): number {
  return (to === 'published' ? 1 : 0) - (from === 'published' ? 1 : 0);
}

export type { CommentRow };

let batchedPost: Promise<typeof BatchedPost> | undefined;

interface TargetRow {
  id: string;
  status: string;
  published_at: string | null;
  comments_mode: string | null;
  comments_auto_close_hours: number | null;
}

/** What posting needs of an article (`commentTarget`, `postScreened`). */
function targetOf(row: TargetRow): CommentTarget {
  return {
    id: row.id,
    status: row.status,
    publishedAt: row.published_at,
    settings: overrideOf(row),
  };
}

export function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    rootId: row.root_id,
    author:
      row.author_id === null
        ? { id: null, name: row.guest_name ?? 'Guest', slug: null }
        : { id: row.author_id, name: row.author_name ?? '', slug: row.author_slug },
    body: row.body,
    html: row.html,
    status: row.status as CommentStatus,
    depth: Number(row.depth),
    reactionCount: Number(row.reaction_count),
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}
