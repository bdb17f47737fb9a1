/**
 * Writing comments: post, edit, delete, react. Every new or edited comment passes the moderation
 * pipeline, which decides its status (the article's comment settings are one of its inputs).
 * Every change is announced on the change bus after it commits. Reading threads is in
 * comment-threads.ts, the per-article settings in comment-settings.ts.
 */
import type { CommentEvents } from './webhooks.js';
import { createHash } from 'node:crypto';
import { renderCommentMarkdown } from '../domain/comment-markdown.js';
import { normaliseForComparison } from '../domain/moderation/duplicate.js';
import { withinEditWindow } from '../domain/comment-settings.js';
import { commentLength, maxCommentLength, type Comment } from '../domain/comment.js';
import { isBanned, staffRoles, type User } from '../domain/user.js';
import { AppError, notFound, tooLong } from '../errors.js';
import type { PortsWithUnitOfWork } from '../store/types.js';
import type { CommentTarget, NewComment } from '../store/ports/comments.js';
import type { Decision } from '../domain/moderation/pipeline.js';
import type { ModerationPolicy } from '../domain/moderation/policy.js';
import type { ChangeBus } from './changes.js';
import type { CommentSettingsService } from './comment-settings.js';
import type { CommentThreadService } from './comment-threads.js';
import {
  ModerationService,
  screeningReads,
  type ReplyListener,
  type Screening,
} from './moderation.js';
import { settingKeys } from '../domain/moderation/policy.js';

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

export interface CommentDeps {
  store: PortsWithUnitOfWork<'comments' | 'moderation' | 'settings' | 'limits'>;
  changes: ChangeBus;
  /** Screens every new or edited comment. */
  moderation: Pick<ModerationService, 'screen' | 'screening' | 'policyAndStored' | 'policyFrom'>;
  /** Whether the article takes comments, and for how long they may be edited. */
  settings: Pick<CommentSettingsService, 'policy' | 'policyFromSite' | 'editWindowMinutes'>;
  /** The comment or article being answered, as readers see it. */
  threads: Pick<CommentThreadService, 'publicComment' | 'publishedArticle'>;
  /** Told after a published reply is committed. */
  replies?: ReplyListener;
  now?: () => Date;
  /** Told each new comment's outcome (webhooks). */
  events?: CommentEvents;
}

export class CommentService {
  private readonly store: CommentDeps['store'];
  private readonly changes: ChangeBus;
  private readonly moderation: CommentDeps['moderation'];
  private readonly settings: CommentDeps['settings'];
  private readonly threads: CommentDeps['threads'];
  private readonly replies: ReplyListener | null;
  private readonly now: () => Date;

  constructor(deps: CommentDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.moderation = deps.moderation;
    this.settings = deps.settings;
    this.threads = deps.threads;
    this.replies = deps.replies ?? null;
    this.now = deps.now ?? (() => new Date());
    this.events = deps.events;
  }

  private readonly events: CommentEvents | undefined;

  async postComment(input: PostComment): Promise<{ comment: Comment; created: boolean }> {
    const { author, idempotencyKey } = input;
    checkBody(input.body);
    const parentId = input.parentId || null;
    // The article, once it is known to take comments: on PostgreSQL it is read in the post's
    // transaction (decisions/0094), elsewhere first.
    const known: { article: CommentTarget | null } = { article: null };
    const batched = this.store.comments.postScreened;
    if (!batched)
      known.article = publishedTarget(await this.store.comments.commentTarget(input.article));
    try {
      return batched
        ? await this.postInBatches(batched, input, parentId, known)
        : await this.postTo(input, publishedTarget(known.article), parentId);
    } catch (error) {
      // A retry answers with the first comment, whatever has changed since (the discussion
      // closed, the parent deleted, the text now a duplicate of the first), if it is the same
      // post. Looked for only when the post is refused: one that is not finds its key claimed
      // by the write, which then answers with the first comment (decisions/0087). A missing
      // article answers 404 as it always did.
      const article = known.article;
      if (idempotencyKey === undefined || !(error instanceof AppError) || !article) throw error;
      const first = await this.store.comments.byIdempotencyKey(author.id, idempotencyKey);
      const request = { articleId: article.id, parentId, body: input.body };
      if (first) return { comment: sameRequest(first, request), created: false };
      throw error;
    }
  }

