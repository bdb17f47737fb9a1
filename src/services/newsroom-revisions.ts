/**
 * An article's revisions: the list, one version's content, and restoring an old version as a
 * new revision (nothing is lost), keeping the current slug or section where the old one is gone.
 */
import type { ArticleContent, ArticleRevision, RevisionSummary } from '../domain/newsroom.js';
import type { Article } from '../domain/article.js';
import type { User } from '../domain/user.js';
import { canEdit } from '../domain/workflow.js';
import { AppError, notFound } from '../errors.js';
import { StaleEditError, type NewsroomContext } from './newsroom-context.js';

export class ArticleRevisions {
  constructor(private readonly ctx: NewsroomContext) {}

  async revisions(actor: User, idOrSlug: string): Promise<RevisionSummary[]> {
    const article = await this.ctx.article(actor, idOrSlug);
    return this.ctx.store.newsroom.revisions(article.id);
  }

  async revision(actor: User, idOrSlug: string, version: number): Promise<ArticleRevision> {
    const article = await this.ctx.article(actor, idOrSlug);
    const revision = await this.ctx.store.newsroom.revision(article.id, version);
    if (!revision) throw notFound('That revision');
    return revision;
  }

  /** Makes an old revision the newest one (a new revision; nothing is lost). */
  async restore(
    actor: User,
    idOrSlug: string,
    version: number,
    baseVersion: number,
  ): Promise<Article> {
    const article = await this.ctx.article(actor, idOrSlug);
    if (!canEdit(actor, article)) {
      throw new AppError('action_not_allowed', 'You cannot edit this article.');
    }
    if (baseVersion !== article.version) throw new StaleEditError(article);
    const revision = await this.ctx.store.newsroom.revision(article.id, version);
    if (!revision) throw notFound('That revision');
    // The revision's slug may since belong to another article; the current one then stays.
    const slugFree = !(await this.ctx.store.newsroom.slugTaken(revision.content.slug, article.id));
    const sectionExists =
      (await this.ctx.store.sections.get(revision.content.sectionSlug)) !== null;
    const content: ArticleContent = {
      ...revision.content,
      slug: slugFree ? revision.content.slug : article.slug,
      sectionSlug: sectionExists ? revision.content.sectionSlug : article.section.slug,
    };
    return this.ctx.save(actor, article, baseVersion, content, {
      note: `Restored version ${version}`,
    });
  }
}
