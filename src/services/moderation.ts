/**
 * Moderation use-cases: screening every new or edited comment through the rule pipeline, reports,
 * the queue and its actions, sanctions from the queue, the settings, and the audit log. Every
 * decision is logged and announced on the change bus after it commits.
 */
import type { CommentEvents } from './webhooks.js';
import { articlePath } from '../domain/article.js';
import type { Comment } from '../domain/comment.js';
import { isCommentMode, type CommentMode as ThreadMode } from '../domain/comment-settings.js';
import { runPipeline, type Decision } from '../domain/moderation/pipeline.js';
import {
  effectiveSettings,
  policyFrom,
  settingDefinitions,
  settingKeys,
  validateSetting,
  type ModerationPolicy,
} from '../domain/moderation/policy.js';
import { isReportReason, reportThresholdReached } from '../domain/moderation/reports.js';
import type { CommentMode, ReasonCode } from '../domain/moderation/types.js';
import { isSuspended, staffRoles, type User } from '../domain/user.js';
import { newId } from '../domain/ids.js';
import { AppError, notFound, tooLong, tooMany, type Condition } from '../errors.js';
import type { ModerationLogEntry, ModerationLogQuery } from '../domain/moderation/log.js';
import type {
  CommentReport,
  ModeratedComment,
  QueueCounts,
  QueueTab,
} from '../domain/moderation/queue.js';
import type { PortsWithUnitOfWork, Store } from '../store/types.js';
import type { ScreeningData, ScreeningReads } from '../store/ports/comments.js';
import type { ChangeBus } from './changes.js';
import type { SessionService } from './sessions.js';

/**
 * How many of the author's newest comments the duplicate rule compares with (the rate rule needs
 * at least ratePerPerson.max). At the default rate (5 a minute) a person cannot write more than
 * 50 in the 10-minute duplicate window; only staff, who are not rate-limited, can, and a double
 * post is among the newest anyway.
 */
const recentCompared = 50;

/** Lifting a sanction puts back the comments it removed for this long (issue 18). */
export const liftRestoresDays = 30;

/**
 * What screening a comment counts of stored comments, at `now`: the author's newest comments (for
 * the rate and duplicate rules), the address's (rate), the author's record (not for staff).
 */
export function screeningReads(
  input: Pick<Screening, 'author' | 'isEdit' | 'clientAddress'>,
  policy: ModerationPolicy,
  now: Date,
): ScreeningReads {
  // A record (approved and rejected comments, counted over all the author's comments) only
  // ever holds a comment, and staff are never held (runPipeline): not counted for them.
  const staff = staffRoles.includes(input.author.role);
  const windowStart = new Date(now.getTime() - policy.ratePerPerson.windowSeconds * 1000);
  const duplicateStart = new Date(now.getTime() - policy.duplicateWindowMinutes * 60_000);
  const since = (windowStart < duplicateStart ? windowStart : duplicateStart).toISOString();
  // Staff are not rate-limited, and the rate rule needs only the newest `max` times from an
  // address (when the oldest of those leaves the window, posting is possible again).
  const limited = !input.isEdit && !staff;
  return {
    recent: input.isEdit
      ? null
      : {
          authorId: input.author.id,
          since,
          limit: Math.max(recentCompared, policy.ratePerPerson.max),
        },
    address:
      limited && input.clientAddress
        ? {
            address: input.clientAddress,
            since: windowStart.toISOString(),
            limit: policy.ratePerAddress.max,
          }
        : null,
    record: staff ? null : input.author.id,
  };
}

/** The condition each refusing rule answers with (the text rules concern the comment's body). */
const refusals: Partial<Record<ReasonCode, { condition: Condition; field?: string }>> = {
  'closed-article': { condition: 'comments_closed' },
  'sanctioned-author': { condition: 'author_sanctioned' },
  'rate-limit': { condition: 'posting_too_fast' },
  duplicate: { condition: 'duplicate_comment', field: 'body' },
  'banned-words': { condition: 'banned_words', field: 'body' },
  'unconfirmed-email': { condition: 'email_unconfirmed' },
};

