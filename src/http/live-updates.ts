/**
 * The live stream of a live article's updates (docs/live-coverage.md): Server-Sent Events whose
 * id is the coverage's change number, one kind of the site's sequenced feeds (http/feed-hub.ts),
 * like the comment stream (http/live.ts). Every write to an update takes the next number in its
 * transaction. Removed updates are sent as `removed`; every other write as `update`, with the
 * update's HTML as the page draws it, so the reader's page only has to insert it.
 */
import type { LiveUpdate } from '../domain/live.js';
import type { FeedKind, FeedSource, SequencedFeedHub } from './feed-hub.js';
import { sseEvent } from './sse.js';

export type LiveUpdateSource = FeedSource<LiveUpdate>;

/** The hub of the live update streams. */
export type LiveUpdateHub = SequencedFeedHub<LiveUpdate>;

/** Turns updates into their events' data; made once per read, in the site's current words. */
export type UpdateFormatter = (articleId: string) => Promise<(update: LiveUpdate) => object>;

/** The SSE text of one written update. */
export function updateEventText(update: LiveUpdate, data: (u: LiveUpdate) => object): string {
  if (update.removedAt) {
    // The number of updates shown now travels with a removal too (the reader's page shows it).
    const { count } = data(update) as { count?: unknown };
    const removed = typeof count === 'number' ? { id: update.id, count } : { id: update.id };
    return sseEvent({ id: update.seq, event: 'removed', data: JSON.stringify(removed) });
  }
  return sseEvent({ id: update.seq, event: 'update', data: JSON.stringify(data(update)) });
}

/** The update streams' kind of feed: rows of 200, woken by `live` changes. */
export function liveUpdateFeed(
  source: LiveUpdateSource,
  format: UpdateFormatter,
): FeedKind<LiveUpdate> {
  return {
    change: 'live',
    source,
    format: async (articleId) => {
      const data = await format(articleId);
      return (update) => updateEventText(update, data);
    },
    batch: 200,
    name: 'live update stream',
  };
}
