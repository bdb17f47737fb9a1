/**
 * Audience insights (issue 24): counted page views. Counts arrive added up per grain and bucket
 * and are added to what is stored (never replaced), so several processes and servers flushing at
 * once sum exactly. Reads sum a range of one grain.
 */
import type { Grain, PageKind, ReferrerCategory, ViewKey } from '../../domain/insights.js';

/** Views of one key in one bucket of one grain (`bucket`: minutes since the epoch, UTC). */
export interface InsightCount extends ViewKey {
  grain: Grain;
  bucket: number;
  views: number;
}

/** A stored row with the name of its page: a section's name, an article's headline ('' else). */
export interface NamedInsightCount extends InsightCount {
  name: string;
}

/** A range of buckets of one grain, from inclusive, to exclusive (minutes since the epoch). */
export interface InsightRange {
  grain: Grain;
  from: number;
  to: number;
}

export interface ArticleViews {
  articleId: string;
  headline: string;
  slug: string;
  sectionSlug: string;
  sectionName: string;
  publishedAt: string | null;
  views: number;
}

export interface InsightStore {
  /** Adds the counts to the stored ones, in one transaction. Keys must not repeat. */
  add(counts: readonly InsightCount[]): Promise<void>;
  /** Deletes rows of a grain in buckets before `before`; how many went. */
  prune(grain: Grain, before: number): Promise<number>;
  /** Published articles by views in the range, most first (ties: newer first). */
  topArticles(range: InsightRange, limit: number, sectionSlug?: string): Promise<ArticleViews[]>;
  /** Views by page kind and subject in the range (sections by slug), most first. */
  bySubject(
    range: InsightRange,
    kind: PageKind,
    limit: number,
  ): Promise<{ subject: string; views: number }[]>;
  /** Views of section pages by section, with its name (its slug if it is gone), most first. */
  bySection(
    range: InsightRange,
    limit: number,
  ): Promise<{ slug: string; name: string; views: number }[]>;
  /** Views by referrer category and host in the range (optionally of one article), most first. */
  byReferrer(
    range: InsightRange,
    limit: number,
    articleId?: string,
  ): Promise<{ category: ReferrerCategory; host: string; views: number }[]>;
  /** Views by campaign (those with one), most first. */
  byCampaign(range: InsightRange, limit: number): Promise<{ campaign: string; views: number }[]>;
  /** Views of each of these campaigns in the range (those without any left out). */
  campaignViews(range: InsightRange, campaigns: readonly string[]): Promise<Map<string, number>>;
  /** Views per bucket in the range (every page, or one article), buckets with none left out. */
  series(range: InsightRange, articleId?: string): Promise<{ bucket: number; views: number }[]>;
  /** Published comments written in the range (ISO times), per article, most first. */
  commentsPerArticle(
    from: string,
    to: string,
    limit: number,
  ): Promise<{ articleId: string; headline: string; comments: number }[]>;
  /** How many rows each grain holds (retention is tested with it). */
  rowCounts(): Promise<Record<Grain, number>>;
  /** Every stored row, for the privacy test and the CSV export of a range. */
  rows(range?: InsightRange): Promise<InsightCount[]>;
  /** The stored rows of a range with their page's name (the CSV export). */
  namedRows(range: InsightRange): Promise<NamedInsightCount[]>;
}