/** A rule added without an entry above still answers with its own status. */
const refusalsByStatus: Record<403 | 422 | 429, Condition> = {
  403: 'author_sanctioned',
  422: 'comment_refused',
  429: 'posting_too_fast',
};

/** `keep` dismisses a comment's open reports: it stays (or, held by reports, goes back) up. */
export const queueActions = ['approve', 'reject', 'feature', 'unfeature', 'keep'] as const;
export type QueueAction = (typeof queueActions)[number];

export function isQueueAction(value: string): value is QueueAction {
  return (queueActions as readonly string[]).includes(value);
}

export const sanctionChoices = [
  { value: '1h', hours: 1, text: 'Suspend for 1 hour' },
  { value: '24h', hours: 24, text: 'Suspend for 24 hours' },
  { value: '7d', hours: 24 * 7, text: 'Suspend for 7 days' },
  { value: 'ban', hours: 0, text: 'Ban' },
] as const;
export type SanctionChoice = (typeof sanctionChoices)[number]['value'];

/** What a thread's own comment mode says, as the log and the forms word it. */
export const threadModeLabels: Record<ThreadMode | '', string> = {
  '': 'as the site’s setting',
  open: 'open',
  premoderated: 'pre-moderated',
  closed: 'closed',
};

export interface QueueItem {
  comment: ModeratedComment;
  /** `commentMode`: the article's own comment mode (null follows the site's). */
  article: { id: string; headline: string; path: string; commentMode: ThreadMode | null } | null;
  parent: Comment | null;
  reports: CommentReport[];
  author: {
    user: User | null;
    approved: number;
    rejected: number;
    /** Moderator actions that concerned this person, newest first. */
    pastActions: ModerationLogEntry[];
  };
}

/** What screening reads: the moderation settings and the author's and address's comments. */
export type ScreeningPorts = Pick<Store, 'moderation' | 'settings'>;

export interface Screening {
  author: User;
  articleId: string;
  body: string;
  isEdit: boolean;
  /** The article's effective comment mode (its own setting or the site's, auto-close applied). */
  articleMode: CommentMode;
  /** When it closed automatically, if it did. */
  articleClosedAt?: string | null;
  clientAddress?: string | null;
}

/** Told (not awaited) when a reply first becomes public: reply notifications listen. */
export interface ReplyListener {
  replyPublished(reply: Comment): void;
}

export interface ModerationDeps {
  store: PortsWithUnitOfWork<'comments' | 'moderation' | 'reader' | 'settings' | 'users'>;
  changes: ChangeBus;
  /** A ban ends the person's sessions. */
  sessions: Pick<SessionService, 'endAll'>;
  /** Told after an approval first makes a reply public. */
  replies?: ReplyListener;
  /** Built-in defaults replaced by the deployment (posting limits from `Limits`). */
  settings?: Record<string, string>;
  now?: () => Date;
  /** Told when a report is made and when an approval publishes a comment (webhooks). */
  events?: CommentEvents;
}

export class ModerationService {
  private readonly store: ModerationDeps['store'];
  private readonly changes: ChangeBus;
  private readonly sessions: ModerationDeps['sessions'];
  private readonly replies: ReplyListener | null;
  private readonly defaults: Record<string, string>;
  private readonly now: () => Date;

  constructor(deps: ModerationDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.sessions = deps.sessions;
    this.replies = deps.replies ?? null;
    this.defaults = deps.settings ?? {};
    this.now = deps.now ?? (() => new Date());
    this.events = deps.events;
  }

  private readonly events: CommentEvents | undefined;

  /** Current values, read on every use: a saved setting applies to the next comment. */
  async settings(): Promise<Record<string, string>> {
    return effectiveSettings(await this.store.settings.getMany(settingKeys), this.defaults);
  }

  async policy(store: ScreeningPorts = this.store): Promise<ModerationPolicy> {
    return (await this.policyAndStored(store)).policy;
  }

