/** Articles as the rest of the system sees them: plain data and the rules about their URLs. */
import type { Image } from './image.js';

export const articleStatuses = [
  'draft',
  'review',
  'scheduled',
  'published',
  'unpublished',
] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

export const correctionKinds = ['correction', 'clarification', 'update'] as const;
export type CorrectionKind = (typeof correctionKinds)[number];

export interface AuthorRef {
  id: string;
  name: string;
  slug: string;
}

export interface SectionRef {
  slug: string;
  name: string;
}

export interface TagRef {
  slug: string;
  name: string;
}

/** High-priority notices stand above the body; the others follow it. */
export const correctionPriorities = ['high', 'normal'] as const;
export type CorrectionPriority = (typeof correctionPriorities)[number];

/**
 * A public, dated notice on an article. It is never deleted: a retracted one stays, struck
 * through, with the retraction's note, and leaves the NewsArticle `correction` list.
 */
export interface Correction {
  id: string;
  kind: CorrectionKind;
  priority: CorrectionPriority;
  text: string;
  createdAt: string;
  retractedAt: string | null;
  retractionNote: string | null;
}

/** The corrections that count publicly (JSON-LD `correction`, feeds): not retracted. */
export function activeCorrections(corrections: readonly Correction[]): Correction[] {
  return corrections.filter((c) => c.retractedAt === null);
}

/** What listings need: no body. */
export interface ArticleSummary {
  id: string;
  slug: string;
  headline: string;
  standfirst: string;
  dateline: string;
  status: ArticleStatus;
  section: SectionRef;
  authors: AuthorRef[];
  publishedAt: string | null;
  updatedAt: string | null;
  commentCount: number;
  /** Shown at the top of the article and on its cards. */
  mainImage: Image | null;
  /** Live coverage running now (set by listings that show the LIVE label). */
  live?: boolean;
}

export interface Article extends ArticleSummary {
  body: string;
  /**
   * The body as rendered when it was saved (domain/body.ts `renderBody`), when the store has it;
   * `renderedParts` says whether it is of the current renderer.
   */
  bodyHtml?: string | null;
  updateNote: string | null;
  tags: TagRef[];
  version: number;
  createdAt: string;
  modifiedAt: string;
  corrections: Correction[];
  /** Editor's picks, in order (article ids). */
  relatedIds: string[];
  /** When a scheduled article goes out; null unless scheduled. */
  publishAt: string | null;
  /** Who created it (an author may work on what they created or carry a byline on). */
  createdBy: string | null;
  /** An editor sent it back from review to draft with this note (until it is submitted again). */
  returned: { note: string; at: string; byName: string | null } | null;
}

/** `/{section}/{yyyy}/{mm}/{dd}/{slug}`, dated by the publication time in UTC. */
export function articlePath(a: { slug: string; section: SectionRef; publishedAt: string | null }) {
  const when = a.publishedAt ? new Date(a.publishedAt) : null;
  if (!when) return `/${a.section.slug}/draft/${a.slug}`;
  const yyyy = when.getUTCFullYear().toString().padStart(4, '0');
  const mm = (when.getUTCMonth() + 1).toString().padStart(2, '0');
  const dd = when.getUTCDate().toString().padStart(2, '0');
  return `/${a.section.slug}/${yyyy}/${mm}/${dd}/${a.slug}`;
}

export function isPublic(a: { status: ArticleStatus }): boolean {
  return a.status === 'published';
}
