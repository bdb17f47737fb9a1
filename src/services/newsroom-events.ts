/**
 * What the newsroom tells others after a committed change (issue 21): staff emails and webhooks
 * listen. The newsroom awaits each call, so what they queue is stored before the request ends,
 * but a listener's failure is only reported: it never fails the move that was made.
 */
import type { Article } from '../domain/article.js';
import type { User } from '../domain/user.js';
import type { Transition } from '../domain/workflow.js';

/** A workflow move: by a person, or by the scheduler (`actor` null) publishing what was due. */
export interface ArticleMove {
  actor: User | null;
  transition: Transition;
  /** The article before the move (null when the scheduler published it). */
  before: Article | null;
  after: Article;
}

export interface NewsroomListener {
  moved?(move: ArticleMove): Promise<void>;
  /** A saved edit (of any article: the listener decides what matters). */
  saved?(after: Article, actor: User): Promise<void>;
  /** A correction, clarification or update notice was added. */
  corrected?(after: Article, actor: User): Promise<void>;
}

/** Several listeners as one, each called in turn; a failure goes to `onError`. */
export function newsroomListeners(
  listeners: readonly NewsroomListener[],
  onError: (error: unknown) => void = () => {},
): Required<NewsroomListener> {
  const each = async (call: (l: NewsroomListener) => Promise<void> | undefined) => {
    for (const listener of listeners) {
      try {
        await call(listener);
      } catch (error) {
        onError(error);
      }
    }
  };
  return {
    moved: (move) => each((l) => l.moved?.(move)),
    saved: (after, actor) => each((l) => l.saved?.(after, actor)),
    corrected: (after, actor) => each((l) => l.corrected?.(after, actor)),
  };
}