  /**
   * The policy and the stored settings it was made from, which include the site's comment
   * settings (`comments.mode`, `comments.autoCloseHours`): a new comment reads them once, before
   * its transaction (decisions/0087).
   */
  async policyAndStored(
    store: ScreeningPorts = this.store,
  ): Promise<{ policy: ModerationPolicy; stored: Record<string, string> }> {
    const stored = await store.settings.getMany(settingKeys);
    return { policy: policyFrom(stored, this.defaults), stored };
  }

  /**
   * Runs the pipeline over a new or edited comment. A new comment is screened with the ports of
   * the transaction that inserts it, after it holds the author's and address's keys, so the
   * rules that count stored comments (rate, duplicates) see every comment committed before it
   * (decisions/0046). The settings may have been read already (`policyAndStored`): they decide
   * nothing that a concurrent post changes.
   */
  async screen(
    input: Screening,
    store: ScreeningPorts = this.store,
    known?: ModerationPolicy,
  ): Promise<Decision> {
    const policy = known ?? (await this.policy(store));
    const { reads, decide } = this.screening(input, policy);
    const [recent, byAddress, records] = await Promise.all([
      reads.recent
        ? store.moderation.recentByAuthor(
            reads.recent.authorId,
            reads.recent.since,
            reads.recent.limit,
          )
        : [],
      reads.address
        ? store.moderation.createdFromAddress(
            reads.address.address,
            reads.address.since,
            reads.address.limit,
          )
        : [],
      reads.record ? store.moderation.records([reads.record]) : new Map<string, never>(),
    ]);
    return decide({
      recent,
      byAddress,
      record: (reads.record && records.get(reads.record)) || { approved: 0, rejected: 0 },
    });
  }

  /**
   * What screening a comment counts of stored comments (`reads`), and the pipeline's decision
   * once they are read (`decide`): `screen` reads them itself; a post on PostgreSQL reads them
   * with its keys in one round trip (`CommentStore.postScreened`, decisions/0094).
   */
  screening(
    input: Screening,
    policy: ModerationPolicy,
    now: Date = this.now(),
  ): { reads: ScreeningReads; decide(data: ScreeningData): Decision } {
    const reads = screeningReads(input, policy, now);
    const decide = ({ recent, byAddress, record }: ScreeningData) =>
      runPipeline({
        body: input.body,
        articleId: input.articleId,
        isEdit: input.isEdit,
        author: input.author,
        record,
        articleMode: input.articleMode,
        articleClosedAt: input.articleClosedAt ?? null,
        recent,
        rate: { byAuthor: recent.map((r) => r.createdAt), byAddress },
        policy,
        now,
      });
    return { reads, decide };
  }

  /** The policy made from stored settings (`settingKeys`, read by the caller). */
  policyFrom(stored: Record<string, string>): ModerationPolicy {
    return policyFrom(stored, this.defaults);
  }

  /** A refusal as the error the caller answers with: the rule that refused names the condition. */
  static refusal(decision: Extract<Decision, { kind: 'refuse' }>): AppError {
    const known = refusals[decision.reason.code];
    const error = new AppError(
      known?.condition ?? refusalsByStatus[decision.status],
      decision.message,
      { field: known?.field },
    );
    if (decision.retryAfterSeconds !== undefined)
      error.retryAfterSeconds = decision.retryAfterSeconds;
    return error;
  }

  /** A reader reports a comment, once; enough open reports take it back to review. */
  async report(
    reporter: User,
    commentId: string,
    input: { reason: string; text: string },
  ): Promise<{ created: boolean; comment: Comment }> {
    if (!isReportReason(input.reason)) {
      throw new AppError(
        'invalid_report_reason',
        'Choose why you are reporting this comment: spam, abuse, off-topic or other.',
        { field: 'reason' },
      );
    }
    const text = input.text.trim();
    if (text.length > 1000) throw tooLong('text', 'Say why in at most 1,000 characters.', 1000);
    const comment = await this.store.comments.byId(commentId);
    if (!comment || comment.status !== 'published') throw notFound('That comment');
    if (comment.author.id === reporter.id) {
      throw new AppError('own_comment', 'You cannot report your own comment.');
    }
    const at = this.now().toISOString();
    const { created, openReports } = await this.store.moderation.addReport({
      commentId,
      reporterId: reporter.id,
      reason: input.reason,
      text,
      createdAt: at,
    });
    if (!created) return { created, comment };
    await this.events?.comment('comment.reported', comment);
    const reached = reportThresholdReached(comment.status, openReports, await this.policy());
    if (!reached) {
      this.changes.publish({ kind: 'queue', articleId: comment.articleId, commentId });
    }
    if (reached) {
      await this.store.transaction(async (tx) => {
        const existing = await tx.moderation.moderated(commentId);
        await tx.moderation.setStatus(commentId, 'pending');
        await tx.moderation.annotate(commentId, {
          reasons: [...(existing?.reasons ?? []), reached],
          at,
        });
      });
      this.announce(comment);
      return { created, comment: { ...comment, status: 'pending' } };
    }
    return { created, comment };
  }

