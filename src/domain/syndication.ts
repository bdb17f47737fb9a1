/** What sitemaps, feeds and the corrections page list. */
import type { ArticleSummary, CorrectionKind } from './article.js';

/** A published article as a sitemap lists it. */
export interface SitemapEntry {
  slug: string;
  sectionSlug: string;
  publishedAt: string;
  /** The latest of publication, public update and newest standing correction. */
  lastmod: string;
}

/** One file's worth of sitemap entries: its number (from 0), newest change and size. */
export interface SitemapChunk {
  index: number;
  lastmod: string;
  count: number;
}

/** A correction (not retracted) of a published article, with the article it corrects. */
export interface PublishedCorrection {
  id: string;
  kind: CorrectionKind;
  text: string;
  createdAt: string;
  article: ArticleSummary;
}