  /** The post screened and written in the caller's (grouped) transaction. */
  private async postTo(
    input: PostComment,
    article: CommentTarget,
    parentId: string | null,
  ): Promise<{ comment: Comment; created: boolean }> {
    // The site's comment and moderation settings in one read, before the transaction: they
    // decide nothing a concurrent post changes, so the transaction stays short (decisions/0087).
    const { stored } = await this.moderation.policyAndStored();
    const parent = parentId ? await this.store.comments.byId(parentId) : null;
    const prepared = this.prepare(input, article, parentId, parent, stored);
    const keys = postingKeys(input.author, input, input.idempotencyKey);
    // Grouped: concurrent posts share one commit (one disk sync on SQLite); this still resolves
    // only once this comment is committed. The rules that count stored comments decide inside
    // it, once the author's (and the address's) key is held: no burst can pass a limit or store
    // a duplicate, in this process or another (decisions/0046).
    const result = await this.store.groupedTransaction(async (tx) => {
      await tx.limits.serialise(keys);
      const decision = await this.moderation.screen(prepared.screening, tx, prepared.policy);
      return tx.comments.create(prepared.comment(decision));
    });
    return this.posted(input, article, parentId, result);
  }

  /**
   * The post in one transaction of two round trips (PostgreSQL, decisions/0094): its keys held,
   * the article, the settings and what screening counted for the last post read together; what
   * screening counts now, if that differs; the write and commit. The settings are read inside
   * the transaction here, so a setting saved before it applies, as before.
   */
  private async postInBatches(
    post: NonNullable<CommentDeps['store']['comments']['postScreened']>,
    input: PostComment,
    parentId: string | null,
    known: { article: CommentTarget | null },
  ): Promise<{ comment: Comment; created: boolean }> {
    const parent = parentId ? await this.store.comments.byId(parentId) : null;
    const now = this.now();
    const last = this.lastPolicy;
    const screeningInput = {
      author: input.author,
      isEdit: false,
      clientAddress: input.clientAddress ?? null,
    };
    const result = await post({
      keys: postingKeys(input.author, input, input.idempotencyKey),
      article: input.article,
      settingKeys,
      expected: last ? screeningReads(screeningInput, last, now) : null,
      screen: (target, stored) => {
        const article = publishedTarget(target);
        known.article = article;
        const prepared = this.prepare(input, article, parentId, parent, stored);
        this.lastPolicy = prepared.policy;
        const { reads, decide } = this.moderation.screening(
          prepared.screening,
          prepared.policy,
          now,
        );
        return { reads, decide: (data) => prepared.comment(decide(data)) };
      },
    });
    return this.posted(input, publishedTarget(known.article), parentId, result);
  }

  /** The moderation policy of the last post screened in batches: what it read is read again. */
  private lastPolicy: ModerationPolicy | null = null;

  /**
   * What screening a post needs once its article and the settings are known, and the comment it
   * writes for a decision (a refusal throws).
   */
  private prepare(
    input: PostComment,
    article: CommentTarget,
    parentId: string | null,
    parent: Comment | null,
    stored: Record<string, string>,
  ): { screening: Screening; policy: ModerationPolicy; comment(decision: Decision): NewComment } {
    if (parentId && (!parent || parent.articleId !== article.id || parent.status !== 'published')) {
      throw notFound('The comment you are replying to');
    }
    const { author, idempotencyKey } = input;
    const policy = this.settings.policyFromSite(article, article.settings, stored);
    const screening: Screening = {
      author,
      articleId: article.id,
      body: input.body,
      isEdit: false,
      // The article's settings, auto-close applied: the pipeline refuses closed ones and holds
      // pre-moderated ones.
      articleMode: policy.mode,
      articleClosedAt: policy.closedBy === 'time' ? policy.closesAt : null,
      clientAddress: input.clientAddress ?? null,
    };
    const createdAt = this.now().toISOString();
    const html = renderCommentMarkdown(input.body);
    const comment = (decision: Decision): NewComment => {
      if (decision.kind === 'refuse') throw ModerationService.refusal(decision);
      // Claims the Idempotency-Key first: if an earlier post holds it, nothing is written and
      // that post's comment answers.
      return {
        articleId: article.id,
        parentId,
        authorId: author.id,
        body: input.body,
        html,
        status: decision.kind === 'hold' ? 'pending' : 'published',
        createdAt,
        clientAddress: input.clientAddress ?? null,
        reasons: decision.kind === 'hold' ? decision.reasons : [],
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      };
    };
    return { screening, policy: this.moderation.policyFrom(stored), comment };
  }

