/**
 * Moving an article through the workflow: submit, publish now or at a time, unpublish, send
 * back to draft, and the scheduler's tick. Who may make which move, and from which status, is
 * domain/workflow.ts; this checks it, and what must be true before anything is published.
 */
import type { Article } from '../domain/article.js';
import { instantsOf, parseLocalDateTime, unclearLocalTimeMessage } from '../domain/local-time.js';
import type { User } from '../domain/user.js';
import {
  canTransition,
  refusalFor,
  targetStatus,
  transitionsFrom,
  type Transition,
} from '../domain/workflow.js';
import { AppError, notFound, tooLong } from '../errors.js';
import { limits, type NewsroomContext } from './newsroom-context.js';

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

export class ArticleWorkflow {
  constructor(private readonly ctx: NewsroomContext) {}

  async submit(actor: User, idOrSlug: string): Promise<Article> {
    return this.move(actor, idOrSlug, 'submit');
  }

  /**
   * Publishes now, or schedules at `at` (ISO 8601 with an offset). A time already past is
   * refused, never published at once: a typo must not break an embargo ("Publish now" is its
   * own action).
   */
  async publish(actor: User, idOrSlug: string, at?: string): Promise<Article> {
    if (at === undefined) return this.move(actor, idOrSlug, 'publish');
    const when = Date.parse(at);
    // Without an offset a time would be read in the server's own zone: it must say which it is.
    if (!isoWithOffset.test(at) || Number.isNaN(when)) {
      throw new AppError(
        'invalid_time',
        '`at` must be an ISO 8601 time with an offset, e.g. 2026-05-01T09:00:00Z or 2026-05-01T09:00:00-04:00.',
        { field: 'at' },
      );
    }
    if (when <= this.ctx.now().getTime()) {
      throw new AppError(
        'time_in_past',
        'That time has already passed: choose a later one, or use Publish now to publish at once.',
        { field: 'at' },
      );
    }
    return this.move(actor, idOrSlug, 'schedule', new Date(when).toISOString());
  }

  /**
   * Schedules at a wall-clock time in `timeZone` (`2026-11-01T01:30`, as the newsroom's form
   * sends it). A local time the clocks pass twice or skip is refused, naming both instants it
   * could mean, unless `choice` is one of them (decisions/0043-local-time.md).
   */
  async publishAtLocal(
    actor: User,
    idOrSlug: string,
    local: string,
    timeZone: string,
    choice?: string,
  ): Promise<Article> {
    const text = local.trim();
    if (text === '') {
      throw new AppError('time_required', 'Enter the date and time to publish at.', {
        field: 'at',
      });
    }
    const wall = parseLocalDateTime(text);
    if (wall === null) {
      throw new AppError(
        'invalid_time',
        'Enter the date and time as the date picker gives it, e.g. 2026-05-01T09:00.',
        { field: 'at' },
      );
    }
    const found = instantsOf(wall, timeZone);
    if (found.kind === 'exact') return this.publish(actor, idOrSlug, found.instant);
    if (choice !== undefined && (found.choices as string[]).includes(choice)) {
      return this.publish(actor, idOrSlug, choice);
    }
    throw new AppError('unclear_local_time', unclearLocalTimeMessage(wall, timeZone, found), {
      field: 'at',
    });
  }

  async unpublish(actor: User, idOrSlug: string): Promise<Article> {
    return this.move(actor, idOrSlug, 'unpublish');
  }

  /** An editor sends an article in review back to its author as a draft, with an optional note. */
  async returnToDraft(actor: User, idOrSlug: string, note = ''): Promise<Article> {
    const text = note.trim();
    if (text.length > limits.returnNote) {
      throw tooLong(
        'note',
        `The note can be at most ${limits.returnNote} characters.`,
        limits.returnNote,
      );
    }
    return this.move(actor, idOrSlug, 'return', undefined, {
      note: text,
      at: this.ctx.now().toISOString(),
      by: actor.id,
    });
  }

  private async move(
    actor: User,
    idOrSlug: string,
    transition: Transition,
    publishAt?: string,
    returned?: { note: string; at: string; by: string },
  ): Promise<Article> {
    const article = await this.ctx.article(actor, idOrSlug);
    if (!canTransition(actor, article, transition)) {
      throw transition === 'submit'
        ? new AppError('action_not_allowed', 'You cannot submit this article.')
        : new AppError(
            'editor_only',
            transition === 'return'
              ? 'Only an editor can send an article back to draft.'
              : 'Only an editor can publish, schedule or unpublish.',
          );
    }
    if (!transitionsFrom[transition].includes(article.status)) {
      throw new AppError('invalid_transition', refusalFor(transition, article.status));
    }
    if (transition === 'publish' || transition === 'schedule') await this.checkPublishable(article);
    const moved = await this.ctx.store.newsroom.transition({
      id: article.id,
      from: [article.status],
      to: targetStatus(transition, article.status),
      ...(transition === 'publish' ? { publishedAt: this.ctx.now().toISOString() } : {}),
      publishAt: publishAt ?? null,
      // Sending back records the note; any other move (submitting again, publishing) clears it.
      returned: returned ?? null,
    });
    if (!moved) {
      throw new AppError(
        'status_changed',
        'The article’s status changed meanwhile; reload and retry.',
      );
    }
    const after = await this.ctx.store.reader.getById(article.id);
    if (!after) throw notFound('That article');
    this.ctx.announce(after, article);
    await this.ctx.events.moved?.({ actor, transition, before: article, after });
    return after;
  }

  private async checkPublishable(article: Article) {
    if (article.authors.length === 0) {
      throw new AppError('authors_missing', 'Add at least one author before publishing.', {
        field: 'authors',
      });
    }
    if (article.body.trim() === '') {
      throw new AppError('body_missing', 'Write the body before publishing.', { field: 'body' });
    }
    for (const check of this.ctx.publishChecks) {
      const problem = await check.publishingProblem(article);
      if (problem) throw problem;
    }
  }

  /** The scheduler's tick: publishes what is due and announces each one. */
  async publishDue(): Promise<string[]> {
    const ids = await this.ctx.store.newsroom.publishDue(this.ctx.now().toISOString());
    for (const articleId of ids) {
      const after = await this.ctx.store.reader.getById(articleId);
      if (after) this.ctx.announce(after);
      else this.ctx.changes.publish({ kind: 'article', articleId });
      if (after)
        await this.ctx.events.moved?.({ actor: null, transition: 'publish', before: null, after });
    }
    return ids;
  }
}
