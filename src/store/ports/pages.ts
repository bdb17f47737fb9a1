/**
 * Static pages: their text, status, revisions and old slugs. Used by services/pages (the
 * editors' writes, the reader's lookup, the menu's list) and services/syndication (the sitemap).
 */
import type {
  Page,
  PageContent,
  PageListItem,
  PageRevision,
  PageRevisionSummary,
  PageStatus,
} from '../../domain/page.js';

export interface NewPage extends PageContent {
  createdAt: string;
  createdBy: string | null;
}

export interface SavePage {
  id: string;
  /** The version the save was made from; another save since makes this one stale. */
  baseVersion: number;
  content: PageContent;
  savedAt: string;
  savedBy: string;
  /** A short note for the revision list ("Restored version 3"). */
  note?: string;
}

export type SavePageResult =
  | { ok: true; page: Page }
  | { ok: false; reason: 'stale'; current: Page }
  | { ok: false; reason: 'missing' };

export interface PageStore {
  /** A new draft at version 1, with its text as revision 1. */
  create(input: NewPage): Promise<Page>;
  byId(id: string): Promise<Page | null>;
  bySlug(slug: string): Promise<Page | null>;
  /** The page that had this slug before (its address redirects there), if any. */
  byOldSlug(slug: string): Promise<Page | null>;
  /**
   * One save: applies only if the page is still at `baseVersion` (one conditional update, so two
   * saves from the same version cannot both win), bumps the version, keeps the revision and, when
   * the slug changes, keeps the old slug as a redirect.
   */
  save(input: SavePage): Promise<SavePageResult>;
  /** Moves the page to `to` only if it is in `from`; false if it was not. */
  setStatus(input: { id: string; from: PageStatus; to: PageStatus; at: string }): Promise<boolean>;
  /** Every page, most recently changed first (the admin list). */
  list(): Promise<PageListItem[]>;
  /** Published pages by title (the menu, the sitemap). */
  listPublished(): Promise<PageListItem[]>;
  /** Whether another page has this slug, now or as a redirect. */
  slugTaken(slug: string, exceptPageId?: string): Promise<boolean>;
  /** Newest first. */
  revisions(pageId: string): Promise<PageRevisionSummary[]>;
  revision(pageId: string, version: number): Promise<PageRevision | null>;
}
