/**
 * What reader pages (and the API's reads) ask of articles: published lists, one article, tags.
 * Used by services/reading, and by every service that shows or checks an article (newsroom,
 * comments, moderation, syndication, images, notifications, demo, imports/disqus).
 */
import type { Article, ArticleSummary, TagRef } from '../../domain/article.js';
import type { TimeCursor } from '../../domain/cursor.js';

export interface ArticleListQuery {
  section?: string;
  tag?: string;
  author?: string;
  limit: number;
  /** Items strictly after this (publishedAt desc, id desc). */
  after?: TimeCursor | null;
}

export interface ReaderStore {
  /** Published articles, newest first, keyset-paged. */
  listPublished(query: ArticleListQuery): Promise<ArticleSummary[]>;
  /**
   * The newest `limit` published articles of each of these sections, in one round trip (the
   * front page): grouped by section in the order given, newest first within each.
   */
  latestInSections(sections: readonly string[], limit: number): Promise<ArticleSummary[]>;
  countPublished(): Promise<number>;
  getById(id: string): Promise<Article | null>;
  getBySlug(slug: string): Promise<Article | null>;
  /** Summaries of published articles with these slugs, in no particular order. */
  publishedBySlugs(slugs: readonly string[]): Promise<ArticleSummary[]>;
  publishedByIds(ids: readonly string[]): Promise<ArticleSummary[]>;
  /** Published articles sharing tags (then the section) with this one, best first. */
  topical(article: Article, limit: number): Promise<ArticleSummary[]>;
  /** The article that used to have this slug, if any. */
  byOldSlug(slug: string): Promise<Article | null>;
  /** A tag by its slug. */
  tagBySlug(slug: string): Promise<TagRef | null>;
}
