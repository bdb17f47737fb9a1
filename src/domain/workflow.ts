/**
 * The newsroom's rules: who may do what to an article in which status. Pure, so every rule has a
 * unit test; the service asks these before it writes.
 *
 *   draft ◀─return── review (an editor sends it back to its author, with a note)
 *   draft ──submit──▶ review ──publish──▶ published ──unpublish──▶ unpublished
 *     │                 │  ╲                 ▲                         │
 *     └──publish/schedule┘   schedule──▶ scheduled ──(its time)──┘     └──publish/schedule
 *
 * Authors create drafts and submit their own for review; editors (and admins) edit everyone's,
 * publish, schedule and unpublish. Unpublishing a scheduled article cancels the schedule and puts
 * it back in review.
 */
import type { Role } from './user.js';
import type { ArticleStatus } from './article.js';

export const newsroomRoles: readonly Role[] = ['author', 'editor', 'admin'];
export const editorRoles: readonly Role[] = ['editor', 'admin'];

export function isNewsroom(role: Role): boolean {
  return newsroomRoles.includes(role);
}

export function isEditor(role: Role): boolean {
  return editorRoles.includes(role);
}

export interface Actor {
  id: string;
  role: Role;
}

export interface Owned {
  status: ArticleStatus;
  createdBy: string | null;
  authors: readonly { id: string }[];
}

/** An author's own article: one they created or carry a byline on. */
export function isOwn(actor: Actor, article: Owned): boolean {
  return article.createdBy === actor.id || article.authors.some((a) => a.id === actor.id);
}

/** Who may see the article in the newsroom (and its revisions). */
export function canView(actor: Actor, article: Owned): boolean {
  return isEditor(actor.role) || (isNewsroom(actor.role) && isOwn(actor, article));
}

/** Authors edit their own until it is scheduled or published; editors edit anything. */
export function canEdit(actor: Actor, article: Owned): boolean {
  if (isEditor(actor.role)) return true;
  return (
    isNewsroom(actor.role) &&
    isOwn(actor, article) &&
    (article.status === 'draft' || article.status === 'review')
  );
}

export type Transition = 'submit' | 'return' | 'publish' | 'schedule' | 'unpublish';

/** The statuses each transition may start from. */
export const transitionsFrom: Record<Transition, readonly ArticleStatus[]> = {
  submit: ['draft'],
  return: ['review'],
  publish: ['draft', 'review', 'scheduled', 'unpublished'],
  schedule: ['draft', 'review', 'scheduled', 'unpublished'],
  unpublish: ['published', 'scheduled'],
};

export function canTransition(actor: Actor, article: Owned, transition: Transition): boolean {
  if (transition === 'submit') return canEdit(actor, article);
  return isEditor(actor.role);
}

/** Where a transition leads from a status (unpublishing a scheduled one cancels it). */
export function targetStatus(transition: Transition, from: ArticleStatus): ArticleStatus {
  switch (transition) {
    case 'submit':
      return 'review';
    case 'return':
      return 'draft';
    case 'publish':
      return 'published';
    case 'schedule':
      return 'scheduled';
    case 'unpublish':
      return from === 'scheduled' ? 'review' : 'unpublished';
  }
}

/** A sentence for a refused transition from a status. */
export function refusalFor(transition: Transition, from: ArticleStatus): string {
  const verbs: Record<Transition, string> = {
    submit: 'submitted for review',
    return: 'sent back to draft',
    publish: 'published',
    schedule: 'scheduled',
    unpublish: 'unpublished',
  };
  return `An article that is ${from === 'review' ? 'in review' : from} cannot be ${verbs[transition]}.`;
}