  async queue(query: {
    tab: QueueTab;
    articleId?: string | undefined;
    reason?: ReasonCode | undefined;
    page: number;
    perPage: number;
  }): Promise<QueueItem[]> {
    const comments = await this.store.moderation.queue({
      tab: query.tab,
      ...(query.articleId ? { articleId: query.articleId } : {}),
      ...(query.reason ? { reason: query.reason } : {}),
      limit: query.perPage,
      offset: (query.page - 1) * query.perPage,
    });
    return this.describe(comments);
  }

  /** How many comments each tab holds (of one article, when given). */
  queueCounts(articleId?: string): Promise<QueueCounts> {
    return this.store.moderation.queueCounts(articleId);
  }

  async item(commentId: string): Promise<QueueItem | null> {
    const comment = await this.store.moderation.moderated(commentId);
    return comment ? ((await this.describe([comment]))[0] ?? null) : null;
  }

  private async describe(comments: ModeratedComment[]): Promise<QueueItem[]> {
    const ids = comments.map((c) => c.id);
    // Guests (imported comments) have no account: no record, no past actions, no sanctions.
    const authorIds = [...new Set(comments.flatMap((c) => (c.author.id ? [c.author.id] : [])))];
    const articleIds = [...new Set(comments.map((c) => c.articleId))];
    const parentIds = [...new Set(comments.flatMap((c) => (c.parentId ? [c.parentId] : [])))];
    const [reports, records, users, articles, parents, actions, threads] = await Promise.all([
      this.store.moderation.reportsFor(ids),
      this.store.moderation.records(authorIds),
      Promise.all(authorIds.map((id) => this.store.users.byId(id))),
      Promise.all(articleIds.map((id) => this.store.reader.getById(id))),
      Promise.all(parentIds.map((id) => this.store.comments.byId(id))),
      Promise.all(
        authorIds.map((id) => this.store.moderation.log({ targetUserId: id, limit: 5, offset: 0 })),
      ),
      Promise.all(articleIds.map((id) => this.store.comments.articleSettings(id))),
    ]);
    const modeById = new Map(articleIds.map((id, i) => [id, threads[i]?.mode ?? null]));
    const userById = new Map(users.flatMap((u) => (u ? [[u.id, u] as const] : [])));
    const articleById = new Map(articles.flatMap((a) => (a ? [[a.id, a] as const] : [])));
    const parentById = new Map(parents.flatMap((p) => (p ? [[p.id, p] as const] : [])));
    const actionsById = new Map(authorIds.map((id, i) => [id, actions[i] ?? []]));
    return comments.map((comment) => {
      const article = articleById.get(comment.articleId);
      const authorId = comment.author.id;
      const record = (authorId && records.get(authorId)) || { approved: 0, rejected: 0 };
      return {
        comment,
        article: article
          ? {
              id: article.id,
              headline: article.headline,
              path: articlePath(article),
              commentMode: modeById.get(article.id) ?? null,
            }
          : null,
        parent: comment.parentId ? (parentById.get(comment.parentId) ?? null) : null,
        reports: reports.filter((r) => r.commentId === comment.id),
        author: {
          user: (authorId && userById.get(authorId)) || null,
          ...record,
          pastActions: (authorId && actionsById.get(authorId)) || [],
        },
      };
    });
  }

