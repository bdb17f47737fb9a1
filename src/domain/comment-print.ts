/**
 * Printing a discussion: every published comment in thread order, up to a cap, so that a print-out
 * of a huge discussion stays a print-out (it then says how many of how many it holds).
 */
import { isPlaceholder, type CommentNode } from './comment.js';

/** The most comments one print-out holds. */
export const printedCommentsCap = 500;

/**
 * The threads cut after the first `cap` comments in reading order (a thread, then its replies,
 * depth first); placeholders of deleted comments are kept where they hold replies up, uncounted.
 */
export function firstInThreadOrder(
  threads: readonly CommentNode[],
  cap: number,
): { threads: CommentNode[]; shown: number } {
  let shown = 0;
  const take = (nodes: readonly CommentNode[]): CommentNode[] => {
    const kept: CommentNode[] = [];
    for (const n of nodes) {
      if (shown >= cap) break;
      if (!isPlaceholder(n.comment)) shown += 1;
      const replies = take(n.replies);
      if (isPlaceholder(n.comment) && replies.length === 0) continue;
      kept.push({ ...n, replies, moreReplies: null });
    }
    return kept;
  };
  return { threads: take(threads), shown };
}
