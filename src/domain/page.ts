/**
 * Static pages (About, Contact, Privacy…): a title, an optional description, a Markdown body and
 * a slug, drafted and published by editors, read at `/{slug}`. Never news: no section, byline,
 * date, feed or listing (decisions/0037-static-pages.md).
 */

export const pageStatuses = ['draft', 'published'] as const;
export type PageStatus = (typeof pageStatuses)[number];

/** What one save sets: the whole editable text. */
export interface PageContent {
  slug: string;
  title: string;
  description: string;
  body: string;
}

export interface Page extends PageContent {
  id: string;
  status: PageStatus;
  version: number;
  createdAt: string;
  /** The last save or status change. */
  modifiedAt: string;
  /** The first publication; kept when it is unpublished and published again. */
  publishedAt: string | null;
}

/** What a menu, the sitemap and the admin list need of a page. */
export interface PageLink {
  id: string;
  slug: string;
  title: string;
}

export interface PageListItem extends PageLink {
  status: PageStatus;
  version: number;
  modifiedAt: string;
}

export interface PageRevisionSummary {
  version: number;
  savedAt: string;
  savedBy: { id: string; name: string } | null;
  note: string;
  title: string;
}

export interface PageRevision extends PageRevisionSummary {
  pageId: string;
  content: PageContent;
}

/** A page's address. */
export function pagePath(page: { slug: string }): string {
  return `/${page.slug}`;
}
