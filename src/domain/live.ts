/**
 * Live coverage (issue 22, decisions/0068): an article that also carries a stream of short,
 * timestamped updates. The coverage is a small state machine:
 *
 *   (not live) --start--> running --end--> ended --reopen--> running
 *
 * Updates are posted only while it runs; an ended coverage's updates can still be corrected
 * (edit, remove) so a mistake never has to stay up. Pure types and rules; no I/O.
 */
import { decodeCursor, encodeCursor } from './cursor.js';

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
