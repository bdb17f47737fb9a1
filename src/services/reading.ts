/** What readers see: the front page, section pages and article pages. */
import { articlePath, type Article, type ArticleSummary } from '../domain/article.js';
import { oldPathKey } from '../domain/old-path.js';
import { imageIdsIn, relatedSlugsIn, renderedParts, type RenderedPart } from '../domain/body.js';
import type { Image } from '../domain/image.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { relatedTextTerms } from '../domain/search.js';
import {
  arrangementAt,
  isLive,
  nextExpiry,
  type FrontArrangement,
  type FrontPin,
} from '../domain/front.js';
import { AppError, notFound } from '../errors.js';
import { menuSections, type Section } from '../domain/section.js';
import type { Store } from '../store/types.js';
import type { CommentThreadService, CommentView, CommentsPage } from './comment-threads.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FrontPage {
  lead: ArticleSummary | null;
  /** The stories editors pinned to the featured slots (still published, not expired), in order. */
  featured: ArticleSummary[];
  /** The next newest after the lead, shown beside it. */
  latest: ArticleSummary[];
  bySection: { section: Section; articles: ArticleSummary[] }[];
  /** When the page changes by itself (the first pin it shows expires), if ever. */
  changesAt: string | null;
}

export interface ArticlePage {
  article: Article;
  /** Headlines placed inline with [[related:SLUG]], by slug (published ones only). */
  inline: Map<string, ArticleSummary>;
  /** Editor's picks first, then topical ones. */
  related: ArticleSummary[];
  /** Images placed in the body with [[image:ID]], by id. */
  images: Map<string, Image>;
  /** The part of the comments the page shows (the first page, oldest first, by default). */
  comments: CommentsPage;
  /**
   * The body as rendered when it was saved, with its placements still to fill in; null when the
   * store has none of the current renderer (the view then renders the Markdown).
   */
  renderedBody: { source: string; parts: RenderedPart[] } | null;
}

export type ArticleLookup = { kind: 'found'; page: ArticlePage } | { kind: 'moved'; path: string };

/** An article page but for its comments: what changes only when an article changes. */
export type ArticlePart = Omit<ArticlePage, 'comments'>;

const relatedCount = 4;

/** An unpublished article's address answers 410 Gone with a short notice. */
const withdrawn = () =>
  new AppError(
    'article_withdrawn',
    'This article has been withdrawn by the newsroom and is no longer available.',
  );
const perSectionOnFront = 4;
const latestOnFront = 4;

export interface ReadingDeps {
  store: Pick<
    Store,
    'reader' | 'sections' | 'syndication' | 'users' | 'images' | 'imports' | 'front'
  >;
  /** An article page shows a page of its comments. */
  threads: Pick<CommentThreadService, 'pageFor'>;
}

export class ReadingService {
  private readonly store: ReadingDeps['store'];
  private readonly threads: ReadingDeps['threads'];

  constructor(deps: ReadingDeps) {
    this.store = deps.store;
    this.threads = deps.threads;
  }

  /** Every section, hidden ones included (the article editor's choice). */
  sections(): Promise<Section[]> {
    return this.store.sections.list();
  }

  /** The sections the masthead's navigation shows: all but the hidden ones. */
  async menuSections(): Promise<Section[]> {
    return menuSections(await this.store.sections.list());
  }

