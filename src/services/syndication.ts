/**
 * What feeds and the corrections page show: the newest published articles of the site, a
 * section or an author, and the newest corrections. Rendering (RSS, Atom, HTML) is the views'.
 */
import { articlePath, type Article, type ArticleSummary } from '../domain/article.js';
import { imageIdsIn } from '../domain/body.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import type { Image } from '../domain/image.js';
import { isShown, type LiveUpdate } from '../domain/live.js';
import { pagePath, type PageListItem } from '../domain/page.js';
import { bylineOf } from '../domain/user.js';
import { AppError, notFound } from '../errors.js';
import type { PublishedCorrection } from '../domain/syndication.js';
import type { Store } from '../store/types.js';
import type { Page } from './reading.js';

/** `store.settings` key: `true` puts whole articles in feeds; anything else, the standfirst. */
export const feedsFullTextKey = 'feeds.fullText';

export type FeedScope =
  | { kind: 'site' }
  | { kind: 'section'; slug: string }
  | { kind: 'author'; slug: string }
  | { kind: 'tag'; slug: string };

export interface ArticleFeed {
  kind: 'articles';
  /** What the feed is of, after the site name ("News", an author's name); null for the site. */
  subject: string | null;
  description: string;
  /** The HTML page the feed follows ("/", "/news", "/author/ann"). */
  pagePath: string;
  fullText: boolean;
  articles: Article[];
  /** Images the articles' bodies place, by id (only for full text). */
  images: Map<string, Image>;
  /**
   * A live article's newest updates, by article id (issue 22): each is an item of its own.
   * Articles that never were live have no entry.
   */
  liveUpdates: Map<string, LiveUpdate[]>;
  /** The latest publication, public update or live update among the articles (null when none). */
  updated: string | null;
}

export interface CorrectionsFeed {
  kind: 'corrections';
  corrections: PublishedCorrection[];
  updated: string | null;
}

/** A sitemap's URL (a path on this site) and when what it shows last changed. */
export interface SitemapUrl {
  path: string;
  lastmod: string | null;
}

export type Sitemap =
  | { kind: 'urlset'; urls: SitemapUrl[]; updated: string | null }
  | { kind: 'index'; sitemaps: SitemapUrl[]; updated: string | null };

export interface SyndicationDeps {
  store: Pick<
    Store,
    'reader' | 'syndication' | 'sections' | 'settings' | 'images' | 'users' | 'pages' | 'live'
  >;
  /** Articles per sitemap file (10,000); with more, /sitemap.xml becomes an index of files. */
  sitemapUrlsPerFile?: number;
}

/** Google News sitemaps list the articles of the last two days, at most 1,000. */
const newsWindowMs = 48 * 3_600_000;
const newsMaxArticles = 1000;

const itemsPerFeed = 20;
/** A live article's newest updates in a feed, each an item. */
export const liveUpdatesPerFeed = 20;
const correctionsPerFeed = 30;

const latest = (times: readonly (string | null)[]) =>
  times.reduce<string | null>(
    (max, t) => (t !== null && (max === null || t > max) ? t : max),
    null,
  );

export class SyndicationService {
  private readonly store: SyndicationDeps['store'];
  private readonly options: { sitemapUrlsPerFile: number };

  constructor(deps: SyndicationDeps) {
    this.store = deps.store;
    this.options = { sitemapUrlsPerFile: deps.sitemapUrlsPerFile ?? 10_000 };
  }

  async fullText(): Promise<boolean> {
    const value = (await this.store.settings.get(feedsFullTextKey))?.trim().toLowerCase();
    return value === 'true' || value === '1' || value === 'yes';
  }