  /**
   * Approve, reject (with an optional reason shown to the author), feature or unfeature one or
   * more comments. Featuring a waiting comment approves it too. Answers how many changed.
   */
  async act(
    actor: User,
    commentIds: readonly string[],
    action: string,
    reason = '',
  ): Promise<number> {
    if (!isQueueAction(action)) {
      throw new AppError(
        'invalid_queue_action',
        'The action must be approve, reject, feature, unfeature or keep.',
        { field: 'action' },
      );
    }
    const ids = [...new Set(commentIds)].filter(Boolean);
    if (ids.length === 0) {
      throw new AppError('nothing_chosen', 'Choose at least one comment.', { field: 'ids' });
    }
    if (ids.length > 200) throw tooMany('ids', 'Choose at most 200 comments at a time.', 200);
    const note = reason.trim().slice(0, 500);
    const at = this.now().toISOString();
    const changed: Comment[] = [];
    const firstShown: Comment[] = [];
    const quiet = new Set<string>();
    for (const id of ids) {
      const done = await this.store.transaction(async (tx) => {
        const comment = await tx.comments.byId(id);
        if (!comment || comment.status === 'deleted') return null;
        if (action === 'keep') {
          if (!(await this.keep(tx, actor, comment, at))) return null;
          // A published comment kept stays as readers see it: only the queue changes.
          if (comment.status === 'published') quiet.add(comment.id);
          return comment;
        }
        const log = (what: QueueAction) =>
          tx.moderation.logAction({
            createdAt: at,
            actor: { id: actor.id, name: actor.name },
            action: what,
            commentId: comment.id,
            articleId: comment.articleId,
            // A guest has no account to name; the entry still names the comment.
            target: comment.author.id ? { id: comment.author.id, name: comment.author.name } : null,
            reason: what === 'reject' ? note : '',
          });
        if (
          action === 'approve' ||
          action === 'reject' ||
          (action === 'feature' && comment.status !== 'published')
        ) {
          const to = action === 'reject' ? 'rejected' : 'published';
          // A reply seen for the first time tells its parent's author; one that comes back after
          // review was announced when it first appeared.
          if (to === 'published' && comment.parentId && !(await tx.comments.wasEverPublic(id))) {
            firstShown.push(comment);
          }
          await tx.moderation.setStatus(id, to, note);
          await tx.moderation.resolveReports(id, at);
          await log(action === 'reject' ? 'reject' : 'approve');
          if (to === 'rejected') await tx.moderation.setFeatured(id, null);
        }
        if (action === 'feature' || action === 'unfeature') {
          await tx.moderation.setFeatured(id, action === 'feature' ? at : null);
          await log(action);
        }
        return comment;
      });
      if (done) changed.push(done);
    }
    for (const comment of changed) {
      if (quiet.has(comment.id)) {
        this.changes.publish({
          kind: 'queue',
          articleId: comment.articleId,
          commentId: comment.id,
        });
      } else this.announce(comment);
    }
    for (const reply of firstShown) this.replies?.replyPublished(reply);
    if (action === 'approve' || action === 'feature') {
      for (const c of changed) {
        if (c.status !== 'published') await this.events?.comment('comment.published', c);
      }
    }
    if (ids.length === 1 && changed.length === 0) {
      if (action === 'keep' && (await this.store.comments.byId(ids[0]!))) {
        throw new AppError('no_open_reports', 'That comment has no open reports to dismiss.');
      }
      throw notFound('That comment');
    }
    return changed.length;
  }

  /**
   * Keep: dismisses a comment's open reports (logged with who and when; reporters are told
   * nothing). One that reports had taken back to review is public again. False when there was
   * nothing to dismiss.
   */
  private async keep(
    tx: Pick<Store, 'moderation'>,
    actor: User,
    comment: Comment,
    at: string,
  ): Promise<boolean> {
    if (comment.status === 'rejected') return false;
    const open = (await tx.moderation.reportsFor([comment.id])).filter((r) => !r.resolvedAt);
    if (open.length === 0) return false;
    await tx.moderation.resolveReports(comment.id, at);
    if (comment.status === 'pending') await tx.moderation.setStatus(comment.id, 'published');
    await tx.moderation.logAction({
      createdAt: at,
      actor: { id: actor.id, name: actor.name },
      action: 'keep',
      commentId: comment.id,
      articleId: comment.articleId,
      target: comment.author.id ? { id: comment.author.id, name: comment.author.name } : null,
      reason: `dismissed ${open.length === 1 ? '1 report' : `${open.length} reports`}`,
    });
    return true;
  }

