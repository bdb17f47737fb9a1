/**
 * The change bus: after a write commits, the service that made it announces what changed, and
 * whoever keeps derived state (the live comment stream, the page cache, moderation queues)
 * listens. Announcements are facts about committed data, never commands.
 *
 * This in-process bus is the default. A transport (PostgreSQL LISTEN/NOTIFY, or the cluster
 * primary relaying between SQLite workers) wraps it so that subscribers in every process hear
 * changes made in any of them; publishers and subscribers do not know which one is in use.
 */

export type Change =
  /** A comment was created, edited, deleted, reacted to or moderated. */
  | {
      kind: 'comment';
      articleId: string;
      commentId: string;
      action: 'created' | 'edited' | 'deleted' | 'moderated' | 'reacted';
    }
  /**
   * An article's public page may differ: edited, published, unpublished, corrected. `sections`
   * and `authors` (slugs), when the publisher gives them, name the listings the article belongs
   * to now (and, after a move, before): the page cache then drops only those; without them it
   * drops every listing.
   */
  | { kind: 'article'; articleId: string; sections?: string[]; authors?: string[] }
  /** Something shown on many pages changed (site name, sections, settings). */
  | { kind: 'site' };

export type ChangeListener = (change: Change) => void;

export interface ChangeBus {
  /** Announces a committed change to every subscriber (in every process, with a transport). */
  publish(change: Change): void;
  /** Calls the listener for every change; returns the function that stops it. */
  subscribe(listener: ChangeListener): () => void;
}

/** Delivers changes to the subscribers of this process, synchronously, in publish order. */
export class LocalChangeBus implements ChangeBus {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  publish(change: Change): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One broken subscriber must not stop the others, nor fail the write that published.
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
