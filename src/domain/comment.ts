/** Comments as plain data, and the rules about their length and threads. */
import type { AuthorRef } from './article.js';

export const commentStatuses = ['published', 'pending', 'rejected', 'deleted'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

export const commentSorts = ['oldest', 'newest'] as const;
export type CommentSort = (typeof commentSorts)[number];

/** Longer comments are refused, never truncated. Counted in characters (code points). */
export const maxCommentLength = 5000;

/** Replies deeper than this are shown flat, with "in reply to NAME". */
export const maxVisualDepth = 4;

export interface Comment {
  id: string;
  articleId: string;
  parentId: string | null;
  /** The top-level comment of its thread (itself for a top-level comment). */
  rootId: string;
  author: AuthorRef;
  /** Markdown as written. */
  body: string;
  /** Rendered once, at write, from the safe subset. */
  html: string;
  status: CommentStatus;
  /** 0 for a top-level comment. */
  depth: number;
  reactionCount: number;
  createdAt: string;
  editedAt: string | null;
}

export interface CommentNode {
  comment: Comment;
  /** The author of the comment it answers, for replies shown flat. */
  inReplyTo: AuthorRef | null;
  replies: CommentNode[];
}

/** The length a reader would count: emoji and other astral characters count once. */
export function commentLength(body: string): number {
  return Array.from(body).length;
}

/**
 * Threads from top-level comments (in page order) and their replies (in any order). Replies are
 * ordered oldest first under their parent; one whose parent is missing is left out.
 */
export function buildThreads(
  topLevel: readonly Comment[],
  replies: readonly Comment[],
): CommentNode[] {
  const nodes = new Map<string, CommentNode>();
  const node = (comment: Comment): CommentNode => ({ comment, inReplyTo: null, replies: [] });
  const roots = topLevel.map((c) => {
    const n = node(c);
    nodes.set(c.id, n);
    return n;
  });
  const sorted = [...replies].sort((a, b) =>
    a.createdAt === b.createdAt ? cmp(a.id, b.id) : cmp(a.createdAt, b.createdAt),
  );
  // Parents are always older than their replies, so one pass in time order finds every parent.
  for (const c of sorted) {
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    if (!parent) continue;
    const n = node(c);
    n.inReplyTo = parent.comment.author;
    parent.replies.push(n);
    nodes.set(c.id, n);
  }
  return roots;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