  /** Suspends (1 h, 24 h, 7 d) or bans a commenter from the queue; staff are managed by admins. */
  async sanction(
    actor: User,
    userId: string,
    choice: string,
    reason: string,
    commentId: string | null = null,
    options: { removeComments?: boolean } = {},
  ): Promise<User> {
    const picked = sanctionChoices.find((c) => c.value === choice);
    if (!picked) {
      throw new AppError('invalid_sanction', 'Choose 1 hour, 24 hours, 7 days or a ban.', {
        field: 'choice',
      });
    }
    const user = await this.store.users.byId(userId);
    if (!user) throw notFound('That person');
    if (user.id === actor.id) {
      throw new AppError('own_account', 'You cannot suspend or ban yourself.');
    }
    if (staffRoles.includes(user.role)) {
      throw new AppError(
        'staff_account',
        'Staff accounts are suspended or banned by an admin, under People.',
      );
    }
    const now = this.now();
    const note = reason.trim().slice(0, 500);
    const ban = picked.value === 'ban';
    const suspendedUntil = ban
      ? null
      : new Date(now.getTime() + picked.hours * 3_600_000).toISOString();
    const bannedAt = ban ? now.toISOString() : user.bannedAt;
    const comment = commentId ? await this.store.comments.byId(commentId) : null;
    const why = ban ? note : `${picked.text.replace('Suspend for ', '')}${note ? `: ${note}` : ''}`;
    // One audited action: the sanction, its log entry and the removal commit together.
    const removed = await this.store.transaction(async (tx) => {
      await tx.users.setSanction(user.id, { suspendedUntil, bannedAt, reason: note });
      const entry = {
        createdAt: now.toISOString(),
        actor: { id: actor.id, name: actor.name },
        action: ban ? ('ban' as const) : ('suspend' as const),
        commentId: comment?.id ?? null,
        articleId: comment?.articleId ?? null,
        target: { id: user.id, name: user.name },
        reason: why,
      };
      if (!options.removeComments) {
        await tx.moderation.logAction(entry);
        return [];
      }
      // The entry's id names the removals; its text then says how many there were.
      const actionId = newId(now.getTime());
      const gone = await tx.moderation.removeAuthorComments(user.id, actionId);
      const count = gone.length === 1 ? '1 comment' : `${gone.length} comments`;
      await tx.moderation.logAction({
        ...entry,
        id: actionId,
        reason: `${why}${why ? ' · ' : ''}removed ${count}`,
      });
      return gone;
    });
    if (ban) await this.sessions.endAll(user.id);
    for (const c of removed) this.announce(c);
    return { ...user, suspendedUntil, bannedAt, sanctionReason: note };
  }

  /**
   * Lifts a suspension or ban from the queue. Comments a sanction in the last 30 days removed
   * (and that nobody has decided on since) come back as they were. Answers how many came back.
   */
  async lift(actor: User, userId: string): Promise<number> {
    const user = await this.store.users.byId(userId);
    if (!user) throw notFound('That person');
    if (staffRoles.includes(user.role)) {
      throw new AppError(
        'staff_account',
        'Staff accounts are suspended or banned by an admin, under People.',
      );
    }
    const now = this.now();
    if (!user.bannedAt && !isSuspended(user, now)) {
      throw new AppError('not_sanctioned', `${user.name} is neither suspended nor banned.`);
    }
    const since = new Date(now.getTime() - liftRestoresDays * 86_400_000).toISOString();
    const restored = await this.store.transaction(async (tx) => {
      await tx.users.setSanction(user.id, { suspendedUntil: null, bannedAt: null, reason: '' });
      const back = await tx.moderation.restoreRemovedComments(user.id, since, now.toISOString());
      await tx.moderation.logAction({
        createdAt: now.toISOString(),
        actor: { id: actor.id, name: actor.name },
        action: 'lift',
        commentId: null,
        articleId: null,
        target: { id: user.id, name: user.name },
        reason: back.length
          ? `restored ${back.length === 1 ? '1 comment' : `${back.length} comments`}`
          : '',
      });
      return back;
    });
    for (const c of restored) this.announce(c);
    return restored.length;
  }

