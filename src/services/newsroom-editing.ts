/**
 * Writing an article: create and edit (with a substantive update's note), the validated content
 * of a save (text limits, section, slug, tags, authors, related picks), and the lookups the
 * editor's form and preview make.
 */
import type { Article, ArticleSummary, TagRef } from '../domain/article.js';
import { relatedSlugsIn } from '../domain/body.js';
import type { ArticleContent } from '../domain/newsroom.js';
import { freeSlug, isSlug, slugify } from '../domain/slug.js';
import type { User } from '../domain/user.js';
import { canEdit, isEditor, newsroomRoles } from '../domain/workflow.js';
import { AppError, tooLong, tooMany } from '../errors.js';
import { limits, StaleEditError, type NewsroomContext } from './newsroom-context.js';

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

export class ArticleEditing {
  constructor(private readonly ctx: NewsroomContext) {}

  /** The slugs of the editor's picks, in order (for the editor's form). */
  async relatedSlugs(article: Article): Promise<string[]> {
    const picks = await Promise.all(
      article.relatedIds.map((id) => this.ctx.store.reader.getById(id)),
    );
    return picks.filter((a): a is Article => a !== null).map((a) => a.slug);
  }

  /** The articles these slugs or ids name, in order, skipping unknown ones (the related picker). */
  async relatedStories(refs: readonly string[]): Promise<ArticleSummary[]> {
    const found = await Promise.all(
      refs
        .slice(0, limits.related * 2)
        .map(
          async (ref) =>
            (await this.ctx.store.reader.getBySlug(ref)) ??
            (await this.ctx.store.reader.getById(ref)),
        ),
    );
    return found.filter((a): a is Article => a !== null);
  }

  /** Published articles a body places inline, by slug (for the preview). */
  async inlineFor(body: string): Promise<Map<string, ArticleSummary>> {
    const found = await this.ctx.store.reader.publishedBySlugs(relatedSlugsIn(body));
    return new Map(found.map((a) => [a.slug, a]));
  }

  /** Names of the people these author references name, skipping unknown ones (for the preview). */
  async authorNames(refs: readonly string[]): Promise<string[]> {
    const names: string[] = [];
    for (const ref of refs) {
      const user =
        (await this.ctx.store.users.byId(ref)) ?? (await this.ctx.store.users.bySlug(ref));
      if (user) names.push(user.name);
    }
    return names;
  }

  async create(actor: User, fields: ArticleFields): Promise<Article> {
    this.ctx.requireNewsroom(actor);
    const content = await this.content(null, {
      ...fields,
      authors: fields.authors ?? [actor.id],
    });
    const article = await this.ctx.store.newsroom.create({
      ...content,
      status: 'draft',
      publishedAt: null,
      createdAt: this.ctx.now().toISOString(),
      createdBy: actor.id,
    });
    return article;
  }

  async edit(actor: User, idOrSlug: string, edit: ArticleEdit): Promise<Article> {
    const article = await this.ctx.article(actor, idOrSlug);
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
        throw tooLong(
          'updateNote',
          `The update note can be at most ${limits.note} characters.`,
          limits.note,
        );
      }
      substantive = { note };
    }
    // Stale before anything else: the person must see the newer text, not a validation error.
    if (edit.version !== article.version) throw new StaleEditError(article);
    const content = await this.content(article, edit);
    return this.ctx.save(actor, article, edit.version, content, { substantive });
  }

  /** The whole content of a save: the fields given, validated, over the article's current ones. */
  private async content(current: Article | null, f: ArticleFields): Promise<ArticleContent> {
    const headline = (f.headline ?? current?.headline ?? '').trim();
    if (!headline) {
      throw new AppError('headline_required', 'Write a headline.', { field: 'headline' });
    }
    if (headline.length > limits.headline) {
      throw tooLong(
        'headline',
        `A headline can be at most ${limits.headline} characters.`,
        limits.headline,
      );
    }
    const standfirst = (f.standfirst ?? current?.standfirst ?? '').trim();
    if (standfirst.length > limits.standfirst) {
      throw tooLong(
        'standfirst',
        `A standfirst can be at most ${limits.standfirst} characters.`,
        limits.standfirst,
      );
    }
    const body = f.body ?? current?.body ?? '';
    if (body.length > limits.body) {
      throw tooLong(
        'body',
        `The body can be at most ${limits.body.toLocaleString('en-GB')} characters.`,
        limits.body,
      );
    }
    const dateline = (f.dateline ?? current?.dateline ?? '').trim();
    if (dateline.length > limits.dateline) {
      throw tooLong(
        'dateline',
        `A dateline can be at most ${limits.dateline} characters.`,
        limits.dateline,
      );
    }
    const sectionSlug = f.section ?? current?.section.slug;
    if (!sectionSlug) {
      throw new AppError('section_required', 'Choose a section.', { field: 'section' });
    }
    if (!(await this.ctx.store.sections.get(sectionSlug))) {
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
      if (await this.ctx.store.newsroom.slugTaken(slug, current?.id)) {
        throw new AppError('slug_taken', `The slug "${slug}" is already used by another article.`, {
          field: 'slug',
        });
      }
      return slug;
    }
    if (current) return current.slug;
    // A new article's slug comes from its headline, made unique with a number.
    return freeSlug(slugify(headline) || 'article', (slug) =>
      this.ctx.store.newsroom.slugTaken(slug),
    );
  }

  private async authorIds(refs: readonly string[]): Promise<string[]> {
    if (refs.length > limits.authors) {
      throw tooMany(
        'authors',
        `An article can have at most ${limits.authors} authors.`,
        limits.authors,
      );
    }
    const ids: string[] = [];
    for (const ref of refs) {
      const user =
        (await this.ctx.store.users.byId(ref)) ?? (await this.ctx.store.users.bySlug(ref));
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
      throw tooMany(
        'related',
        `An article can have at most ${limits.related} related stories.`,
        limits.related,
      );
    }
    const ids: string[] = [];
    for (const ref of refs) {
      const a =
        (await this.ctx.store.reader.getById(ref)) ?? (await this.ctx.store.reader.getBySlug(ref));
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
      throw tooLong(
        'tags',
        `A tag can be at most ${limits.tagName} characters: "${name}".`,
        limits.tagName,
      );
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
    throw tooMany('tags', `An article can have at most ${limits.tags} tags.`, limits.tags);
  }
  return tags;
}