  /**
   * The front page: the pinned lead (else the newest story), the featured stories, the latest
   * beside the lead, and a block per section in the editors' order. `arrangement` draws it with
   * one that is not saved (the editors' preview); by default the stored one, as it is now.
   */
  async frontPage(arrangement?: FrontArrangement): Promise<FrontPage> {
    const now = new Date();
    const [sections, stored] = await Promise.all([
      this.menuSections(),
      arrangement
        ? null
        : Promise.all([this.store.front.pins(), this.store.front.sectionChoices()]),
    ]);
    const chosen =
      arrangement ?? arrangementAt(stored?.[0] ?? [], stored?.[1] ?? [], sections, now);
    const pins = [...(chosen.lead ? [chosen.lead] : []), ...chosen.featured].filter((p) =>
      isLive(p, now),
    );
    const [latest, pinned] = await Promise.all([
      this.store.reader.listPublished({ limit: 1 + latestOnFront + pins.length }),
      this.store.reader.publishedByIds(pins.map((p) => p.articleId)),
    ]);
    // A pinned article no longer published is simply not there: its slot is empty.
    const byId = new Map(pinned.map((a) => [a.id, a]));
    const shownPin = (p: FrontPin | null) =>
      p && isLive(p, now) && byId.has(p.articleId) ? p : null;
    const leadPin = shownPin(chosen.lead);
    const featuredPins = chosen.featured.flatMap((p) => shownPin(p) ?? []);
    const featured = featuredPins.flatMap((p) => byId.get(p.articleId) ?? []);
    const curated = new Set(featured.map((a) => a.id));
    const lead =
      (leadPin && byId.get(leadPin.articleId)) ?? latest.find((a) => !curated.has(a.id)) ?? null;
    if (lead) curated.add(lead.id);
    const rest = latest.filter((a) => !curated.has(a.id)).slice(0, latestOnFront);
    const bySlug = new Map(sections.map((s) => [s.slug, s]));
    const onFront = chosen.sections.flatMap((slug) => bySlug.get(slug) ?? []);
    const inSections = await this.store.reader.latestInSections(
      onFront.map((s) => s.slug),
      perSectionOnFront + curated.size,
    );
    const bySection = onFront.map((section) => ({
      section,
      articles: inSections
        .filter((a) => a.section.slug === section.slug && !curated.has(a.id))
        .slice(0, perSectionOnFront),
    }));
    return {
      lead,
      featured,
      latest: rest,
      bySection: bySection.filter((s) => s.articles.length > 0),
      changesAt: nextExpiry([...(leadPin ? [leadPin] : []), ...featuredPins]),
    };
  }

  async section(slug: string, cursor: string | undefined, limit = 20) {
    const section = await this.store.sections.get(slug);
    if (!section) throw notFound('That section');
    return { section, page: await this.published({ section: slug }, cursor, limit) };
  }

  /** An author's page: the person (anyone with a published byline) and their articles. */
  async author(slug: string, cursor: string | undefined, limit = 20) {
    const person = await this.store.users.bySlug(slug);
    if (!person) throw notFound('That author');
    const page = await this.published({ author: slug }, cursor, limit);
    // Commenters are people too, but only bylined staff have a public author page.
    if (page.items.length === 0 && cursor === undefined && person.role === 'commenter') {
      throw notFound('That author');
    }
    return { person, page };
  }

  /** A tag's page: the tag and its published articles (a tag with none is not a page). */
  async tag(slug: string, cursor: string | undefined, limit = 20) {
    const tag = await this.store.reader.tagBySlug(slug);
    if (!tag) throw notFound('That topic');
    const page = await this.published({ tag: slug }, cursor, limit);
    if (page.items.length === 0 && cursor === undefined) throw notFound('That topic');
    return { tag, page };
  }

