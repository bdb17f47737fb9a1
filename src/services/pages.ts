/**
 * Static pages (About, Contact, Privacy…): editors write them as drafts, publish and unpublish
 * them, and every save is kept as a revision; readers find a published page at `/{slug}`, and an
 * old slug redirects. Slugs share the first path segment with sections and the site's own routes,
 * so a page may take neither (decisions/0037-static-pages.md).
 */
import type { Page, PageContent, PageLink, PageListItem, PageRevision } from '../domain/page.js';
import type { PageRevisionSummary } from '../domain/page.js';
import { freeSlug, isSlug, reservedSectionSlugs, slugify } from '../domain/slug.js';
import type { User } from '../domain/user.js';
import { isEditor } from '../domain/workflow.js';
import { AppError, notFound, tooLong } from '../errors.js';
import type { Store } from '../store/types.js';
import type { ChangeBus } from './changes.js';

export const pageLimits = { title: 200, description: 500, body: 100_000 } as const;

/** The editable fields as a caller sends them; absent ones keep their value. */
export interface PageFields {
  title?: string | undefined;
  description?: string | undefined;
  body?: string | undefined;
  /** From the title when a new page has none. */
  slug?: string | undefined;
}

export interface PageEdit extends PageFields {
  /** The version this edit was made from. */
  version: number;
}

/** A save made from an old version: nothing was written; here is what is there now. */
export class StalePageError extends AppError {
  constructor(readonly current: Page) {
    super(
      'stale_version',
      `Someone saved this page since you opened it (it is now at version ${current.version}). ` +
        'Nothing was overwritten; compare your text with theirs and save again.',
    );
  }
}

/** What a reader's `/{slug}` finds: the published page, or where it moved. */
export type PageLookup = { kind: 'page'; page: Page } | { kind: 'moved'; path: string } | null;

/** What the pages need of the menus: whether one shows a page (services/menus.ts). */
export interface MenuMembership {
  showsPage(pageId: string): Promise<boolean>;
}

export interface PageDeps {
  store: Pick<Store, 'pages' | 'sections'>;
  changes: ChangeBus;
  /** Without it, no page is in a menu. */
  menus?: MenuMembership;
  now?: () => Date;
}

export class PageService {
  private readonly store: PageDeps['store'];
  private readonly changes: ChangeBus;
  private readonly now: () => Date;
  private readonly menus: MenuMembership | undefined;

  constructor(deps: PageDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.menus = deps.menus;
    this.now = deps.now ?? (() => new Date());
  }

  /** Published pages by title, for a menu: what a reader can open. */
  async published(): Promise<PageLink[]> {
    const pages = await this.store.pages.listPublished();
    return pages.map(({ id, slug, title }) => ({ id, slug, title }));
  }

  /** The published page at this slug, or where a page that had it now is. */
  async atSlug(slug: string): Promise<PageLookup> {
    const page = await this.store.pages.bySlug(slug);
    if (page) return page.status === 'published' ? { kind: 'page', page } : null;
    const moved = await this.store.pages.byOldSlug(slug);
    return moved?.status === 'published' ? { kind: 'moved', path: `/${moved.slug}` } : null;
  }

  /** Every page, any status, most recently changed first. */
  async list(actor: User): Promise<PageListItem[]> {
    requireEditor(actor);
    return this.store.pages.list();
  }

  async page(actor: User, id: string): Promise<Page> {
    requireEditor(actor);
    const page = await this.store.pages.byId(id);
    if (!page) throw notFound('That page');
    return page;
  }

  async create(actor: User, fields: PageFields): Promise<Page> {
    requireEditor(actor);
    const content = await this.content(null, fields);
    return this.store.pages.create({
      ...content,
      createdAt: this.now().toISOString(),
      createdBy: actor.id,
    });
  }

  async edit(actor: User, id: string, edit: PageEdit): Promise<Page> {
    const page = await this.page(actor, id);
    // Stale before anything else: the person must see the newer text, not a validation error.
    if (edit.version !== page.version) throw new StalePageError(page);
    return this.save(actor, page, edit.version, await this.content(page, edit));
  }

  async publish(actor: User, id: string): Promise<Page> {
    const page = await this.page(actor, id);
    if (page.status !== 'draft') {
      throw new AppError('invalid_transition', 'This page is published already.');
    }
    if (page.body.trim() === '') {
      throw new AppError('body_missing', 'Write the page before publishing it.', {
        field: 'body',
      });
    }
    return this.move(page, 'published');
  }

  async unpublish(actor: User, id: string): Promise<Page> {
    const page = await this.page(actor, id);
    if (page.status !== 'published') {
      throw new AppError('invalid_transition', 'This page is not published.');
    }
    return this.move(page, 'draft');
  }

  async revisions(actor: User, id: string): Promise<PageRevisionSummary[]> {
    const page = await this.page(actor, id);
    return this.store.pages.revisions(page.id);
  }

