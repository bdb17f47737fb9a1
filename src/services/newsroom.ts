/**
 * The newsroom's use-cases: write, save (conflict-safe), submit, publish, schedule, unpublish,
 * correct, and go back to a revision. The role and status rules are in domain/workflow.ts; this
 * checks them, validates the text, writes once, and announces the change after the commit.
 */
import {
  articleStatuses,
  correctionKinds,
  correctionPriorities,
  type Article,
  type ArticleSummary,
  type CorrectionKind,
  type CorrectionPriority,
  type TagRef,
} from '../domain/article.js';
import { relatedSlugsIn } from '../domain/body.js';
import { freeSlug, isSlug, slugify } from '../domain/slug.js';
import type { User } from '../domain/user.js';
import {
  canEdit,
  canTransition,
  canView,
  isEditor,
  isNewsroom,
  newsroomRoles,
  refusalFor,
  targetStatus,
  transitionsFrom,
  type Transition,
} from '../domain/workflow.js';
import { AppError, notFound, tooLong, tooMany } from '../errors.js';
import type {
  ArticleContent,
  ArticleRevision,
  NewsroomItem,
  RevisionSummary,
} from '../domain/newsroom.js';
import type { PortsWithUnitOfWork } from '../store/types.js';
import type { ChangeBus } from './changes.js';

/** The editable fields as a caller sends them; absent ones keep their value. */
export interface ArticleFields {
  headline?: string | undefined;
  standfirst?: string | undefined;
  body?: string | undefined;
  /** Section slug. */
  section?: string | undefined;
  slug?: string | undefined;
  dateline?: string | undefined;
  /** Tag names, in order; the first is the main one. */
  tags?: readonly string[] | undefined;
  /** User ids or slugs, in byline order. */
  authors?: readonly string[] | undefined;
  /** Article ids or slugs of the editor's picks, in order. */
  related?: readonly string[] | undefined;
}

export interface ArticleEdit extends ArticleFields {
  /** The version this edit was made from. */
  version: number;
  /** An editor marks an edit of a published article as a substantive update, with a note. */
  substantive?: boolean | undefined;
  updateNote?: string | undefined;
}

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

/**
 * One more reason an article may not be published or scheduled yet: the refusal, or null when
 * it has nothing against the article. The image rules are one.
 */
export interface PublishCheck {
  publishingProblem(article: Article): Promise<AppError | null>;
}

export interface NewsroomDeps {
  store: PortsWithUnitOfWork<'newsroom' | 'reader' | 'sections' | 'users'>;
  changes: ChangeBus;
  publishChecks?: readonly PublishCheck[];
  now?: () => Date;
}

export class NewsroomService {
  private readonly store: NewsroomDeps['store'];
  private readonly changes: ChangeBus;
  private readonly publishChecks: readonly PublishCheck[];
  private readonly now: () => Date;

  constructor(deps: NewsroomDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.publishChecks = deps.publishChecks ?? [];
    this.now = deps.now ?? (() => new Date());
  }

