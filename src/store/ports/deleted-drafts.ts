/**
 * Deleted drafts (decisions/0040): deleting a never-published draft, the list an admin recovers
 * from, recovering, and the purge. Used by services/newsroom (newsroom-deletion.ts).
 */
import type { ArticleStatus } from '../../domain/article.js';
import type { DeletedDraft } from '../../domain/draft-deletion.js';

export interface DeletedDraftStore {
  /**
   * Marks the article deleted, in one conditional UPDATE: only if it is not deleted, was never
   * published and its status is still one of `from`. False when it was not (the caller answers
   * that its status changed).
   */
  markDeleted(input: {
    id: string;
    from: readonly ArticleStatus[];
    at: string;
    by: string;
  }): Promise<boolean>;
  /** Deleted drafts, most recently deleted first. */
  listDeleted(query: { limit: number; offset: number }): Promise<DeletedDraft[]>;
  /** One deleted draft, or null when there is none by that id (never deleted, or purged). */
  deletedDraft(id: string): Promise<DeletedDraft | null>;
  /** Brings a deleted draft back as it was; false when it is not deleted (or already purged). */
  recover(id: string): Promise<boolean>;
  /**
   * Removes for good every draft deleted at or before `cutoff`, with its revisions, lists and
   * old slugs (they cascade); answers their ids. One statement: with several processes purging
   * at once, each row goes once.
   */
  purgeDeleted(cutoff: string): Promise<string[]>;
}
