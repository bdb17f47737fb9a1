/**
 * What feeds and the corrections page show: the newest published articles of the site, a
 * section or an author, and the newest corrections. Rendering (RSS, Atom, HTML) is the views'.
 */
import type { Article } from '../domain/article.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { AppError, notFound } from '../errors.js';
import type { PublishedCorrection, Store } from '../store/types.js';
import type { Page } from './reading.js';

/** `store.settings` key: `true` puts whole articles in feeds; anything else, the standfirst. */
export const feedsFullTextKey = 'feeds.fullText';

export type FeedScope =
  { kind: 'site' } | { kind: 'section'; slug: string } | { kind: 'author'; slug: string };

export interface ArticleFeed {
  kind: 'articles';
  /** What the feed is of, after the site name ("News", an author's name); null for the site. */
  subject: string | null;
  description: string;
  /** The HTML page the feed follows ("/", "/news", "/author/ann"). */
  pagePath: string;
  fullText: boolean;
  articles: Article[];
  /** The latest publication or public update among the articles (null when there are none). */
  updated: string | null;
}

export interface CorrectionsFeed {
  kind: 'corrections';
  corrections: PublishedCorrection[];
  updated: string | null;
}

const itemsPerFeed = 20;
const correctionsPerFeed = 30;

const latest = (times: readonly (string | null)[]) =>
  times.reduce<string | null>(
    (max, t) => (t !== null && (max === null || t > max) ? t : max),
    null,
  );

export class SyndicationService {
  constructor(private readonly store: Store) {}

  async fullText(): Promise<boolean> {
    const value = (await this.store.settings.get(feedsFullTextKey))?.trim().toLowerCase();
    return value === 'true' || value === '1' || value === 'yes';
  }

  async articleFeed(scope: FeedScope): Promise<ArticleFeed> {
    const described = await this.describe(scope);
    const [summaries, fullText] = await Promise.all([
      this.store.articles.listPublished({ ...described.filter, limit: itemsPerFeed }),
      this.fullText(),
    ]);
    if (scope.kind === 'author' && summaries.length === 0 && described.commenter) {
      throw notFound('That author');
    }
    const articles = (
      await Promise.all(summaries.map((a) => this.store.articles.getById(a.id)))
    ).filter((a): a is Article => a !== null);
    return {
      kind: 'articles',
      subject: described.subject,
      description: described.description,
      pagePath: described.pagePath,
      fullText,
      articles,
      updated: latest(articles.map((a) => a.updatedAt ?? a.publishedAt)),
    };
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
        subject: person.name,
        description: person.bio,
        pagePath: `/author/${person.slug}`,
        filter: { author: person.slug },
        commenter: person.role === 'commenter',
      };
    }
    return { subject: null, description: '', pagePath: '/', filter: {}, commenter: false };
  }

  async correctionsFeed(): Promise<CorrectionsFeed> {
    const corrections = await this.store.articles.recentCorrections({ limit: correctionsPerFeed });
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
        'bad_request',
        'The cursor is not valid; start again from the first page.',
      );
    }
    const rows = await this.store.articles.recentCorrections({ limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ t: last.createdAt, id: last.id }) : null,
    };
  }
}