  /** The article's own comment mode (null follows the site's), for the moderators' form. */
  async threadMode(articleId: string): Promise<ThreadMode | null> {
    const settings = await this.store.comments.articleSettings(articleId);
    if (!settings) throw notFound('That article');
    return settings.mode;
  }

  /**
   * Moderators close, pre-moderate or reopen a thread (or let it follow the site's setting),
   * logged; its auto-close hours are the newsroom's and stay. Answers the article's path.
   */
  async setThreadMode(actor: User, articleId: string, mode: string): Promise<string> {
    if (mode !== '' && !isCommentMode(mode)) {
      throw new AppError(
        'invalid_comment_mode',
        'Choose open, pre-moderated, closed, or the site’s setting.',
        { field: 'mode' },
      );
    }
    const [settings, article] = await Promise.all([
      this.store.comments.articleSettings(articleId),
      this.store.reader.getById(articleId),
    ]);
    if (!settings || !article) throw notFound('That article');
    const next = mode === '' ? null : mode;
    if (settings.mode === next) return articlePath(article);
    await this.store.transaction(async (tx) => {
      await tx.comments.setArticleSettings(articleId, { ...settings, mode: next });
      await tx.moderation.logAction({
        createdAt: this.now().toISOString(),
        actor: { id: actor.id, name: actor.name },
        action: 'thread',
        commentId: null,
        articleId,
        target: null,
        reason: `comments ${threadModeLabels[next ?? '']}`,
      });
    });
    // Only the article's own page shows its comment mode: no listing is named.
    this.changes.publish({ kind: 'article', articleId, sections: [], authors: [], tags: [] });
    return articlePath(article);
  }

  log(query: ModerationLogQuery): Promise<ModerationLogEntry[]> {
    return this.store.moderation.log(query);
  }

  /**
   * Saves the settings page: every value is checked first and nothing is saved if one is wrong.
   * Answers the problems by key.
   */
  async saveSettings(
    actor: User,
    input: Record<string, string | undefined>,
  ): Promise<Record<string, string>> {
    const problems: Record<string, string> = {};
    const values: [string, string][] = [];
    for (const def of settingDefinitions) {
      const raw = input[def.key];
      if (raw === undefined) continue;
      const checked = validateSetting(def, raw);
      if (checked.ok) values.push([def.key, checked.value]);
      else problems[def.key] = checked.message;
    }
    if (Object.keys(problems).length) return problems;
    const before = await this.settings();
    const changed = values.filter(([key, value]) => before[key] !== value);
    if (changed.length === 0) return {};
    await this.store.transaction(async (tx) => {
      for (const [key, value] of changed) await tx.settings.set(key, value);
      await tx.moderation.logAction({
        createdAt: this.now().toISOString(),
        actor: { id: actor.id, name: actor.name },
        action: 'settings',
        commentId: null,
        articleId: null,
        target: null,
        reason: `changed ${changed.map(([key]) => key).join(', ')}`,
      });
    });
    this.changes.publish({ kind: 'site' });
    return {};
  }

  featured(articleId: string, limit = 5): Promise<Comment[]> {
    return this.store.moderation.featured(articleId, limit);
  }

  ownUnpublished(articleId: string, authorId: string): Promise<ModeratedComment[]> {
    return this.store.moderation.ownUnpublished(articleId, authorId);
  }

  private announce(comment: Pick<Comment, 'id' | 'articleId'>): void {
    this.changes.publish({
      kind: 'comment',
      articleId: comment.articleId,
      commentId: comment.id,
      action: 'moderated',
    });
  }
}
