/**
 * What only one reader sees on a page, as plain data: a form's problem, the comment form's state,
 * their own comments. Types only, importing no view, so that the page context (context.ts) and
 * the holes of a page drawn for everyone (slots.ts) can name them without an import cycle.
 */
import type { ModeratedComment } from '../domain/moderation/queue.js';

export interface FormProblem {
  /** Already in the page's language (src/http/routes/forms.ts `problemOf`). */
  message: string;
  field?: string;
  /** The language the message is in: the words around it ("There is a problem") follow it. */
  lang?: string;
}

export interface CommentFormState {
  problem?: FormProblem;
  body?: string;
  /** The comment being answered, when the reader chose Reply. */
  replyTo?: { id: string; authorName: string } | null;
}

/** What only the signed-in reader sees around the thread. */
export interface PersonalComments {
  /** Their own comments awaiting review or rejected. */
  own?: readonly ModeratedComment[];
  /** The comment they have just reported. */
  reportedId?: string | undefined;
  /** The comment whose Report form they opened (`?report=ID`, decision 0084). */
  reportingId?: string | undefined;
}
