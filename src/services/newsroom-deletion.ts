/**
 * Deleting drafts (decisions/0040): an author deletes their own never-published draft, an editor
 * anyone's; a deleted draft leaves every list and lookup but is kept, with its revisions and its
 * slug, for 30 days, while an admin may recover it as it was; the scheduler's purge then removes
 * it for good. Who may delete what is domain/draft-deletion.ts; this checks it before it writes.
 */
import type { Article } from '../domain/article.js';
import {
  canRecover,
  deletableStatuses,
  deletionBlock,
  deletionRefusal,
  mayDelete,
  purgeCutoff,
  type DeletedDraft,
} from '../domain/draft-deletion.js';
import type { User } from '../domain/user.js';
import { AppError, notFound } from '../errors.js';
import type { NewsroomContext } from './newsroom-context.js';

export class DraftDeletion {
  constructor(private readonly ctx: NewsroomContext) {}

  /** The draft as the confirmation page shows it, if this person may delete it. */
  async deletable(actor: User, idOrSlug: string): Promise<Article> {
    const article = await this.ctx.article(actor, idOrSlug);
    if (!mayDelete(actor, article)) {
      throw new AppError('not_your_article', 'Authors can delete only their own drafts.');
    }
    const block = deletionBlock(article);
    if (block) throw new AppError('not_deletable', deletionRefusal(block));
    return article;
  }

  async deleteDraft(actor: User, idOrSlug: string): Promise<DeletedDraft> {
    const article = await this.deletable(actor, idOrSlug);
    const marked = await this.ctx.store.deletedDrafts.markDeleted({
      id: article.id,
      from: deletableStatuses.filter((s) => s === article.status),
      at: this.ctx.now().toISOString(),
      by: actor.id,
    });
    if (!marked) {
      throw new AppError(
        'status_changed',
        'The article’s status changed meanwhile; reload and retry.',
      );
    }
    const deleted = await this.ctx.store.deletedDrafts.deletedDraft(article.id);
    if (!deleted) throw notFound('That article');
    // A draft is on no public page, but whatever shows this article (a newsroom view) must go.
    this.ctx.announce(article);
    return deleted;
  }

  private requireAdmin(actor: User) {
    if (!canRecover(actor)) {
      throw new AppError('admin_only', 'Only an admin can see and recover deleted drafts.');
    }
  }

  /** Deleted drafts, most recently deleted first (admins). */
  async deletedDrafts(actor: User, page: { limit: number; offset: number }) {
    this.requireAdmin(actor);
    return this.ctx.store.deletedDrafts.listDeleted(page);
  }

  /** Brings a deleted draft back as it was, with its revisions (admins). */
  async recover(actor: User, id: string): Promise<Article> {
    this.requireAdmin(actor);
    if (!(await this.ctx.store.deletedDrafts.recover(id))) {
      throw notFound('That deleted draft');
    }
    const article = await this.ctx.store.reader.getById(id);
    if (!article) throw notFound('That deleted draft');
    this.ctx.announce(article);
    return article;
  }

  /** The scheduler's purge: removes drafts deleted more than 30 days ago; answers their ids. */
  async purgeDeleted(): Promise<string[]> {
    const ids = await this.ctx.store.deletedDrafts.purgeDeleted(purgeCutoff(this.ctx.now()));
    // They were on no listing: name none, so no listing is dropped.
    for (const articleId of ids) {
      this.ctx.changes.publish({ kind: 'article', articleId, sections: [], authors: [], tags: [] });
    }
    return ids;
  }
}
