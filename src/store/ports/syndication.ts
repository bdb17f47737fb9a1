/**
 * What feeds, sitemaps, the corrections page and search read of published articles.
 * Used by services/syndication, search, reading (related stories by text).
 */
import type { TimeCursor } from '../../domain/cursor.js';
import type { SearchResults, SearchTerms } from '../../domain/search.js';
import type { PublishedCorrection, SitemapChunk, SitemapEntry } from '../../domain/syndication.js';

export interface SyndicationStore {
  /** Published articles in sitemap files of `size`, oldest first: each file's summary. */
  sitemapChunks(size: number): Promise<SitemapChunk[]>;
  /** Slugs of everyone with a byline on a published article, with their newest change. */
  sitemapAuthors(): Promise<{ slug: string; lastmod: string }[]>;
  /** The articles of one sitemap file (`chunk` from 0), oldest first. */
  sitemapEntries(size: number, chunk: number): Promise<SitemapEntry[]>;
  /** Corrections of published articles, newest first, keyset-paged (createdAt, id). */
  recentCorrections(query: {
    limit: number;
    after?: TimeCursor | null;
  }): Promise<PublishedCorrection[]>;
  /** Published articles matching the terms (English stemming), best first. */
  search(query: { terms: SearchTerms; limit: number; offset: number }): Promise<SearchResults>;
}