  async articleFeed(scope: FeedScope): Promise<ArticleFeed> {
    const described = await this.describe(scope);
    const [summaries, fullText] = await Promise.all([
      this.store.reader.listPublished({ ...described.filter, limit: itemsPerFeed }),
      this.fullText(),
    ]);
    if (scope.kind === 'author' && summaries.length === 0 && described.commenter) {
      throw notFound('That author');
    }
    const articles = (
      await Promise.all(summaries.map((a) => this.store.reader.getById(a.id)))
    ).filter((a): a is Article => a !== null);
    const liveUpdates = await this.liveUpdates(articles);
    const updates = [...liveUpdates.values()].flat();
    const imageIds = fullText
      ? [...new Set([...articles, ...updates].flatMap((a) => imageIdsIn(a.body)))]
      : [];
    const images = imageIds.length ? await this.store.images.byIds(imageIds) : [];
    return {
      kind: 'articles',
      images: new Map(images.map((i) => [i.id, i])),
      subject: described.subject,
      description: described.description,
      pagePath: described.pagePath,
      fullText,
      articles,
      liveUpdates,
      updated: latest([
        ...articles.map((a) => a.updatedAt ?? a.publishedAt),
        ...updates.map((u) => u.editedAt ?? u.postedAt),
      ]),
    };
  }

  /** The newest shown updates of those articles that are (or were) live coverage. */
  private async liveUpdates(articles: readonly Article[]): Promise<Map<string, LiveUpdate[]>> {
    const covered = await this.store.live.covered(articles.map((a) => a.id));
    const ids = articles.filter((a) => covered.has(a.id)).map((a) => a.id);
    const pages = await Promise.all(
      ids.map((id) => this.store.live.page(id, { order: 'newest', limit: liveUpdatesPerFeed })),
    );
    return new Map(ids.map((id, i) => [id, (pages[i] ?? []).filter(isShown)]));
  }

  private async describe(scope: FeedScope) {
    if (scope.kind === 'section') {
      const section = await this.store.sections.get(scope.slug);
      if (!section) throw notFound('That section');
      return {
        subject: section.name,
        description: section.description,
        pagePath: `/${section.slug}`,
        filter: { section: section.slug },
        commenter: false,
      };
    }
    if (scope.kind === 'author') {
      const person = await this.store.users.bySlug(scope.slug);
      if (!person) throw notFound('That author');
      return {
        subject: bylineOf(person),
        description: person.bio,
        pagePath: `/author/${person.slug}`,
        filter: { author: person.slug },
        commenter: person.role === 'commenter',
      };
    }
    if (scope.kind === 'tag') {
      const tag = await this.store.reader.tagBySlug(scope.slug);
      if (!tag) throw notFound('That topic');
      return {
        subject: tag.name,
        description: `The latest on ${tag.name}.`,
        pagePath: `/tag/${tag.slug}`,
        filter: { tag: tag.slug },
        commenter: false,
      };
    }
    return { subject: null, description: '', pagePath: '/', filter: {}, commenter: false };
  }

  async correctionsFeed(): Promise<CorrectionsFeed> {
    const corrections = await this.store.syndication.recentCorrections({
      limit: correctionsPerFeed,
    });
    return {
      kind: 'corrections',
      corrections,
      updated: latest(corrections.map((c) => c.createdAt)),
    };
  }

