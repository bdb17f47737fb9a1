/** Comments as plain data, and the rules about their length and threads. */

export const commentStatuses = ['published', 'pending', 'rejected', 'deleted'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

export const commentSorts = ['oldest', 'newest', 'reactions'] as const;
export type CommentSort = (typeof commentSorts)[number];

/** Longer comments are refused, never truncated. Counted in characters (code points). */
export const maxCommentLength = 5000;

/** Replies deeper than this are shown flat, with "in reply to NAME". */
export const maxVisualDepth = 4;

/**
 * Replies of one thread shown on a page of threads; a longer thread continues behind a "More
 * replies" link, which shows `repliesPerThreadPage` at a time. Keeping the first number small
 * keeps the first page of a huge discussion about as heavy as that of a small one.
 */
export const repliesPerThread = 10;
export const repliesPerThreadPage = 50;

/**
 * Who wrote a comment: a person with an account, or a guest known only by the name they gave
 * (comments imported from WordPress or Disqus; decisions/0023). A guest has no id and no page.
 */
export interface CommentAuthor {
  id: string | null;
  name: string;
  slug: string | null;
}

/** Whether the comment was written by this account (never true for a guest's comment). */
export function isAuthoredBy(c: Comment, userId: string | null | undefined): boolean {
  return c.author.id !== null && userId !== null && userId !== undefined && c.author.id === userId;
}

export interface Comment {
  id: string;
  articleId: string;
  parentId: string | null;
  /** The top-level comment of its thread (itself for a top-level comment). */
  rootId: string;
  author: CommentAuthor;
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

/** An earlier version of an edited comment. */
export interface CommentRevision {
  body: string;
  html: string;
  /** When this version was written (posted, or saved by an edit). */
  writtenAt: string;
  /** When an edit replaced it. */
  replacedAt: string;
}

/** A comment as it is now, with the number of its latest change (see migration 0005). */
export interface CommentChange {
  seq: number;
  /** The number at which it first became public; null while it never was. */
  firstPublicSeq: number | null;
  /** The article's published comments now. */
  commentCount: number;
  comment: Comment;
}

export interface CommentNode {
  comment: Comment;
  /** The author of the comment it answers, for replies shown flat (null: a deleted comment). */
  inReplyTo: CommentAuthor | null;
  /** True when the comment it answers is not on this page (shown flat, with "in reply to"). */
  detached?: boolean;
  replies: CommentNode[];
  /** The cursor of the thread's next replies, when there are more than the page shows. */
  moreReplies?: string | null;
}

/** A deleted comment is only ever read as the placeholder that keeps its replies in place. */
export function isPlaceholder(c: Comment): boolean {
  return c.status === 'deleted';
}

/** The length a reader would count: emoji and other astral characters count once. */
export function commentLength(body: string): number {
  return Array.from(body).length;
}

/**
 * Threads from top-level comments (in page order) and their replies (in any order). Replies are
 * ordered oldest first under their parent. A reply whose parent is not on the page but is public
 * (`outside`: a parent shown on an earlier page of the thread) hangs flat under its top-level
 * comment, saying whom it answers; one whose parent is not public is left out. Placeholders of
 * deleted comments that end up with no replies are dropped.
 */
export function buildThreads(
  topLevel: readonly Comment[],
  replies: readonly Comment[],
  outside: ReadonlyMap<string, Comment> = new Map(),
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
    const n = node(c);
    if (parent) {
      n.inReplyTo = isPlaceholder(parent.comment) ? null : parent.comment.author;
      parent.replies.push(n);
    } else {
      const away = c.parentId ? outside.get(c.parentId) : undefined;
      const root = nodes.get(c.rootId);
      if (!away || !root || (away.status !== 'published' && !isPlaceholder(away))) continue;
      n.inReplyTo = isPlaceholder(away) ? null : away.author;
      n.detached = true;
      root.replies.push(n);
    }
    nodes.set(c.id, n);
  }
  return prune(roots);
}

/** Drops placeholders left without replies (their replies were deleted too). */
function prune(nodes: CommentNode[]): CommentNode[] {
  return nodes.filter((n) => {
    n.replies = prune(n.replies);
    return !isPlaceholder(n.comment) || n.replies.length > 0;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
