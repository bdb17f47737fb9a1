/**
 * Cursors of comment pages. A cursor is the full sort key of the last item seen (its reaction
 * count for the "most reactions" order, its time, its id), so the next page starts strictly after
 * it in one index range: a comment written meanwhile lands before or after the cursor and is
 * never repeated or skipped. The sort travels in the cursor, so a cursor of one order cannot be
 * used with another. Opaque base64url; one that does not decode is bad input.
 */
import { commentSorts, type CommentSort } from './comment.js';

export interface CommentCursor {
  sort: CommentSort | 'replies';
  /** ISO time of the last item. */
  t: string;
  id: string;
  /** Reaction count of the last item (the "reactions" sort only). */
  r?: number;
}

export function encodeCommentCursor(c: CommentCursor): string {
  const parts: unknown[] = [c.sort, c.t, c.id];
  if (c.r !== undefined) parts.push(c.r);
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCommentCursor(
  raw: string,
  sort: CommentSort | 'replies',
): CommentCursor | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const [s, t, id, r] = value as unknown[];
  if (s !== sort || (s !== 'replies' && !(commentSorts as readonly unknown[]).includes(s))) {
    return null;
  }
  if (typeof t !== 'string' || Number.isNaN(Date.parse(t)) || typeof id !== 'string') return null;
  if (sort === 'reactions') {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || value.length !== 4) return null;
    return { sort, t, id, r };
  }
  return value.length === 3 ? { sort, t, id } : null;
}
