/**
 * Moderation data: reasons stored with comments, status changes that keep the article's count
 * right, reports, featured comments, and the append-only log of moderator actions.
 */
import { sql, type Kysely } from 'kysely';
import { articlePath } from '../domain/article.js';
import type { Comment, CommentStatus } from '../domain/comment.js';
import { newId } from '../domain/ids.js';
import { staffRoles } from '../domain/user.js';
import type { ReportReason } from '../domain/moderation/reports.js';
import { reasonCodes, type Reason, type ReasonCode } from '../domain/moderation/types.js';
import { reasonRows, toComment, type CommentRow } from './comments.js';
import { prepared } from './compiled.js';
import type { Database } from './schema.js';
import type {
  ModerationAction,
  ModerationLogEntry,
  ModerationLogQuery,
} from '../domain/moderation/log.js';
import type {
  CommentReport,
  ModeratedComment,
  QueueCounts,
  QueueQuery,
} from '../domain/moderation/queue.js';
import type { ModerationStore } from './ports/moderation.js';

type ModeratedRow = CommentRow & {
  featured_at: string | null;
  rejection_reason: string;
  open_reports: number | string | bigint;
};

/** An article's featured comments, newest featured first (the Featured strip). */
const featuredOf = prepared((db, _: '', articleId: string, limit: number) =>
  db
    .selectFrom('comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .selectAll('c')
    .select((eb) => [
      'u.name as author_name',
      'u.slug as author_slug',
      eb
        .selectFrom('comment_reports as r')
        .select(eb.fn.countAll().as('n'))
        .whereRef('r.comment_id', '=', 'c.id')
        .where('r.resolved_at', 'is', null)
        .as('open_reports'),
    ])
    .where('c.article_id', '=', articleId)
    .where('c.status', '=', 'published')
    .where('c.featured_at', 'is not', null)
    .orderBy('c.featured_at', 'desc')
    .limit(limit),
);

export class KyselyModerationStore implements ModerationStore {
  constructor(private readonly db: Kysely<Database>) {}

  private atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  private select(db: Kysely<Database> = this.db) {
    return db
      .selectFrom('comments as c')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .selectAll('c')
      .select((eb) => [
        'u.name as author_name',
        'u.slug as author_slug',
        eb
          .selectFrom('comment_reports as r')
          .select(eb.fn.countAll().as('n'))
          .whereRef('r.comment_id', '=', 'c.id')
          .where('r.resolved_at', 'is', null)
          .as('open_reports'),
      ]);
  }

  private async withReasons(rows: ModeratedRow[]): Promise<ModeratedComment[]> {
    const ids = rows.map((r) => r.id);
    const reasons = new Map<string, Reason[]>();
    if (ids.length) {
      const found = await this.db
        .selectFrom('comment_moderation_reasons')
        .select(['comment_id', 'code', 'detail'])
        .where('comment_id', 'in', ids)
        .orderBy('created_at')
        .orderBy('code')
        .execute();
      for (const r of found) {
        const list = reasons.get(r.comment_id) ?? [];
        list.push({ code: r.code as ReasonCode, detail: r.detail });
        reasons.set(r.comment_id, list);
      }
    }
    // In the pipeline's order (the order of the codes), not the order they were stored in.
    const rank = (code: string) => (reasonCodes as readonly string[]).indexOf(code);
    return rows.map((row) => ({
      ...toComment(row),
      reasons: (reasons.get(row.id) ?? []).sort((a, b) => rank(a.code) - rank(b.code)),
      featuredAt: row.featured_at,
      rejectionReason: row.rejection_reason,
      openReports: Number(row.open_reports ?? 0),
    }));
  }

  async recentByAuthor(authorId: string, since: string, limit: number) {
    const rows = await this.db
      .selectFrom('comments')
      .select(['article_id', 'body', 'created_at'])
      .where('author_id', '=', authorId)
      .where('created_at', '>=', since)
      .where('status', '!=', 'deleted')
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ articleId: r.article_id, body: r.body, createdAt: r.created_at }));
  }

  async createdFromAddress(address: string, since: string, limit = 10_000) {
    // Staff posts are not counted: readers behind the newsroom's own address are not limited
    // by what the newsroom wrote.
    const rows = await this.db
      .selectFrom('comments as c')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .select('c.created_at')
      .where('c.client_address', '=', address)
      .where('c.created_at', '>=', since)
      .where((eb) => eb.or([eb('u.role', 'is', null), eb('u.role', 'not in', [...staffRoles])]))
      .orderBy('c.created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.created_at);
  }

  async records(authorIds: readonly string[]) {
    const out = new Map<string, { approved: number; rejected: number }>();
    for (const id of authorIds) out.set(id, { approved: 0, rejected: 0 });
    if (authorIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('comments')
      .select((eb) => ['author_id', 'status', eb.fn.countAll().as('n')])
      .where('author_id', 'in', authorIds)
      .where('status', 'in', ['published', 'rejected'])
      .groupBy(['author_id', 'status'])
      .execute();
    for (const r of rows) {
      const record = r.author_id === null ? undefined : out.get(r.author_id);
      if (!record) continue;
      if (r.status === 'published') record.approved = Number(r.n);
      else record.rejected = Number(r.n);
    }
    return out;
  }

  async annotate(
    commentId: string,
    input: { reasons: readonly Reason[]; at: string; clientAddress?: string | null },
  ) {
    await this.atomically(async (db) => {
      await db
        .deleteFrom('comment_moderation_reasons')
        .where('comment_id', '=', commentId)
        .execute();
      const rows = reasonRows(commentId, input.reasons, input.at);
      if (rows.length) await db.insertInto('comment_moderation_reasons').values(rows).execute();
      if (input.clientAddress !== undefined) {
        await db
          .updateTable('comments')
          .set({ client_address: input.clientAddress })
          .where('id', '=', commentId)
          .execute();
      }
    });
  }

  async setStatus(commentId: string, status: CommentStatus, rejectionReason = '') {
    return this.atomically(async (db) => {
      const row = await db
        .selectFrom('comments')
        .select(['status', 'article_id'])
        .where('id', '=', commentId)
        .executeTakeFirst();
      if (!row) return null;
      const before = row.status as CommentStatus;
      // Guarded by the status read above, so two moderators deciding at once count once.
      const changed = await db
        .updateTable('comments')
        .set({
          status,
          rejection_reason: status === 'rejected' ? rejectionReason.slice(0, 500) : '',
        })
        .where('id', '=', commentId)
        .where('status', '=', before)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) return before;
      const delta = (status === 'published' ? 1 : 0) - (before === 'published' ? 1 : 0);
      if (delta !== 0) {
        await db
          .updateTable('articles')
          .set((eb) => ({ comment_count: eb('comment_count', '+', delta) }))
          .where('id', '=', row.article_id)
          .execute();
      }
      return before;
    });
  }

  async setFeatured(commentId: string, at: string | null) {
    await this.db
      .updateTable('comments')
      .set({ featured_at: at })
      .where('id', '=', commentId)
      .execute();
  }

  async moderated(commentId: string) {
    const rows = await this.select().where('c.id', '=', commentId).execute();
    return (await this.withReasons(rows as ModeratedRow[]))[0] ?? null;
  }

  async queue(query: QueueQuery) {
    let q = this.select();
    switch (query.tab) {
      case 'pending':
        q = q.where('c.status', '=', 'pending');
        break;
      case 'reported':
        q = q
          .where('c.status', 'in', ['published', 'pending'])
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('comment_reports as r')
                .select('r.id')
                .whereRef('r.comment_id', '=', 'c.id')
                .where('r.resolved_at', 'is', null),
            ),
          );
        break;
      case 'rejected':
        q = q.where('c.status', '=', 'rejected');
        break;
      case 'approved':
        q = q.where('c.status', '=', 'published');
        break;
      case 'all':
        q = q.where('c.status', '!=', 'deleted');
        break;
    }
    if (query.articleId) q = q.where('c.article_id', '=', query.articleId);
    if (query.reason) {
      const code = query.reason;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('comment_moderation_reasons as m')
            .select('m.comment_id')
            .whereRef('m.comment_id', '=', 'c.id')
            .where('m.code', '=', code),
        ),
      );
    }
    // Waiting comments oldest first (first come, first decided); the rest newest first.
    const direction = query.tab === 'pending' ? 'asc' : 'desc';
    const rows = await q
      .orderBy('c.created_at', direction)
      .orderBy('c.id', direction)
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return this.withReasons(rows as ModeratedRow[]);
  }

  async queueCounts(articleId?: string): Promise<QueueCounts> {
    let byStatus = this.db
      .selectFrom('comments')
      .select((eb) => ['status', eb.fn.countAll().as('n')])
      .where('status', '!=', 'deleted')
      .groupBy('status');
    let reported = this.db
      .selectFrom('comments as c')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('c.status', 'in', ['published', 'pending'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('comment_reports as r')
            .select('r.id')
            .whereRef('r.comment_id', '=', 'c.id')
            .where('r.resolved_at', 'is', null),
        ),
      );
    if (articleId) {
      byStatus = byStatus.where('article_id', '=', articleId);
      reported = reported.where('c.article_id', '=', articleId);
    }
    const [rows, open] = await Promise.all([
      byStatus.execute(),
      reported.executeTakeFirstOrThrow(),
    ]);
    const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return {
      pending: of('pending'),
      reported: Number(open.n),
      rejected: of('rejected'),
      approved: of('published'),
      all: rows.reduce((sum, r) => sum + Number(r.n), 0),
    };
  }

  async featured(articleId: string, limit: number): Promise<Comment[]> {
    // Read on every article page's miss: compiled once (decisions/0054, 0080).
    const rows = await featuredOf.all(this.db, '', articleId, limit);
    return rows.map(toComment);
  }

  async ownUnpublished(articleId: string, authorId: string) {
    const rows = await this.select()
      .where('c.article_id', '=', articleId)
      .where('c.author_id', '=', authorId)
      .where('c.status', 'in', ['pending', 'rejected'])
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(100)
      .execute();
    return this.withReasons(rows as ModeratedRow[]);
  }

  async addReport(input: {
    commentId: string;
    reporterId: string;
    reason: ReportReason;
    text: string;
    createdAt: string;
  }) {
    return this.atomically(async (db) => {
      const inserted = await db
        .insertInto('comment_reports')
        .values({
          id: newId(Date.parse(input.createdAt)),
          comment_id: input.commentId,
          reporter_id: input.reporterId,
          reason: input.reason,
          text: input.text.slice(0, 1000),
          created_at: input.createdAt,
          resolved_at: null,
        })
        .onConflict((oc) => oc.columns(['comment_id', 'reporter_id']).doNothing())
        .executeTakeFirst();
      const open = await db
        .selectFrom('comment_reports')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('comment_id', '=', input.commentId)
        .where('resolved_at', 'is', null)
        .executeTakeFirstOrThrow();
      return {
        created: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0,
        openReports: Number(open.n),
      };
    });
  }

  async reportsFor(commentIds: readonly string[]): Promise<CommentReport[]> {
    if (commentIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('comment_reports as r')
      .innerJoin('users as u', 'u.id', 'r.reporter_id')
      .selectAll('r')
      .select('u.name as reporter_name')
      .where('r.comment_id', 'in', commentIds)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      commentId: r.comment_id,
      reporter: { id: r.reporter_id, name: r.reporter_name },
      reason: r.reason as ReportReason,
      text: r.text,
      createdAt: r.created_at,
      resolvedAt: r.resolved_at,
    }));
  }

  async resolveReports(commentId: string, at: string) {
    await this.db
      .updateTable('comment_reports')
      .set({ resolved_at: at })
      .where('comment_id', '=', commentId)
      .where('resolved_at', 'is', null)
      .execute();
  }

  async logAction(entry: Omit<ModerationLogEntry, 'id'> & { id?: string }) {
    const id = entry.id ?? newId(Date.parse(entry.createdAt));
    await this.db
      .insertInto('moderation_actions')
      .values({
        id,
        created_at: entry.createdAt,
        actor_id: entry.actor.id,
        actor_name: entry.actor.name,
        action: entry.action,
        comment_id: entry.commentId,
        article_id: entry.articleId,
        target_user_id: entry.target?.id ?? null,
        target_name: entry.target?.name ?? '',
        reason: entry.reason.slice(0, 1000),
      })
      .execute();
    return id;
  }

  async log(query: ModerationLogQuery) {
    let q = this.db.selectFrom('moderation_actions as m').selectAll('m');
    if (query.actorId) q = q.where('m.actor_id', '=', query.actorId);
    if (query.action) q = q.where('m.action', '=', query.action);
    if (query.targetUserId) q = q.where('m.target_user_id', '=', query.targetUserId);
    if (query.commentId) q = q.where('m.comment_id', '=', query.commentId);
    if (query.name) {
      const like = `%${query.name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(m.actor_name)`, 'like', sql`${like} escape '\\'`),
          eb(sql`lower(m.target_name)`, 'like', sql`${like} escape '\\'`),
        ]),
      );
    }
    if (query.from) q = q.where('m.created_at', '>=', `${query.from}T00:00:00.000Z`);
    if (query.to) {
      const next = new Date(Date.parse(`${query.to}T00:00:00.000Z`) + 86_400_000).toISOString();
      q = q.where('m.created_at', '<', next);
    }
    const rows = await q
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    const context = query.withContext ? await this.logContext(rows) : null;
    return rows.map((r): ModerationLogEntry => ({
      id: r.id,
      createdAt: r.created_at,
      actor: { id: r.actor_id, name: r.actor_name },
      action: r.action as ModerationAction,
      commentId: r.comment_id,
      articleId: r.article_id,
      target: r.target_user_id ? { id: r.target_user_id, name: r.target_name } : null,
      reason: r.reason,
      ...(context
        ? {
            context: {
              comment: (r.comment_id && context.comments.get(r.comment_id)) || null,
              article: (r.article_id && context.articles.get(r.article_id)) || null,
            },
          }
        : {}),
    }));
  }

  /** The comments and articles a page of the log names, in two queries. */
  private async logContext(rows: { comment_id: string | null; article_id: string | null }[]) {
    const commentIds = [...new Set(rows.flatMap((r) => (r.comment_id ? [r.comment_id] : [])))];
    const articleIds = [...new Set(rows.flatMap((r) => (r.article_id ? [r.article_id] : [])))];
    const [comments, articles] = await Promise.all([
      commentIds.length
        ? this.db
            .selectFrom('comments')
            .select(['id', 'body', 'status'])
            .where('id', 'in', commentIds)
            .execute()
        : [],
      articleIds.length
        ? this.db
            .selectFrom('articles as a')
            .innerJoin('sections as s', 's.slug', 'a.section_slug')
            .select(['a.id', 'a.slug', 'a.headline', 'a.published_at', 'a.status', 's.name'])
            .select('a.section_slug')
            .where('a.id', 'in', articleIds)
            .execute()
        : [],
    ]);
    const excerpt = (text: string) => {
      const chars = Array.from(text.replace(/\s+/g, ' ').trim());
      return chars.length > 120 ? `${chars.slice(0, 120).join('')}…` : chars.join('');
    };
    return {
      comments: new Map(
        comments.map((c) => [
          c.id,
          // A deleted comment's text is gone from the log too.
          { excerpt: c.status === 'deleted' ? '' : excerpt(c.body), status: c.status },
        ]),
      ),
      articles: new Map(
        articles.map((a) => [
          a.id,
          {
            headline: a.headline,
            path: articlePath({
              slug: a.slug,
              section: { slug: a.section_slug, name: a.name },
              publishedAt: a.published_at,
            }),
            published: a.status === 'published',
          },
        ]),
      ),
    };
  }

  async removeAuthorComments(authorId: string, actionId: string) {
    return this.atomically(async (db) => {
      const rows = await db
        .selectFrom('comments')
        .select(['id', 'article_id', 'status'])
        .where('author_id', '=', authorId)
        .where('status', 'in', ['published', 'pending'])
        .orderBy('id')
        .execute();
      const removedPerArticle = new Map<string, number>();
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200);
        await db
          .insertInto('sanction_removals')
          .values(
            chunk.map((r) => ({
              action_id: actionId,
              comment_id: r.id,
              previous_status: r.status,
              restored_at: null,
            })),
          )
          .execute();
        await db
          .updateTable('comments')
          .set({ status: 'rejected', rejection_reason: '' })
          .where(
            'id',
            'in',
            chunk.map((r) => r.id),
          )
          .execute();
      }
      for (const r of rows) {
        if (r.status !== 'published') continue;
        removedPerArticle.set(r.article_id, (removedPerArticle.get(r.article_id) ?? 0) + 1);
      }
      for (const [articleId, n] of removedPerArticle) {
        await db
          .updateTable('articles')
          .set((eb) => ({ comment_count: eb('comment_count', '-', n) }))
          .where('id', '=', articleId)
          .execute();
      }
      return rows.map((r) => ({ id: r.id, articleId: r.article_id }));
    });
  }

  async restoreRemovedComments(authorId: string, since: string, at: string) {
    return this.atomically(async (db) => {
      const rows = await db
        .selectFrom('sanction_removals as s')
        .innerJoin('moderation_actions as a', 'a.id', 's.action_id')
        .innerJoin('comments as c', 'c.id', 's.comment_id')
        .select(['s.action_id', 's.comment_id', 's.previous_status', 'c.article_id'])
        .where('a.target_user_id', '=', authorId)
        .where('a.created_at', '>=', since)
        .where('s.restored_at', 'is', null)
        .where('c.status', '=', 'rejected')
        .orderBy('s.comment_id')
        .execute();
      const store = new KyselyModerationStore(db);
      const restored = new Map<string, string>();
      for (const r of rows) {
        await db
          .updateTable('sanction_removals')
          .set({ restored_at: at })
          .where('action_id', '=', r.action_id)
          .where('comment_id', '=', r.comment_id)
          .execute();
        // A comment removed by two sanctions comes back once.
        if (restored.has(r.comment_id)) continue;
        await store.setStatus(r.comment_id, r.previous_status as CommentStatus);
        restored.set(r.comment_id, r.article_id);
      }
      return [...restored].map(([id, articleId]) => ({ id, articleId }));
    });
  }
}
