/**
 * The live comment stream (docs/live.md): Server-Sent Events of one article's public comments,
 * one kind of the site's sequenced feeds (http/feed-hub.ts).
 *
 * Every comment write is stamped with the article's next change number in the same transaction
 * (migration 0005), and those numbers commit in order. An event's id is that number. Only public
 * comments are sent: a comment that stops being public (deleted, rejected, held) is sent as
 * removed; one that never was, never appears.
 */
import type { Comment, CommentChange } from '../domain/comment.js';
import type { FeedKind, FeedSource, SequencedFeedHub } from './feed-hub.js';
import { sseEvent } from './sse.js';

export type LiveSource = FeedSource<CommentChange>;

/** The hub of the live comment streams. */
export type LiveHub = SequencedFeedHub<CommentChange>;

/** The JSON of a comment as the API shows it. */
export type CommentJson = (comment: Comment) => object;

/**
 * The SSE text of one change for a reader who has seen everything up to change `since`, or null
 * when the change is not for public eyes. `created`: public since then; `changed`: public before.
 */
export function eventText(
  change: CommentChange,
  since: number,
  toJson: CommentJson,
): string | null {
  const { comment, seq, commentCount } = change;
  if (comment.status === 'published') {
    const type = (change.firstPublicSeq ?? seq) > since ? 'created' : 'changed';
    const data = JSON.stringify({ comment: toJson(comment), commentCount });
    return sseEvent({ id: seq, event: type, data });
  }
  if (change.firstPublicSeq === null) return null;
  const data = JSON.stringify({ id: comment.id, commentCount });
  return sseEvent({ id: seq, event: 'removed', data });
}

/** The comment streams' kind of feed: rows of 500, woken by `comment` changes. */
export function commentFeed(source: LiveSource, toJson: CommentJson): FeedKind<CommentChange> {
  return {
    change: 'comment',
    source,
    format: async (_articleId, since) => (change) => eventText(change, since, toJson),
    batch: 500,
    name: 'live comment stream',
  };
}
