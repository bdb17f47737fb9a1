/**
 * The newsroom's use-cases, one job a file behind this one service: writing and saving
 * (newsroom-editing.ts), moving through the workflow and publishing (newsroom-workflow.ts),
 * corrections (newsroom-corrections.ts) and revisions (newsroom-revisions.ts); what they share
 * (finding an article, the conflict-safe save, announcing a change) is newsroom-context.ts.
 * This file keeps the newsroom's list, the API's view of one article and a staff profile.
 */
import { articleStatuses, type Article, type ArticleSummary } from '../domain/article.js';
import type { ArticleRevision, NewsroomItem, RevisionSummary } from '../domain/newsroom.js';
import type { User } from '../domain/user.js';
import { canView, isEditor } from '../domain/workflow.js';
import { AppError, notFound, tooLong } from '../errors.js';
import { ArticleCorrections } from './newsroom-corrections.js';
import { limits, NewsroomContext, type NewsroomDeps } from './newsroom-context.js';
import { ArticleEditing, type ArticleEdit, type ArticleFields } from './newsroom-editing.js';
import { ArticleRevisions } from './newsroom-revisions.js';
import { ArticleWorkflow } from './newsroom-workflow.js';
import { DraftDeletion } from './newsroom-deletion.js';
import type { DeletedDraft } from '../domain/draft-deletion.js';

export {
  limits,
  StaleEditError,
  type NewsroomDeps,
  type PublishCheck,
} from './newsroom-context.js';
export { tagRefs, type ArticleEdit, type ArticleFields } from './newsroom-editing.js';

export class NewsroomService {
  private readonly ctx: NewsroomContext;
  private readonly editing: ArticleEditing;
  private readonly workflow: ArticleWorkflow;
  private readonly corrections: ArticleCorrections;
  private readonly revisionsOf: ArticleRevisions;
  private readonly deletion: DraftDeletion;

  constructor(deps: NewsroomDeps) {
    this.ctx = new NewsroomContext(deps);
    this.editing = new ArticleEditing(this.ctx);
    this.workflow = new ArticleWorkflow(this.ctx);
    this.corrections = new ArticleCorrections(this.ctx);
    this.revisionsOf = new ArticleRevisions(this.ctx);
    this.deletion = new DraftDeletion(this.ctx);
  }

  /** An article by id or slug that this person may see in the newsroom. */
  article(actor: User, idOrSlug: string): Promise<Article> {
    return this.ctx.article(actor, idOrSlug);
  }

  /**
   * What a staff member's author page shows: a bio and a photo. The photo is an image stored by
   * this site (`/images/FILE`, e.g. one uploaded in the editor; a full address on any host is
   * reduced to that path): the pages' Content-Security-Policy loads images from this site only.
   */
  async setProfile(actor: User, input: { bio: string; photo: string }): Promise<User> {
    this.ctx.requireNewsroom(actor);
    const bio = input.bio.trim();
    if (bio.length > limits.bio) {
      throw tooLong('bio', `A bio can be at most ${limits.bio} characters.`, limits.bio);
    }
    const raw = input.photo.trim();
    let photoUrl = '';
    if (raw) {
      let path: string;
      try {
        path = new URL(raw, 'https://this.site.invalid').pathname;
      } catch {
        path = '';
      }
      if (!/^\/images\/[A-Za-z0-9_-]{1,80}\.(jpg|jpeg|png|webp)$/.test(path)) {
        throw new AppError(
          'invalid_photo',
          'The photo must be an image stored by this site: its address starts with /images/ (upload it in the article editor and copy its address).',
          { field: 'photo' },
        );
      }
      photoUrl = path;
    }
    await this.ctx.store.users.setProfile(actor.id, { bio, photoUrl });
    // The author page, and every page's byline tooltip, may show it: nothing narrower to drop.
    this.ctx.changes.publish({ kind: 'site' });
    return { ...actor, bio, photoUrl };
  }

  /** For the API: what this person may work on, else only what is published. */
  async visibleArticle(actor: User, idOrSlug: string): Promise<Article> {
    const article =
      (await this.ctx.store.reader.getById(idOrSlug)) ??
      (await this.ctx.store.reader.getBySlug(idOrSlug));
    if (article && (canView(actor, article) || article.status === 'published')) return article;
    if (article?.status === 'unpublished') {
      throw new AppError('article_withdrawn', 'This article has been withdrawn by the newsroom.');
    }
    throw notFound('That article');
  }