  /** The corrections page: newest first, keyset-paged. */
  async corrections(cursor: string | undefined, limit = 30): Promise<Page<PublishedCorrection>> {
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && after === null) {
      throw new AppError(
        'invalid_cursor',
        'The cursor is not valid; start again from the first page.',
        { field: 'cursor' },
      );
    }
    const rows = await this.store.syndication.recentCorrections({ limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ t: last.createdAt, id: last.id }) : null,
    };
  }

  /** /sitemap.xml: every URL when they fit one file, else an index of the files. */
  async sitemap(): Promise<Sitemap> {
    const size = this.options.sitemapUrlsPerFile;
    const [chunks, staticPages] = await Promise.all([
      this.store.syndication.sitemapChunks(size),
      this.store.pages.listPublished(),
    ]);
    const articlesUpdated = latest(chunks.map((c) => c.lastmod));
    const pagesUpdated = latest([articlesUpdated, ...staticPages.map((p) => p.modifiedAt)]);
    if (chunks.length <= 1) {
      const [pages, articles] = await Promise.all([
        this.pages(articlesUpdated, staticPages),
        this.articleUrls(0),
      ]);
      return { kind: 'urlset', urls: [...pages, ...articles], updated: pagesUpdated };
    }
    return {
      kind: 'index',
      sitemaps: [
        { path: '/sitemap-pages.xml', lastmod: pagesUpdated },
        ...chunks.map((c) => ({ path: `/sitemap-${c.index + 1}.xml`, lastmod: c.lastmod })),
      ],
      updated: pagesUpdated,
    };
  }

  /**
   * One file of the index: `pages` (front, sections, authors, corrections, static pages) or
   * articles `1`, `2`…
   */
  async sitemapPart(part: string): Promise<{ urls: SitemapUrl[]; updated: string | null }> {
    if (part === 'pages') {
      const [chunks, staticPages] = await Promise.all([
        this.store.syndication.sitemapChunks(this.options.sitemapUrlsPerFile),
        this.store.pages.listPublished(),
      ]);
      const articlesUpdated = latest(chunks.map((c) => c.lastmod));
      return {
        urls: await this.pages(articlesUpdated, staticPages),
        updated: latest([articlesUpdated, ...staticPages.map((p) => p.modifiedAt)]),
      };
    }
    const n = /^[1-9]\d{0,5}$/.test(part) ? Number(part) : 0;
    const urls = n > 0 ? await this.articleUrls(n - 1) : [];
    if (urls.length === 0) throw notFound('That sitemap');
    return { urls, updated: latest(urls.map((u) => u.lastmod)) };
  }

  private async articleUrls(chunk: number): Promise<SitemapUrl[]> {
    const entries = await this.store.syndication.sitemapEntries(
      this.options.sitemapUrlsPerFile,
      chunk,
    );
    return entries.map((e) => ({
      path: articlePath({
        slug: e.slug,
        section: { slug: e.sectionSlug, name: '' },
        publishedAt: e.publishedAt,
      }),
      lastmod: e.lastmod,
    }));
  }

  private async pages(
    updated: string | null,
    staticPages: readonly PageListItem[],
  ): Promise<SitemapUrl[]> {
    const sections = await this.store.sections.list();
    const newestIn = await Promise.all(
      sections.map((s) => this.store.reader.listPublished({ section: s.slug, limit: 1 })),
    );
    const [[correction], authors] = await Promise.all([
      this.store.syndication.recentCorrections({ limit: 1 }),
      this.store.syndication.sitemapAuthors(),
    ]);
    return [
      { path: '/', lastmod: updated },
      ...sections.map((s, i) => {
        const a = newestIn[i]?.[0];
        return { path: `/${s.slug}`, lastmod: a ? (a.updatedAt ?? a.publishedAt) : null };
      }),
      ...authors.map((p) => ({ path: `/author/${p.slug}`, lastmod: p.lastmod })),
      { path: '/corrections', lastmod: correction?.createdAt ?? null },
      // Static pages (About, Contact…): never news, so never in the news sitemap or feeds.
      ...staticPages.map((p) => ({ path: pagePath(p), lastmod: p.modifiedAt })),
    ];
  }

  /**
   * Articles for the Google News sitemap: published in the last 48 hours, newest first, then
   * the live pages whose coverage still runs however long ago they were published (decisions/0069).
   */
  async newsSitemap(
    now = new Date(),
  ): Promise<{ articles: ArticleSummary[]; updated: string | null }> {
    const since = now.getTime() - newsWindowMs;
    const [newest, liveIds] = await Promise.all([
      this.store.reader.listPublished({ limit: newsMaxArticles }),
      this.store.live.runningArticles(newsMaxArticles),
    ]);
    const recent = newest.filter(
      (a) => a.publishedAt !== null && Date.parse(a.publishedAt) >= since,
    );
    const listed = new Set(recent.map((a) => a.id));
    const older = liveIds.filter((id) => !listed.has(id));
    const live = older.length ? await this.store.reader.publishedByIds(older) : [];
    live.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
    const articles = [...recent, ...live].slice(0, newsMaxArticles);
    return { articles, updated: latest(articles.map((a) => a.publishedAt)) };
  }
}