  async revision(actor: User, id: string, version: number): Promise<PageRevision> {
    const page = await this.page(actor, id);
    const revision = await this.store.pages.revision(page.id, version);
    if (!revision) throw notFound('That revision');
    return revision;
  }

  /** Makes an old revision the newest one (a new revision; nothing is lost). */
  async restore(actor: User, id: string, version: number, baseVersion: number): Promise<Page> {
    const page = await this.page(actor, id);
    if (baseVersion !== page.version) throw new StalePageError(page);
    const revision = await this.store.pages.revision(page.id, version);
    if (!revision) throw notFound('That revision');
    // The old slug may since belong to another page or a section; the current one then stays.
    const slugFree =
      revision.content.slug === page.slug ||
      (await this.slugProblem(revision.content.slug, page.id)) === null;
    const content = { ...revision.content, slug: slugFree ? revision.content.slug : page.slug };
    return this.save(actor, page, baseVersion, content, `Restored version ${version}`);
  }

  private async save(
    actor: User,
    page: Page,
    baseVersion: number,
    content: PageContent,
    note?: string,
  ): Promise<Page> {
    const result = await this.store.pages.save({
      id: page.id,
      baseVersion,
      content,
      savedAt: this.now().toISOString(),
      savedBy: actor.id,
      ...(note ? { note } : {}),
    });
    if (!result.ok) {
      if (result.reason === 'stale') throw new StalePageError(result.current);
      throw notFound('That page');
    }
    if (page.status === 'published') {
      // A menu may show published pages' titles (and link their slugs) on every page.
      const everywhere = page.title !== content.title || page.slug !== content.slug;
      this.changes.publish(everywhere ? { kind: 'site' } : { kind: 'page', pageId: page.id });
    }
    return result.page;
  }

  private async move(page: Page, to: 'published' | 'draft'): Promise<Page> {
    const moved = await this.store.pages.setStatus({
      id: page.id,
      from: page.status,
      to,
      at: this.now().toISOString(),
    });
    if (!moved) {
      throw new AppError(
        'status_changed',
        'The page’s status changed meanwhile; reload and retry.',
      );
    }
    // A page in a menu appears in (or leaves) every page's masthead or footer.
    const inMenu = (await this.menus?.showsPage(page.id)) ?? false;
    this.changes.publish(inMenu ? { kind: 'site' } : { kind: 'page', pageId: page.id });
    const after = await this.store.pages.byId(page.id);
    if (!after) throw notFound('That page');
    return after;
  }

  /** The whole content of a save: the fields given, validated, over the page's current ones. */
  private async content(current: Page | null, f: PageFields): Promise<PageContent> {
    const title = (f.title ?? current?.title ?? '').trim();
    if (!title) throw new AppError('title_required', 'Write a title.', { field: 'title' });
    if (title.length > pageLimits.title) {
      throw tooLong(
        'title',
        `A title can be at most ${pageLimits.title} characters.`,
        pageLimits.title,
      );
    }
    const description = (f.description ?? current?.description ?? '').trim();
    if (description.length > pageLimits.description) {
      throw tooLong(
        'description',
        `A description can be at most ${pageLimits.description} characters.`,
        pageLimits.description,
      );
    }
    const body = f.body ?? current?.body ?? '';
    if (body.length > pageLimits.body) {
      throw tooLong(
        'body',
        `The page can be at most ${pageLimits.body.toLocaleString('en-GB')} characters.`,
        pageLimits.body,
      );
    }
    return { title, description, body, slug: await this.slugFor(current, f.slug, title) };
  }

  private async slugFor(current: Page | null, given: string | undefined, title: string) {
    const slug = given?.trim();
    if (slug && slug !== current?.slug) {
      const problem = await this.slugProblem(slug, current?.id);
      if (problem) throw problem;
      return slug;
    }
    if (current) return current.slug;
    // A new page's slug comes from its title, made unique with a number.
    return freeSlug(
      slugify(title) || 'page',
      async (candidate) => (await this.slugProblem(candidate)) !== null,
    );
  }

  /** Why a page may not take this slug, or null when it may. */
  private async slugProblem(slug: string, pageId?: string): Promise<AppError | null> {
    if (!isSlug(slug)) {
      return new AppError(
        'invalid_slug',
        'A slug is lower-case letters, digits and single hyphens, e.g. "about-us".',
        { field: 'slug' },
      );
    }
    if (reservedSectionSlugs.has(slug)) {
      return new AppError(
        'reserved_slug',
        `“${slug}” is an address the site uses for itself; choose another slug.`,
        { field: 'slug' },
      );
    }
    if (await this.store.sections.get(slug)) {
      return new AppError('slug_taken', `The section “${slug}” already has that address.`, {
        field: 'slug',
      });
    }
    if (await this.store.pages.slugTaken(slug, pageId)) {
      return new AppError('slug_taken', `Another page already has the slug “${slug}”.`, {
        field: 'slug',
      });
    }
    return null;
  }
}

function requireEditor(actor: User) {
  if (!isEditor(actor.role)) {
    throw new AppError('editor_only', 'Only an editor can manage pages.');
  }
}