  /** The newsroom list; authors see their own articles only. */
  async list(
    actor: User,
    query: {
      status?: string;
      section?: string;
      author?: string;
      text?: string;
      page: number;
      perPage: number;
    },
  ): Promise<NewsroomItem[]> {
    this.ctx.requireNewsroom(actor);
    const status = articleStatuses.find((s) => s === query.status);
    const author = query.author ? await this.ctx.store.users.bySlug(query.author) : null;
    return this.ctx.store.newsroom.listNewsroom({
      ...(status ? { status } : {}),
      ...(query.section ? { section: query.section } : {}),
      ...(author ? { authorId: author.id } : query.author ? { authorId: '-' } : {}),
      ...(query.text?.trim() ? { text: query.text.trim().slice(0, 100) } : {}),
      ...(isEditor(actor.role) ? {} : { ownerId: actor.id }),
      limit: query.perPage,
      offset: Math.max(0, query.page - 1) * query.perPage,
    });
  }

  /** The slugs of the editor's picks, in order (for the editor's form). */
  relatedSlugs(article: Article): Promise<string[]> {
    return this.editing.relatedSlugs(article);
  }

  /** The articles these slugs or ids name, in order, skipping unknown ones (the related picker). */
  relatedStories(refs: readonly string[]): Promise<ArticleSummary[]> {
    return this.editing.relatedStories(refs);
  }

  /** Published articles a body places inline, by slug (for the preview). */
  inlineFor(body: string): Promise<Map<string, ArticleSummary>> {
    return this.editing.inlineFor(body);
  }

  /** Names of the people these author references name, skipping unknown ones (for the preview). */
  authorNames(refs: readonly string[]): Promise<string[]> {
    return this.editing.authorNames(refs);
  }

  create(actor: User, fields: ArticleFields): Promise<Article> {
    return this.editing.create(actor, fields);
  }

  edit(actor: User, idOrSlug: string, edit: ArticleEdit): Promise<Article> {
    return this.editing.edit(actor, idOrSlug, edit);
  }

  submit(actor: User, idOrSlug: string): Promise<Article> {
    return this.workflow.submit(actor, idOrSlug);
  }

  /** Publishes now, or schedules when `at` is in the future. */
  publish(actor: User, idOrSlug: string, at?: string): Promise<Article> {
    return this.workflow.publish(actor, idOrSlug, at);
  }

  /** Schedules at a wall-clock time in the site's zone (the newsroom's form). */
  publishAtLocal(
    actor: User,
    idOrSlug: string,
    local: string,
    timeZone: string,
    choice?: string,
  ): Promise<Article> {
    return this.workflow.publishAtLocal(actor, idOrSlug, local, timeZone, choice);
  }

  unpublish(actor: User, idOrSlug: string): Promise<Article> {
    return this.workflow.unpublish(actor, idOrSlug);
  }

  /** An editor sends an article in review back to its author as a draft, with an optional note. */
  returnToDraft(actor: User, idOrSlug: string, note?: string): Promise<Article> {
    return this.workflow.returnToDraft(actor, idOrSlug, note);
  }

  /** The scheduler's tick: publishes what is due and announces each one. */
  publishDue(): Promise<string[]> {
    return this.workflow.publishDue();
  }

  addCorrection(
    actor: User,
    idOrSlug: string,
    input: { kind: string; text: string; priority?: string | undefined },
  ) {
    return this.corrections.addCorrection(actor, idOrSlug, input);
  }

  retractCorrection(actor: User, idOrSlug: string, correctionId: string, note: string) {
    return this.corrections.retractCorrection(actor, idOrSlug, correctionId, note);
  }

  revisions(actor: User, idOrSlug: string): Promise<RevisionSummary[]> {
    return this.revisionsOf.revisions(actor, idOrSlug);
  }

  revision(actor: User, idOrSlug: string, version: number): Promise<ArticleRevision> {
    return this.revisionsOf.revision(actor, idOrSlug, version);
  }

  /** Makes an old revision the newest one (a new revision; nothing is lost). */
  restore(actor: User, idOrSlug: string, version: number, baseVersion: number): Promise<Article> {
    return this.revisionsOf.restore(actor, idOrSlug, version, baseVersion);
  }

  /** The draft the delete confirmation shows, if this person may delete it (else the refusal). */
  deletableDraft(actor: User, idOrSlug: string): Promise<Article> {
    return this.deletion.deletable(actor, idOrSlug);
  }

  /** Deletes a never-published draft; it can be recovered by an admin for 30 days. */
  deleteDraft(actor: User, idOrSlug: string): Promise<DeletedDraft> {
    return this.deletion.deleteDraft(actor, idOrSlug);
  }

  /** Deleted drafts, most recently deleted first (admins). */
  deletedDrafts(actor: User, page: { limit: number; offset: number }): Promise<DeletedDraft[]> {
    return this.deletion.deletedDrafts(actor, page);
  }

  /** Brings a deleted draft back as it was, with its revisions (admins). */
  recoverDraft(actor: User, id: string): Promise<Article> {
    return this.deletion.recover(actor, id);
  }

  /** The scheduler's purge of drafts deleted more than 30 days ago; answers their ids. */
  purgeDeleted(): Promise<string[]> {
    return this.deletion.purgeDeleted();
  }
}
