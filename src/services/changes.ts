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
   * An article's public page may differ: edited, published, unpublished, corrected. `sections`,
   * `authors` and `tags` (slugs), when the publisher gives them, name the listings the article
   * is listed under before and after the change (empty when it is published neither before nor
   * after): the page cache then drops only those; without them it drops every listing.
   */
  | {
      kind: 'article';
      articleId: string;
      sections?: string[];
      authors?: string[];
      tags?: string[];
    }
  /** Something shown on many pages changed (site name, sections, settings). */
  | { kind: 'site' }
  /** The front page's arrangement changed (pins, featured slots, sections): only it differs. */
  | { kind: 'front' }
  /** A static page was published, edited or unpublished: its own page and the sitemap. */
  | { kind: 'page'; pageId: string }
  /** Only the moderators' queue differs (a report, reports dismissed): no reader's page. */
  | { kind: 'queue'; articleId: string; commentId: string }
  /** A live article's updates changed (posted, edited, pinned, removed): its own pages only. */
  | { kind: 'live'; articleId: string }
  /**
   * Sessions ended (no page differs): the one with this id hash, or every one of this person
   * but `except` (decision 0079); or, with `person`, that person's row changed (role, names,
   * email, sanction, anonymised…): their kept copy is forgotten, their sessions go on (0096).
   */
  | { kind: 'sessions'; session?: string; userId?: string; except?: string; person?: string }
  /** A webhook was added, changed or removed (no page differs): its list is read again. */
  | { kind: 'webhooks' };

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

/** What a transport needs: send text to the other processes, hear theirs (never one's own). */
export interface ChangeChannel {
  send(message: string): void;
  onMessage(listener: (message: string) => void): void;
  /** The channel was down and is back: changes may have been missed meanwhile. */
  onReconnect(listener: () => void): void;
}

function isChange(value: unknown): value is Change {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return (
    kind === 'comment' ||
    kind === 'article' ||
    kind === 'site' ||
    kind === 'front' ||
    kind === 'webhooks' ||
    (kind === 'page' && typeof (value as { pageId?: unknown }).pageId === 'string') ||
    (kind === 'queue' && typeof (value as { commentId?: unknown }).commentId === 'string') ||
    (kind === 'live' && typeof (value as { articleId?: unknown }).articleId === 'string') ||
    (kind === 'sessions' &&
      (typeof (value as { session?: unknown }).session === 'string' ||
        typeof (value as { userId?: unknown }).userId === 'string' ||
        typeof (value as { person?: unknown }).person === 'string'))
  );
}

/**
 * A bus whose changes also reach the other processes through a channel (PostgreSQL
 * LISTEN/NOTIFY, or the cluster primary relaying between workers). Local subscribers hear a
 * change at once; other processes' subscribers when it arrives. After the channel comes back
 * from an outage, subscribers hear a `site` change: something may have changed anywhere, so
 * caches drop everything and live streams look again.
 */
export class RelayedChangeBus implements ChangeBus {
  private readonly local: LocalChangeBus;

  constructor(
    private readonly channel: ChangeChannel,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.local = new LocalChangeBus(onError);
    channel.onMessage((message) => {
      let change: unknown;
      try {
        change = JSON.parse(message);
      } catch (error) {
        onError(error);
        return;
      }
      if (isChange(change)) this.local.publish(change);
    });
    channel.onReconnect(() => this.local.publish({ kind: 'site' }));
  }

  publish(change: Change): void {
    this.local.publish(change);
    try {
      this.channel.send(JSON.stringify(change));
    } catch (error) {
      this.onError(error);
    }
  }

  subscribe(listener: ChangeListener): () => void {
    return this.local.subscribe(listener);
  }
}