  private requireNewsroom(actor: User) {
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

  /**
   * What a staff member's author page shows: a bio and a photo. The photo is an image stored by
   * this site (`/images/FILE`, e.g. one uploaded in the editor; a full address on any host is
   * reduced to that path): the pages' Content-Security-Policy loads images from this site only.
   */
  async setProfile(actor: User, input: { bio: string; photo: string }): Promise<User> {
    this.requireNewsroom(actor);
    const bio = input.bio.trim();
    if (bio.length > limits.bio) {
      throw tooLong('bio', `A bio can be at most ${limits.bio} characters.`);
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
    await this.store.users.setProfile(actor.id, { bio, photoUrl });
    // The author page, and every page's byline tooltip, may show it: nothing narrower to drop.
    this.changes.publish({ kind: 'site' });
    return { ...actor, bio, photoUrl };
  }

  /** The slugs of the editor's picks, in order (for the editor's form). */
  async relatedSlugs(article: Article): Promise<string[]> {
    const picks = await Promise.all(article.relatedIds.map((id) => this.store.reader.getById(id)));
    return picks.filter((a): a is Article => a !== null).map((a) => a.slug);
  }

  /** The articles these slugs or ids name, in order, skipping unknown ones (the related picker). */
  async relatedStories(refs: readonly string[]): Promise<ArticleSummary[]> {
    const found = await Promise.all(
      refs
        .slice(0, limits.related * 2)
        .map(
          async (ref) =>
            (await this.store.reader.getBySlug(ref)) ?? (await this.store.reader.getById(ref)),
        ),
    );
    return found.filter((a): a is Article => a !== null);
  }

  /** Published articles a body places inline, by slug (for the preview). */
  async inlineFor(body: string): Promise<Map<string, ArticleSummary>> {
    const found = await this.store.reader.publishedBySlugs(relatedSlugsIn(body));
    return new Map(found.map((a) => [a.slug, a]));
  }

  /** Names of the people these author references name, skipping unknown ones (for the preview). */
  async authorNames(refs: readonly string[]): Promise<string[]> {
    const names: string[] = [];
    for (const ref of refs) {
      const user = (await this.store.users.byId(ref)) ?? (await this.store.users.bySlug(ref));
      if (user) names.push(user.name);
    }
    return names;
  }

  /** For the API: what this person may work on, else only what is published. */
  async visibleArticle(actor: User, idOrSlug: string): Promise<Article> {
    const article =
      (await this.store.reader.getById(idOrSlug)) ?? (await this.store.reader.getBySlug(idOrSlug));
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
    this.requireNewsroom(actor);
    const status = articleStatuses.find((s) => s === query.status);
    const author = query.author ? await this.store.users.bySlug(query.author) : null;
    return this.store.newsroom.listNewsroom({
      ...(status ? { status } : {}),
      ...(query.section ? { section: query.section } : {}),
      ...(author ? { authorId: author.id } : query.author ? { authorId: '-' } : {}),
      ...(query.text?.trim() ? { text: query.text.trim().slice(0, 100) } : {}),
      ...(isEditor(actor.role) ? {} : { ownerId: actor.id }),
      limit: query.perPage,
      offset: Math.max(0, query.page - 1) * query.perPage,
    });
  }

  async create(actor: User, fields: ArticleFields): Promise<Article> {
    this.requireNewsroom(actor);
    const content = await this.content(null, {
      ...fields,
      authors: fields.authors ?? [actor.id],
    });
    const article = await this.store.newsroom.create({
      ...content,
      status: 'draft',
      publishedAt: null,
      createdAt: this.now().toISOString(),
      createdBy: actor.id,
    });
    return article;
  }

  async edit(actor: User, idOrSlug: string, edit: ArticleEdit): Promise<Article> {
    const article = await this.article(actor, idOrSlug);
    if (!canEdit(actor, article)) {
      throw isEditor(actor.role)
        ? new AppError('action_not_allowed', 'You cannot edit this article.')
        : new AppError(
            'editor_only',
            'Only an editor can change an article once it is scheduled or published.',
          );
    }
    let substantive: { note: string } | null = null;
    if (edit.substantive) {
      if (!isEditor(actor.role)) {
        throw new AppError('editor_only', 'Only an editor can mark a substantive update.');
      }
      if (article.status !== 'published') {
        throw new AppError(
          'not_published',
          'Only an edit of a published article can be marked as an update.',
          { field: 'substantive' },
        );
      }
      const note = (edit.updateNote ?? '').trim();
      if (!note) {
        throw new AppError('note_required', 'Say what was updated: the note is shown to readers.', {
          field: 'updateNote',
        });
      }
      if (note.length > limits.note) {
        throw tooLong('updateNote', `The update note can be at most ${limits.note} characters.`);
      }
      substantive = { note };
    }
    // Stale before anything else: the person must see the newer text, not a validation error.
    if (edit.version !== article.version) throw new StaleEditError(article);
    const content = await this.content(article, edit);
    return this.save(actor, article, edit.version, content, { substantive });
  }

  private async save(
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
    return result.article;
  }

  async submit(actor: User, idOrSlug: string): Promise<Article> {
    return this.move(actor, idOrSlug, 'submit');
  }

  /** Publishes now, or schedules when `at` is in the future. */
  async publish(actor: User, idOrSlug: string, at?: string): Promise<Article> {
    if (at === undefined) return this.move(actor, idOrSlug, 'publish');
    const when = Date.parse(at);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(at) || Number.isNaN(when)) {
      throw new AppError(
        'invalid_time',
        '`at` must be an ISO 8601 time, e.g. 2026-05-01T09:00:00Z.',
        { field: 'at' },
      );
    }
    if (when <= this.now().getTime()) return this.move(actor, idOrSlug, 'publish');
    return this.move(actor, idOrSlug, 'schedule', new Date(when).toISOString());
  }

  async unpublish(actor: User, idOrSlug: string): Promise<Article> {
    return this.move(actor, idOrSlug, 'unpublish');
  }

  /** An editor sends an article in review back to its author as a draft, with an optional note. */
  async returnToDraft(actor: User, idOrSlug: string, note = ''): Promise<Article> {
    const text = note.trim();
    if (text.length > limits.returnNote) {
      throw tooLong('note', `The note can be at most ${limits.returnNote} characters.`);
    }
    return this.move(actor, idOrSlug, 'return', undefined, {
      note: text,
      at: this.now().toISOString(),
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
    const article = await this.article(actor, idOrSlug);
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
    const moved = await this.store.newsroom.transition({
      id: article.id,
      from: [article.status],
      to: targetStatus(transition, article.status),
      ...(transition === 'publish' ? { publishedAt: this.now().toISOString() } : {}),
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
    const after = await this.store.reader.getById(article.id);
    if (!after) throw notFound('That article');
    this.announce(after, article);
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
    for (const check of this.publishChecks) {
      const problem = await check.publishingProblem(article);
      if (problem) throw problem;
    }
  }

  /** The scheduler's tick: publishes what is due and announces each one. */
  async publishDue(): Promise<string[]> {
    const ids = await this.store.newsroom.publishDue(this.now().toISOString());
    for (const articleId of ids) {
      const after = await this.store.reader.getById(articleId);
      if (after) this.announce(after);
      else this.changes.publish({ kind: 'article', articleId });
    }
    return ids;
  }

  async addCorrection(
    actor: User,
    idOrSlug: string,
    input: { kind: string; text: string; priority?: string | undefined },
  ) {
    const article = await this.article(actor, idOrSlug);
    if (!isEditor(actor.role)) {
      throw new AppError('editor_only', 'Only an editor can add a correction or update.');
    }
    if (!(correctionKinds as readonly string[]).includes(input.kind)) {
      throw new AppError(
        'invalid_correction_kind',
        '`kind` must be correction, clarification or update.',
        { field: 'kind' },
      );
    }
    const priority = input.priority ?? 'normal';
    if (!(correctionPriorities as readonly string[]).includes(priority)) {
      throw new AppError('invalid_priority', '`priority` must be high or normal.', {
        field: 'priority',
      });
    }
    const text = input.text.trim();
    if (!text) {
      throw new AppError('text_required', 'Write the text of the notice.', { field: 'text' });
    }
    if (text.length > limits.correction) {
      throw tooLong('text', `A notice can be at most ${limits.correction} characters.`);
    }
    if (article.status !== 'published' && article.status !== 'unpublished') {
      throw new AppError(
        'not_published',
        'Corrections are for published articles; edit the draft instead.',
      );
    }
    const kind = input.kind as CorrectionKind;
    const at = this.now().toISOString();
    const id = await this.store.transaction(async (tx) => {
      const id = await tx.newsroom.addCorrection({
        articleId: article.id,
        kind,
        text,
        createdAt: at,
        priority: priority as CorrectionPriority,
      });
      // An update or a correction moves the public "Updated" time; a clarification does not.
      if (kind === 'update') await tx.newsroom.markUpdated(article.id, at, text);
      if (kind === 'correction') await tx.newsroom.markUpdated(article.id, at, null);
      return id;
    });
    this.announce(article);
    const after = await this.store.reader.getById(article.id);
    const correction = after?.corrections.find((c) => c.id === id);
    if (!after || !correction) throw notFound('That article');
    return { article: after, correction };
  }

  async retractCorrection(actor: User, idOrSlug: string, correctionId: string, note: string) {
    const article = await this.article(actor, idOrSlug);
    if (!isEditor(actor.role)) {
      throw new AppError('editor_only', 'Only an editor can retract a correction.');
    }
    const text = note.trim();
    if (!text) {
      throw new AppError(
        'note_required',
        'Say why it is retracted: the note is shown to readers.',
        { field: 'note' },
      );
    }
    if (text.length > limits.note) {
      throw tooLong('note', `The note can be at most ${limits.note} characters.`);
    }
    const existing = article.corrections.find((c) => c.id === correctionId);
    if (!existing) throw notFound('That correction');
    const done = await this.store.newsroom.retractCorrection({
      articleId: article.id,
      correctionId,
      at: this.now().toISOString(),
      note: text,
    });
    if (!done) throw new AppError('already_retracted', 'That correction is already retracted.');
    this.announce(article);
    const after = await this.store.reader.getById(article.id);
    const correction = after?.corrections.find((c) => c.id === correctionId);
    if (!after || !correction) throw notFound('That correction');
    return { article: after, correction };
  }

  async revisions(actor: User, idOrSlug: string): Promise<RevisionSummary[]> {
    const article = await this.article(actor, idOrSlug);
    return this.store.newsroom.revisions(article.id);
  }

  async revision(actor: User, idOrSlug: string, version: number): Promise<ArticleRevision> {
    const article = await this.article(actor, idOrSlug);
    const revision = await this.store.newsroom.revision(article.id, version);
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
    const article = await this.article(actor, idOrSlug);
    if (!canEdit(actor, article)) {
      throw new AppError('action_not_allowed', 'You cannot edit this article.');
    }
    if (baseVersion !== article.version) throw new StaleEditError(article);
    const revision = await this.store.newsroom.revision(article.id, version);
    if (!revision) throw notFound('That revision');
    // The revision's slug may since belong to another article; the current one then stays.
    const slugFree = !(await this.store.newsroom.slugTaken(revision.content.slug, article.id));
    const sectionExists = (await this.store.sections.get(revision.content.sectionSlug)) !== null;
    const content: ArticleContent = {
      ...revision.content,
      slug: slugFree ? revision.content.slug : article.slug,
      sectionSlug: sectionExists ? revision.content.sectionSlug : article.section.slug,
    };
    return this.save(actor, article, baseVersion, content, {
      note: `Restored version ${version}`,
    });
  }

  /**
   * Announces a committed change, naming the listings (sections, authors, tags) the article is
   * listed under after it and, when given, before it, so the page cache drops only those.
   */
  private announce(after: Article, before?: Article) {
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

  /** The whole content of a save: the fields given, validated, over the article's current ones. */
  private async content(current: Article | null, f: ArticleFields): Promise<ArticleContent> {
    const headline = (f.headline ?? current?.headline ?? '').trim();
    if (!headline) {
      throw new AppError('headline_required', 'Write a headline.', { field: 'headline' });
    }
    if (headline.length > limits.headline) {
      throw tooLong('headline', `A headline can be at most ${limits.headline} characters.`);
    }
    const standfirst = (f.standfirst ?? current?.standfirst ?? '').trim();
    if (standfirst.length > limits.standfirst) {
      throw tooLong('standfirst', `A standfirst can be at most ${limits.standfirst} characters.`);
    }
    const body = f.body ?? current?.body ?? '';
    if (body.length > limits.body) {
      throw tooLong(
        'body',
        `The body can be at most ${limits.body.toLocaleString('en-GB')} characters.`,
      );
    }
    const dateline = (f.dateline ?? current?.dateline ?? '').trim();
    if (dateline.length > limits.dateline) {
      throw tooLong('dateline', `A dateline can be at most ${limits.dateline} characters.`);
    }
    const sectionSlug = f.section ?? current?.section.slug;
    if (!sectionSlug) {
      throw new AppError('section_required', 'Choose a section.', { field: 'section' });
    }
    if (!(await this.store.sections.get(sectionSlug))) {
      throw new AppError('unknown_section', `There is no section "${sectionSlug}".`, {
        field: 'section',
      });
    }
    const slug = await this.slugFor(current, f.slug, headline);
    const tags = f.tags ? tagRefs(f.tags) : (current?.tags ?? []);
    const authorIds = f.authors
      ? await this.authorIds(f.authors)
      : (current?.authors.map((a) => a.id) ?? []);
    const relatedIds = f.related
      ? await this.relatedIds(f.related, current?.id)
      : (current?.relatedIds ?? []);
    return {
      slug,
      sectionSlug,
      headline,
      standfirst,
      body,
      dateline,
      authorIds,
      tags,
      relatedIds,
    };
  }

  private async slugFor(current: Article | null, given: string | undefined, headline: string) {
    if (given !== undefined && given !== current?.slug) {
      const slug = given.trim();
      if (!isSlug(slug)) {
        throw new AppError(
          'invalid_slug',
          'A slug is lower-case letters, digits and single hyphens, e.g. "council-votes-on-budget".',
          { field: 'slug' },
        );
      }
      if (await this.store.newsroom.slugTaken(slug, current?.id)) {
        throw new AppError('slug_taken', `The slug "${slug}" is already used by another article.`, {
          field: 'slug',
        });
      }
      return slug;
    }
    if (current) return current.slug;
    // A new article's slug comes from its headline, made unique with a number.
    return freeSlug(slugify(headline) || 'article', (slug) => this.store.newsroom.slugTaken(slug));
  }

  private async authorIds(refs: readonly string[]): Promise<string[]> {
    if (refs.length > limits.authors) {
      throw tooMany('authors', `An article can have at most ${limits.authors} authors.`);
    }
    const ids: string[] = [];
    for (const ref of refs) {
      const user = (await this.store.users.byId(ref)) ?? (await this.store.users.bySlug(ref));
      if (!user) {
        throw new AppError('unknown_author', `There is no author "${ref}".`, { field: 'authors' });
      }
      if (!newsroomRoles.includes(user.role)) {
        throw new AppError(
          'author_not_staff',
          `${user.name} is not on the newsroom staff, so cannot be an author.`,
          { field: 'authors' },
        );
      }
      if (!ids.includes(user.id)) ids.push(user.id);
    }
    return ids;
  }

  private async relatedIds(refs: readonly string[], selfId: string | undefined) {
    if (refs.length > limits.related) {
      throw tooMany('related', `An article can have at most ${limits.related} related stories.`);
    }
    const ids: string[] = [];
    for (const ref of refs) {
      const a = (await this.store.reader.getById(ref)) ?? (await this.store.reader.getBySlug(ref));
      if (!a) {
        throw new AppError('unknown_article', `There is no article "${ref}" to relate.`, {
          field: 'related',
        });
      }
      if (a.id !== selfId && !ids.includes(a.id)) ids.push(a.id);
    }
    return ids;
  }
}

/** Tag names to tags: trimmed, slugged, the first of each slug kept. */
export function tagRefs(names: readonly string[]): TagRef[] {
  const tags: TagRef[] = [];
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (!name) continue;
    if (name.length > limits.tagName) {
      throw tooLong('tags', `A tag can be at most ${limits.tagName} characters: "${name}".`);
    }
    const slug = slugify(name);
    if (!slug) {
      throw new AppError('invalid_tag', `The tag "${name}" needs at least one letter or digit.`, {
        field: 'tags',
      });
    }
    if (!tags.some((t) => t.slug === slug)) tags.push({ slug, name });
  }
  if (tags.length > limits.tags) {
    throw tooMany('tags', `An article can have at most ${limits.tags} tags.`);
  }
  return tags;
}
