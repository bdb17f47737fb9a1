/** Writing and reading comments. Every new comment passes the moderation pipeline, which decides its status. */
import type { Article } from '../domain/article.js';
import { renderCommentMarkdown } from '../domain/comment-markdown.js';
import {
  buildThreads,
  commentLength,
  maxCommentLength,
  type Comment,
  type CommentNode,
  type CommentSort,
} from '../domain/comment.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import type { User } from '../domain/user.js';
import { badRequest, notFound } from '../errors.js';
import type { ChangeBus } from './changes.js';
import { ModerationService } from './moderation.js';
import type { CommentChange, Store } from '../store/types.js';

export interface PostComment {
  author: User;
  /** The article's id or slug. */
  article: string;
  parentId?: string | null | undefined;
  body: string;
  idempotencyKey?: string | undefined;
  /** The client's network address, for the per-address rate limit. */
  clientAddress?: string | null | undefined;
}

export interface ThreadPage {
  /** Top-level comments of this page with all their published replies. */
  threads: CommentNode[];
  /** Featured comments, shown above the thread (first page only; empty on later pages). */
  featured: Comment[];
  nextCursor: string | null;
}

export const defaultCommentPageSize = 20;

export class CommentService {
  constructor(
    private readonly store: Store,
    private readonly changes: ChangeBus,
    private readonly moderation: ModerationService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async postComment(input: PostComment): Promise<{ comment: Comment; created: boolean }> {
    const { author, idempotencyKey } = input;
    // A retry answers with the first comment, whatever has changed since.
    if (idempotencyKey !== undefined) {
      const first = await this.store.comments.byIdempotencyKey(author.id, idempotencyKey);
      if (first) return { comment: first, created: false };
    }
    if (input.body.trim() === '') throw badRequest('Write something before posting your comment.');
    const length = commentLength(input.body);
    if (length > maxCommentLength) {
      throw badRequest(
        `A comment can be at most ${maxCommentLength.toLocaleString('en-GB')} characters; ` +
          `this one has ${length.toLocaleString('en-GB')}. Please shorten it.`,
      );
    }
    const article = await this.publishedArticle(input.article);
    const parentId = input.parentId || null;
    if (parentId) {
      const parent = await this.store.comments.byId(parentId);
      if (!parent || parent.articleId !== article.id || parent.status !== 'published') {
        throw notFound('The comment you are replying to');
      }
    }
    const decision = await this.moderation.screen({
      author,
      article,
      body: input.body,
      isEdit: false,
      clientAddress: input.clientAddress ?? null,
    });
    if (decision.kind === 'refuse') throw ModerationService.refusal(decision);
    const reasons = decision.kind === 'hold' ? decision.reasons : [];
    const createdAt = this.now().toISOString();
    const result = await this.store.transaction(async (tx) => {
      const made = await tx.comments.create({
        articleId: article.id,
        parentId,
        authorId: author.id,
        body: input.body,
        html: renderCommentMarkdown(input.body),
        status: decision.kind === 'hold' ? 'pending' : 'published',
        createdAt,
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      });
      if (made.created) {
        await tx.moderation.annotate(made.comment.id, {
          reasons,
          at: createdAt,
          clientAddress: input.clientAddress ?? null,
        });
      }
      return made;
    });
    if (result.created) {
      this.changes.publish({
        kind: 'comment',
        articleId: article.id,
        commentId: result.comment.id,
        action: 'created',
      });
    }
    return result;
  }

  /** The published comment of this article a reader chose to answer, if there is one. */
  async replyTarget(articleId: string, commentId: string): Promise<Comment | null> {
    const comment = await this.store.comments.byId(commentId);
    return comment && comment.articleId === articleId && comment.status === 'published'
      ? comment
      : null;
  }

  /** One page of an article's public threads (the article by id or slug; published only). */
  async threadsOf(
    articleIdOrSlug: string,
    sort: CommentSort,
    cursor: string | undefined,
    limit = defaultCommentPageSize,
  ): Promise<ThreadPage & { article: Article }> {
    const article = await this.publishedArticle(articleIdOrSlug);
    return { article, ...(await this.threads(article.id, sort, cursor, limit)) };
  }

  /** One page of threads of an article already known to be published. */
  async threads(
    articleId: string,
    sort: CommentSort,
    cursor: string | undefined,
    limit = defaultCommentPageSize,
  ): Promise<ThreadPage> {
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && after === null) {
      throw badRequest('The cursor is not valid; start again from the first page.');
    }
    const rows = await this.store.comments.topLevelPage({
      articleId,
      sort,
      limit: limit + 1,
      after,
    });
    const topLevel = rows.slice(0, limit);
    const replies = await this.store.comments.publishedReplies(topLevel.map((c) => c.id));
    const last = topLevel[topLevel.length - 1];
    const featured = after === null ? await this.moderation.featured(articleId) : [];
    return {
      threads: buildThreads(topLevel, replies),
      featured,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ t: last.createdAt, id: last.id }) : null,
    };
  }

  /** For the live stream: a published article (id or slug) and its latest change number. */
  async liveStart(articleIdOrSlug: string): Promise<{ articleId: string; seq: number }> {
    const article = await this.publishedArticle(articleIdOrSlug);
    return { articleId: article.id, seq: (await this.store.comments.liveSeq(article.id)) ?? 0 };
  }

  /**
   * The article's comments changed after change `afterSeq`, each once in its current state, in
   * change order. Any status: the live stream sends only what is public (see http/live.ts).
   */
  changesSince(articleId: string, afterSeq: number, limit: number): Promise<CommentChange[]> {
    return this.store.comments.changesSince(articleId, afterSeq, limit);
  }

  private async publishedArticle(idOrSlug: string): Promise<Article> {
    const article =
      (await this.store.articles.getById(idOrSlug)) ??
      (await this.store.articles.getBySlug(idOrSlug));
    if (!article || article.status !== 'published') throw notFound('That article');
    return article;
  }
}

/** A page of threads as one list, each comment followed by its replies (depth first). */
export function flattenThreads(threads: readonly CommentNode[]): Comment[] {
  const out: Comment[] = [];
  const walk = (nodes: readonly CommentNode[]) => {
    for (const n of nodes) {
      out.push(n.comment);
      walk(n.replies);
    }
  };
  walk(threads);
  return out;
}