  /** After the commit: the change announced, a reply's listeners and the webhooks told. */
  private async posted(
    input: PostComment,
    article: CommentTarget,
    parentId: string | null,
    result: { comment: Comment; created: boolean },
  ): Promise<{ comment: Comment; created: boolean }> {
    const request = { articleId: article.id, parentId, body: input.body };
    if (!result.created) return { comment: sameRequest(result.comment, request), created: false };
    this.announce(result.comment, 'created');
    if (result.comment.status === 'published' && result.comment.parentId) {
      this.replies?.replyPublished(result.comment);
    }
    const outcome = result.comment.status === 'published' ? 'published' : 'held';
    await this.events?.comment(`comment.${outcome}`, result.comment);
    return result;
  }

  /** Replaces the text of one's own comment inside the edit window; the old text is kept. */
  async editComment(input: { author: User; id: string; body: string }): Promise<Comment> {
    const comment = await this.ownComment(input.author, input.id, 'edit');
    const windowMinutes = await this.settings.editWindowMinutes();
    // Nobody else has seen a comment awaiting review: its author may change it until it is decided.
    if (
      comment.status !== 'pending' &&
      !withinEditWindow(comment.createdAt, windowMinutes, this.now())
    ) {
      throw new AppError(
        'edit_window_passed',
        `Comments can be edited for ${plural(windowMinutes, 'minute')} after posting; ` +
          'the time to edit this one has passed.',
      );
    }
    checkBody(input.body);
    if (input.body === comment.body) return comment;
    // An edit passes the same pipeline as a new comment: a closed discussion takes no edits, and
    // what would be held is held (the comment leaves the public thread until approved).
    const article = await this.threads.publishedArticle(comment.articleId);
    const policy = await this.settings.policy(article);
    const decision = await this.moderation.screen({
      author: input.author,
      articleId: article.id,
      body: input.body,
      isEdit: true,
      articleMode: policy.mode,
      articleClosedAt: policy.closedBy === 'time' ? policy.closesAt : null,
    });
    if (decision.kind === 'refuse') throw ModerationService.refusal(decision);
    const at = this.now().toISOString();
    const edited = await this.store.transaction(async (tx) => {
      const changed = await tx.comments.edit({
        id: comment.id,
        body: input.body,
        html: renderCommentMarkdown(input.body),
        at,
        ...(decision.kind === 'hold' ? { status: 'pending' as const } : {}),
      });
      if (decision.kind === 'hold') {
        await tx.moderation.annotate(comment.id, { reasons: decision.reasons, at });
      }
      return changed;
    });
    // A held edit leaves the public thread (and the counts): that is a moderation change.
    this.announce(edited, edited.status !== comment.status ? 'moderated' : 'edited');
    return edited;
  }

  /** Deletes one's own comment: a placeholder stays while it has replies. */
  async deleteComment(input: { author: User; id: string }): Promise<Comment> {
    const comment = await this.ownComment(input.author, input.id, 'delete');
    const deleted = await this.store.comments.delete({
      id: comment.id,
      at: this.now().toISOString(),
    });
    this.announce(deleted, 'deleted');
    return deleted;
  }

  /** Sets (true/false) or toggles (undefined) the person's reaction to a published comment. */
  async react(input: {
    user: User;
    id: string;
    on?: boolean | undefined;
  }): Promise<{ comment: Comment; reacted: boolean }> {
    if (isBanned(input.user)) {
      throw new AppError('account_banned', 'Your account may not react to comments.');
    }
    const comment = await this.threads.publicComment(input.id);
    if (comment.status !== 'published') {
      throw new AppError('comment_deleted', 'A deleted comment cannot be reacted to.');
    }
    const result = await this.store.comments.react({
      commentId: comment.id,
      userId: input.user.id,
      on: input.on,
      at: this.now().toISOString(),
    });
    if (result.changed) this.announce(result.comment, 'reacted');
    return { comment: result.comment, reacted: result.reacted };
  }

