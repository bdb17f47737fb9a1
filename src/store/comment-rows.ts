/**
 * Comments as last read, by id and version (issue 19, decision 0085). Reading a page of comments
 * with their texts (Markdown and HTML) cost more than everything else on an article page's cache
 * miss, although between two misses usually one comment was new. Every write of a comment row
 * stamps it with a new `live_seq` in the same transaction (migration 0005's trigger), so a row's
 * id with its `live_seq` names one version of it: the page's reads ask for ids and versions only,
 * take the comments they hold at that version from here, and read in full only the others.
 *
 * A version is also checked against the edit time (a restored database may give a comment a
 * number it had before with other text, never the same edit time as well) and the author's name
 * and profile address, which live in `users` and change without the comment. Only what was read
 * outside a transaction is kept (a transaction's own writes may yet be rolled back and their
 * numbers given again). Old entries age out within a budget of characters.
 */
import type { Comment } from '../domain/comment.js';

/** What a comment is known by on a page's read: the version columns of its row. */
export interface CommentVersion {
  id: string;
  live_seq: number | string;
  edited_at: string | null;
  author_name: string | null;
  author_slug: string | null;
}

/** A reply's version row as a held read of threads keeps it: with its author, to check names. */
export interface ReplyVersion extends CommentVersion {
  author_id: string | null;
  root_id: string;
}

/**
 * The first replies of threads as versions, read for one article and limit when the article's
 * change number (`comment_seq`) was `seq` or later (decision 0093): a thread none of whose rows
 * changed since is as it was, but for its authors' names, which live in `users`.
 */
export interface HeldThreads {
  seq: number;
  roots: Map<string, ReplyVersion[]>;
}

interface Held {
  seq: number;
  comment: Comment;
  /** The joined author columns the comment was read with. */
  authorName: string | null;
  authorSlug: string | null;
  used: boolean;
  size: number;
}

export class CommentRowCache {
  private readonly entries = new Map<string, Held>();
  /**
   * What has been read through here (`top ARTICLE`, `replies ARTICLE`): the first read of an
   * article's comments reads them in full at once, not versions and then every comment again.
   */
  private readonly reads = new Set<string>();
  /** Held reads of threads' first replies, by `ARTICLE LIMIT-VARIANT`. */
  private readonly threads = new Map<string, HeldThreads>();
  private chars = 0;
  hits = 0;
  misses = 0;
  /** Threads whose first replies' versions were read (not held unchanged), decision 0093. */
  threadsRead = 0;

  constructor(
    /** Characters held at most (ids, names, Markdown and HTML). */
    readonly maxChars: number,
  ) {}

  /** The comment held at exactly this version, if any. */
  get(v: CommentVersion): Comment | undefined {
    const held = this.entries.get(v.id);
    if (
      held === undefined ||
      held.seq !== Number(v.live_seq) ||
      held.comment.editedAt !== v.edited_at ||
      held.authorName !== v.author_name ||
      held.authorSlug !== v.author_slug
    ) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    held.used = true;
    return held.comment;
  }

  /** Keeps a comment as read at version `seq` with these joined author columns. */
  put(comment: Comment, seq: number, authorName: string | null, authorSlug: string | null): void {
    const size =
      comment.id.length +
      comment.body.length +
      comment.html.length +
      (authorName?.length ?? 0) +
      (authorSlug?.length ?? 0) +
      256;
    const before = this.entries.get(comment.id);
    if (before !== undefined) {
      this.entries.delete(comment.id);
      this.chars -= before.size;
    }
    if (size > this.maxChars / 8) return;
    this.entries.set(comment.id, { seq, comment, authorName, authorSlug, used: false, size });
    this.chars += size;
    // Oldest first; a used entry gets one second chance at the end (each is looked at twice).
    for (let budget = 2 * this.entries.size; this.chars > this.maxChars && budget > 0; budget--) {
      const [id, e] = this.entries.entries().next().value as [string, Held];
      this.entries.delete(id);
      if (e.used && id !== comment.id) {
        e.used = false;
        this.entries.set(id, e);
      } else {
        this.chars -= e.size;
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get heldChars(): number {
    return this.chars;
  }

  /** Whether this kind of read of an article went through here before (and notes that it did). */
  readBefore(what: string): boolean {
    if (this.reads.has(what)) return true;
    if (this.reads.size >= 10_000) this.reads.clear();
    this.reads.add(what);
    return false;
  }

  /** The threads' replies held for this article and variant, if any. */
  threadsOf(key: string): HeldThreads | undefined {
    return this.threads.get(key);
  }

  /** Keeps (or replaces) the threads' replies held for this article and variant. */
  keepThreads(key: string, held: HeldThreads): void {
    if (!this.threads.has(key) && this.threads.size >= 1_000) this.threads.clear();
    this.threads.set(key, held);
  }

  /** The article of a held comment. */
  articleOf(id: string): string | undefined {
    return this.entries.get(id)?.comment.articleId;
  }

  /** Drops one comment. */
  delete(id: string): void {
    const held = this.entries.get(id);
    if (held === undefined) return;
    this.entries.delete(id);
    this.chars -= held.size;
  }

  clear(): void {
    this.entries.clear();
    this.reads.clear();
    this.threads.clear();
    this.chars = 0;
  }
}
