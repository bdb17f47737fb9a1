/**
 * Deleting drafts: who may delete which article, how long a deleted draft can be recovered, and
 * what the list of deleted drafts shows. Pure, so every rule has a unit test; the newsroom service
 * asks these before it writes (decisions/0040-deleting-drafts.md).
 *
 *   draft / review (never published) ──delete──▶ deleted ──recover (admin)──▶ as it was
 *                                                   │
 *                                                   └──30 days──▶ purged for good
 *
 * Only an article that has never been published can be deleted: once readers may have seen it,
 * it can only be unpublished (its address then says it was withdrawn), never made to vanish. A
 * scheduled article is about to be published: its schedule is cancelled first.
 */
import type { ArticleStatus, AuthorRef, SectionRef } from './article.js';
import { isEditor, isNewsroom, isOwn, type Actor, type Owned } from './workflow.js';

/** How long a deleted draft is kept, with its revisions, before the purge removes it. */
export const deletedDraftRetentionDays = 30;
const dayMs = 24 * 60 * 60 * 1000;

/** The statuses a never-published article may be deleted from. */
export const deletableStatuses: readonly ArticleStatus[] = ['draft', 'review'];

export interface Deletable extends Owned {
  publishedAt: string | null;
}

/** Why an article cannot be deleted whoever asks, or null when its status allows it. */
export type DeletionBlock = 'published' | 'scheduled' | null;

export function deletionBlock(article: Deletable): DeletionBlock {
  if (article.publishedAt !== null) return 'published';
  if (article.status === 'scheduled') return 'scheduled';
  if (!deletableStatuses.includes(article.status)) return 'published';
  return null;
}

/** Authors delete their own drafts; editors (and admins) anyone's. The status is `deletionBlock`. */
export function mayDelete(actor: Actor, article: Owned): boolean {
  if (isEditor(actor.role)) return true;
  return isNewsroom(actor.role) && isOwn(actor, article);
}

/** Whether the editor should offer this person the "Delete draft" button. */
export function canDelete(actor: Actor, article: Deletable): boolean {
  return mayDelete(actor, article) && deletionBlock(article) === null;
}

/** Deleted drafts are listed and recovered by admins only. */
export function canRecover(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** A sentence for a refused deletion. */
export function deletionRefusal(block: Exclude<DeletionBlock, null>): string {
  return block === 'scheduled'
    ? 'A scheduled article cannot be deleted: cancel the schedule first, then delete the draft.'
    : 'An article that has been published cannot be deleted; it can only be unpublished.';
}

/** When a draft deleted at `deletedAt` is purged for good. */
export function purgeTime(deletedAt: string): string {
  return new Date(Date.parse(deletedAt) + deletedDraftRetentionDays * dayMs).toISOString();
}

/** Drafts deleted at or before this time are due for purging at `now`. */
export function purgeCutoff(now: Date): string {
  return new Date(now.getTime() - deletedDraftRetentionDays * dayMs).toISOString();
}

/** What the list of deleted drafts shows of one. */
export interface DeletedDraft {
  id: string;
  slug: string;
  headline: string;
  status: ArticleStatus;
  section: SectionRef;
  authors: AuthorRef[];
  version: number;
  deletedAt: string;
  deletedBy: { id: string; name: string } | null;
  /** When the purge removes it for good. */
  purgeAt: string;
}
