/**
 * What every newsroom job shares: the ports and the clock, the limits on the text, finding an
 * article the person may see, the conflict-safe save, and announcing a committed change.
 */
import type { Article } from '../domain/article.js';
import type { ArticleContent } from '../domain/newsroom.js';
import type { User } from '../domain/user.js';
import { canView, isNewsroom } from '../domain/workflow.js';
import { AppError, notFound } from '../errors.js';
import type { PortsWithUnitOfWork } from '../store/types.js';
import type { ChangeBus } from './changes.js';
import type { NewsroomListener } from './newsroom-events.js';

export const limits = {
  headline: 300,
  standfirst: 1_000,
  body: 200_000,
  dateline: 100,
  tags: 20,
  tagName: 60,
  authors: 10,
  related: 10,
  correction: 2_000,
  note: 500,
  returnNote: 2_000,
  bio: 1_000,
} as const;

/** A save made from an old version: nothing was written; here is what is there now. */
export class StaleEditError extends AppError {
  constructor(readonly current: Article) {
    super(
      'stale_version',
      `Someone saved this article since you opened it (it is now at version ${current.version}). ` +
        'Nothing was overwritten; compare your text with theirs and save again.',
    );
  }
}

/**
 * One more reason an article may not be published or scheduled yet: the refusal, or null when
 * it has nothing against the article. The image rules are one.
 */
export interface PublishCheck {
  publishingProblem(article: Article): Promise<AppError | null>;
}

export interface NewsroomDeps {
  store: PortsWithUnitOfWork<'newsroom' | 'reader' | 'sections' | 'users' | 'deletedDrafts'>;
  changes: ChangeBus;
  publishChecks?: readonly PublishCheck[];
  now?: () => Date;
  /** Told after moves, edits and corrections (staff emails, webhooks). */
  events?: NewsroomListener;
}

/** Built once by the NewsroomService and handed to each of its jobs. */
export class NewsroomContext {
  readonly store: NewsroomDeps['store'];
  readonly changes: ChangeBus;
  readonly publishChecks: readonly PublishCheck[];
  readonly now: () => Date;
  readonly events: NewsroomListener;

  constructor(deps: NewsroomDeps) {
    this.events = deps.events ?? {};
    this.store = deps.store;
    this.changes = deps.changes;
    this.publishChecks = deps.publishChecks ?? [];
    this.now = deps.now ?? (() => new Date());
  }

  requireNewsroom(actor: User) {
    if (!isNewsroom(actor.role))
      throw new AppError('newsroom_only', 'Only the newsroom can do that.');
  }

  /** An article by id or slug that this person may see in the newsroom. */
  async article(actor: User, idOrSlug: string): Promise<Article> {
    this.requireNewsroom(actor);
    const article =
      (await this.store.reader.getById(idOrSlug)) ?? (await this.store.reader.getBySlug(idOrSlug));
    if (!article) throw notFound('That article');
    if (!canView(actor, article)) {
      throw new AppError('not_your_article', 'This article is not one of yours.');
    }
    return article;
  }

  /** Writes a new version over `baseVersion`, or refuses with what is there now. */
  async save(
    actor: User,
    article: Article,
    baseVersion: number,
    content: ArticleContent,
    options: { substantive?: { note: string } | null; note?: string },
  ): Promise<Article> {
    const result = await this.store.newsroom.save({
      id: article.id,
      baseVersion,
      content,
      savedAt: this.now().toISOString(),
      savedBy: actor.id,
      ...(options.substantive ? { substantive: options.substantive } : {}),
      ...(options.note ? { note: options.note } : {}),
    });
    if (!result.ok) {
      if (result.reason === 'stale') throw new StaleEditError(result.current);
      throw notFound('That article');
    }
    this.announce(result.article, article);
    await this.events.saved?.(result.article, actor);
    return result.article;
  }

  /**
   * Announces a committed change, naming the listings (sections, authors, tags) the article is
   * listed under after it and, when given, before it, so the page cache drops only those.
   */
  announce(after: Article, before?: Article) {
    const sections = new Set<string>();
    const authors = new Set<string>();
    const tags = new Set<string>();
    for (const a of before ? [before, after] : [after]) {
      // Listings show published articles only.
      if (a.status !== 'published') continue;
      sections.add(a.section.slug);
      for (const p of a.authors) authors.add(p.slug);
      for (const t of a.tags) tags.add(t.slug);
    }
    this.changes.publish({
      kind: 'article',
      articleId: after.id,
      sections: [...sections],
      authors: [...authors],
      tags: [...tags],
    });
  }
}