  /** Published articles, keyset-paged; `cursor` is the opaque value of a previous page. */
  async published(
    filter: { section?: string; tag?: string; author?: string },
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<ArticleSummary>> {
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && after === null) {
      throw new AppError(
        'invalid_cursor',
        'The cursor is not valid; start again from the first page.',
        { field: 'cursor' },
      );
    }
    const rows = await this.store.reader.listPublished({ ...filter, limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last?.publishedAt
        ? encodeCursor({ t: last.publishedAt, id: last.id })
        : null;
    return { items, nextCursor };
  }

  /** Like `published`, but whole articles (for the API). */
  async publishedFull(
    filter: { section?: string; tag?: string; author?: string },
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<Article>> {
    const page = await this.published(filter, cursor, limit);
    const full = await Promise.all(page.items.map((a) => this.store.reader.getById(a.id)));
    return { items: full.filter((a): a is Article => a !== null), nextCursor: page.nextCursor };
  }

  /** An article for the public API by id or slug; only published ones. */
  async publishedArticle(idOrSlug: string): Promise<Article> {
    const article =
      (await this.store.reader.getById(idOrSlug)) ?? (await this.store.reader.getBySlug(idOrSlug));
    if (article?.status === 'unpublished') throw withdrawn();
    if (!article || article.status !== 'published') throw notFound('That article');
    return article;
  }

  /**
   * Where an address that is not (or no longer) here is now: an imported article's address on
   * its old site (`/2024/03/05/slug/`, `/?p=4`) leads to the article, if it is published; an
   * address under a renamed or removed section's slug (`/old`, `/old/feed.xml`, `/old?cursor=…`)
   * to the same address under the section that has its articles now. Null otherwise.
   */
  async oldAddress(url: string): Promise<string | null> {
    const key = oldPathKey(url);
    if (!key) return null;
    const id = await this.store.imports.articleIdByOldPath(key);
    const article = id ? await this.store.reader.getById(id) : null;
    if (article) return article.status === 'published' ? articlePath(article) : null;
    return this.renamedSectionAddress(url);
  }

  private async renamedSectionAddress(url: string): Promise<string | null> {
    const match = /^\/([a-z0-9-]{1,120})(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
    if (!match?.[1] || (await this.store.sections.get(match[1]))) return null;
    const current = await this.store.sections.currentSlug(match[1]);
    return current ? `/${current}${match[2] ?? ''}${match[3] ?? ''}` : null;
  }

  /**
   * The article at /{section}/{yyyy}/{mm}/{dd}/{slug}. Slugs are unique site-wide, so a right
   * slug under a wrong section or date answers with the canonical path instead.
   */
  async articleAt(
    requestPath: string,
    slug: string,
    commentView: CommentView = { kind: 'page', sort: 'oldest' },
  ): Promise<ArticleLookup> {
    const found = await this.publishedAt(requestPath, slug);
    if (found.kind === 'moved') return found;
    // The comments are read beside the rest, not after it.
    const [part, comments] = await Promise.all([
      this.surroundings(found.article),
      this.threads.pageFor(found.article, commentView),
    ]);
    return { kind: 'found', page: { ...part, comments } };
  }

  private async publishedAt(
    requestPath: string,
    slug: string,
  ): Promise<{ kind: 'found'; article: Article } | { kind: 'moved'; path: string }> {
    // A slug the article had before still leads to it (and so to its new address).
    const article =
      (await this.store.reader.getBySlug(slug)) ?? (await this.store.reader.byOldSlug(slug));
    if (article?.status === 'unpublished') throw withdrawn();
    if (!article || article.status !== 'published') throw notFound('That article');
    const canonical = articlePath(article);
    if (canonical !== requestPath) return { kind: 'moved', path: canonical };
    return { kind: 'found', article };
  }

  private async surroundings(article: Article): Promise<ArticlePart> {
    const parts = renderedParts(article.bodyHtml);
    const inlineSlugs = parts ? placedIn(parts, 'related') : relatedSlugsIn(article.body);
    const imageIds = parts ? placedIn(parts, 'image') : imageIdsIn(article.body);
    const [inlineArticles, picks, topical, images] = await Promise.all([
      this.store.reader.publishedBySlugs(inlineSlugs),
      this.store.reader.publishedByIds(article.relatedIds),
      this.store.reader.topical(article, relatedCount + article.relatedIds.length),
      imageIds.length ? this.store.images.byIds(imageIds) : [],
    ]);
    const pickOrder = new Map(article.relatedIds.map((id, i) => [id, i]));
    picks.sort((a, b) => (pickOrder.get(a.id) ?? 0) - (pickOrder.get(b.id) ?? 0));
    const related = [...picks];
    const fill = (candidates: readonly ArticleSummary[]) => {
      for (const candidate of candidates) {
        if (related.length >= Math.max(relatedCount, picks.length)) break;
        if (candidate.id !== article.id && !related.some((r) => r.id === candidate.id))
          related.push(candidate);
      }
    };
    fill(topical);
    // Still room: stories whose text shares the headline's telling words, best match first.
    const terms = related.length < relatedCount ? relatedTextTerms(article.headline) : null;
    if (terms) {
      const found = await this.store.syndication.search({
        terms,
        limit: relatedCount + 1,
        offset: 0,
      });
      fill(found.hits.map((h) => h.article));
    }
    return {
      article,
      inline: new Map(inlineArticles.map((a) => [a.slug, a])),
      related,
      images: new Map(images.map((i) => [i.id, i])),
      renderedBody: parts ? { source: article.body, parts } : null,
    };
  }
}

/** The slugs or image ids a rendered body places, in order, each once. */
function placedIn(parts: readonly RenderedPart[], kind: 'related' | 'image'): string[] {
  const found = new Set<string>();
  for (const part of parts) {
    if (part.kind === 'related' && kind === 'related') found.add(part.slug);
    else if (part.kind === 'image' && kind === 'image') found.add(part.id);
  }
  return [...found];
}