  /** The comment a signed-in person may edit or delete: their own, still there. */
  async ownComment(user: User, id: string, verb: 'edit' | 'delete'): Promise<Comment> {
    const comment = await this.store.comments.byId(id);
    if (!comment || comment.status === 'deleted' || comment.status === 'rejected') {
      throw notFound('That comment');
    }
    if (comment.author.id !== user.id) {
      // Someone else's pending comment does not exist as far as this person can tell.
      if (comment.status !== 'published') throw notFound('That comment');
      throw new AppError('not_your_comment', `You can only ${verb} your own comments.`);
    }
    return comment;
  }

  private announce(
    comment: Comment,
    action: 'created' | 'edited' | 'deleted' | 'reacted' | 'moderated',
  ) {
    this.changes.publish({
      kind: 'comment',
      articleId: comment.articleId,
      commentId: comment.id,
      action,
    });
  }
}

/** The article, if it takes comments at all (published); else 404. */
function publishedTarget(article: CommentTarget | null): CommentTarget {
  if (!article || article.status !== 'published') throw notFound('That article');
  return article;
}

function checkBody(body: string): void {
  if (body.trim() === '') {
    throw new AppError('body_required', 'Write something before posting your comment.', {
      field: 'body',
    });
  }
  const length = commentLength(body);
  if (length > maxCommentLength) {
    throw tooLong(
      'body',
      `A comment can be at most ${maxCommentLength.toLocaleString('en-GB')} characters; ` +
        `this one has ${length.toLocaleString('en-GB')}. Please shorten it.`,
      maxCommentLength,
    );
  }
}

/**
 * The keys a new comment's limits are counted under: its author, and for people the address
 * limit applies to (not staff), the network address.
 */
/**
 * The keys a new comment's transaction holds before the rules count stored comments
 * (decisions/0046). A commenter's posts are serialised per author (the rate and duplicate rules
 * count the author's comments) and per address. Staff are not rate-limited and the address limit
 * does not count them: of the counting rules only the duplicate rule applies, which compares
 * normalised texts, so their posts are serialised per author and text (and per Idempotency-Key,
 * so a retry still finds its first post) — one staff account's different posts do not wait for
 * each other's commits (decisions/0057-staff-comment-writes.md).
 */
function postingKeys(
  author: User,
  input: { body: string; clientAddress?: string | null | undefined },
  idempotencyKey: string | undefined,
): string[] {
  if (staffRoles.includes(author.role)) {
    const text = createHash('sha256')
      .update(normaliseForComparison(input.body))
      .digest('base64url');
    return [
      `comment-author-text:${author.id}:${text}`,
      ...(idempotencyKey !== undefined
        ? [`comment-author-key:${author.id}:${idempotencyKey}`]
        : []),
    ];
  }
  const keys = [`comment-author:${author.id}`];
  if (input.clientAddress) keys.push(`comment-address:${input.clientAddress}`);
  return keys;
}

/**
 * The comment an Idempotency-Key first made, if this request is the same post; reusing a key
 * for another post is refused, as the IETF Idempotency-Key draft asks. An edited comment is
 * compared by where it was posted only (its text has changed since).
 */
function sameRequest(
  first: Comment,
  request: { articleId: string; parentId: string | null; body: string },
): Comment {
  const mismatch =
    first.articleId !== request.articleId
      ? 'another article'
      : (first.parentId ?? null) !== request.parentId
        ? 'another comment to reply to'
        : first.editedAt === null && first.body !== request.body
          ? 'a different text'
          : null;
  if (mismatch) {
    throw new AppError(
      'idempotency_key_reused',
      `This Idempotency-Key was already used for a comment with ${mismatch}: ` +
        'send a new key for a new comment.',
      { field: 'Idempotency-Key' },
    );
  }
  return first;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
