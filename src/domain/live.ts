/**
 * Live coverage (issue 22, decisions/0068): an article that also carries a stream of short,
 * timestamped updates. The coverage is a small state machine:
 *
 *   (not live) --start--> running --end--> ended --reopen--> running
 *
 * Updates are posted only while it runs; an ended coverage's updates can still be corrected
 * (edit, remove) so a mistake never has to stay up. Pure types and rules; no I/O.
 */
import type { ArticleSummary } from './article.js';
import { imageIdsIn, relatedSlugsIn, renderedParts } from './body.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Image } from './image.js';

export interface LiveCoverage {
  articleId: string;
  startedAt: string;
  endedAt: string | null;
  /** Changes to the updates so far: the live stream's event ids. */
  seq: number;
}

export interface LiveAuthor {
  id: string;
  name: string;
  slug: string;
}

export interface LiveUpdate {
  id: string;
  articleId: string;
  /** The change number of this update's last write. */
  seq: number;
  postedAt: string;
  authors: LiveAuthor[];
  title: string | null;
  body: string;
  /** The body rendered when saved (domain/body.ts renderBody). */
  bodyHtml: string;
  keyEvent: boolean;
  pinned: boolean;
  closing: boolean;
  editedAt: string | null;
  removedAt: string | null;
  removalNote: string | null;
  /**
   * What its `[[image:ID]]` and `[[related:SLUG]]` lines show, as read for a page (the store
   * never sets it): uploaded images by id, published headlines by slug. Without it, the page
   * leaves the placements out.
   */
  placed?: UpdatePlacements;
}

/** The images and published headlines an update's body places, read when it is shown. */
export interface UpdatePlacements {
  images: ReadonlyMap<string, Image>;
  inline: ReadonlyMap<string, ArticleSummary>;
}

export interface LiveUpdateRevision {
  id: string;
  updateId: string;
  at: string;
  byUserId: string | null;
  title: string | null;
  body: string;
}

export type LiveOrder = 'newest' | 'oldest';

/** Someone on a live posting screen now (decisions/0089). */
export interface LivePresence {
  userId: string;
  name: string;
  /** Typing an update. */
  writing: boolean;
}

/**
 * The posting screen says it is open every `beatMs`; a presence lasts `leaseMs` unless renewed
 * (so a screen closed without a word is gone within it), and "writing" `writingMs` after the
 * last keystroke the screen reported.
 */
export const presenceTiming = { beatMs: 3_000, leaseMs: 15_000, writingMs: 8_000 } as const;

export const liveLimits = { title: 200, body: 20_000, note: 500, page: 20 } as const;

export function isRunning(coverage: LiveCoverage | null): boolean {
  return coverage !== null && coverage.endedAt === null;
}

export const canStart = (coverage: LiveCoverage | null): boolean => coverage === null;
export const canEnd = (coverage: LiveCoverage | null): boolean => isRunning(coverage);
export const canReopen = (coverage: LiveCoverage | null): boolean =>
  coverage !== null && coverage.endedAt !== null;
export const canPost = (coverage: LiveCoverage | null): boolean => isRunning(coverage);

/** Whether readers see it: removed updates leave the page (the newsroom still lists them). */
export const isShown = (update: LiveUpdate): boolean => update.removedAt === null;

/** A cursor after this update in a stream ordered by time (then id). */
export const updateCursor = (update: Pick<LiveUpdate, 'postedAt' | 'id'>): string =>
  encodeCursor({ t: update.postedAt, id: update.id });

export const readUpdateCursor = decodeCursor;

/** The title and body an update is saved with: trimmed; an empty title is none. */
export function cleanUpdateText(input: { title?: string | null; body: string }): {
  title: string | null;
  body: string;
} {
  const title = input.title?.trim() ?? '';
  return { title: title === '' ? null : title, body: input.body.trim() };
}

/** The key events, oldest first: the reader's summary at the top of the page. */
export function keyEvents(updates: readonly LiveUpdate[]): LiveUpdate[] {
  return updates
    .filter((u) => u.keyEvent && isShown(u))
    .sort((a, b) => a.postedAt.localeCompare(b.postedAt) || a.id.localeCompare(b.id));
}

/** The anchor of an update on the article page. */
export const updateAnchor = (id: string): string => `update-${id}`;

/**
 * The image ids and related slugs these updates place, each once: from the body rendered when
 * saved, or from the Markdown when that was rendered by another version.
 */
export function placementsIn(updates: readonly LiveUpdate[]): {
  imageIds: string[];
  slugs: string[];
} {
  const imageIds = new Set<string>();
  const slugs = new Set<string>();
  for (const u of updates) {
    const parts = renderedParts(u.bodyHtml);
    if (parts) {
      for (const part of parts) {
        if (part.kind === 'image') imageIds.add(part.id);
        else if (part.kind === 'related') slugs.add(part.slug);
      }
    } else {
      for (const id of imageIdsIn(u.body)) imageIds.add(id);
      for (const slug of relatedSlugsIn(u.body)) slugs.add(slug);
    }
  }
  return { imageIds: [...imageIds], slugs: [...slugs] };
}

/** The published articles a live page's updates place (the page cache drops it when they change). */
export function placedArticles(updates: readonly (LiveUpdate | null)[]): ArticleSummary[] {
  const found = new Map<string, ArticleSummary>();
  for (const u of updates) for (const a of u?.placed?.inline.values() ?? []) found.set(a.id, a);
  return [...found.values()];
}

/** An update's text without Markdown marks or placements, cut to `max` characters. */
export function updateExcerpt(body: string, max: number): string {
  const text = body
    .replace(/^[ \t]*\[\[(?:related|image):[^\]]*\]\][ \t]*$/gm, '')
    .replace(/[#*_`>[\]()!]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
