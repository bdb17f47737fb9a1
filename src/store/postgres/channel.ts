/**
 * PostgreSQL LISTEN/NOTIFY as a channel between the app processes on one database. Messages go
 * out with pg_notify over the pool; one dedicated connection listens and reconnects (with a
 * growing pause, at most 5 s) whenever it is lost. NOTIFY is delivered only to connections
 * listening at the time, so after a reconnect the owner is told (`onReconnect`) that it may have
 * missed messages.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { NotificationChannel } from '../ports/channel.js';

/** The channel name: one per schema, so installations (and test files) never hear each other. */
export function channelName(schema: string | undefined): string {
  return schema ? `broadsheet_changes_${schema}` : 'broadsheet_changes';
}

export class PostgresChannel implements NotificationChannel {
  private readonly origin = randomBytes(6).toString('hex');
  private readonly messageListeners: ((message: string) => void)[] = [];
  private readonly reconnectListeners: (() => void)[] = [];
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 100;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Settles when the first LISTEN is in place (or has failed once). */
  readonly ready: Promise<void>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly connection: { connectionString: string; options?: string },
    private readonly name: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.ready = this.connect(false);
  }

  /**
   * Messages sent in one turn of the event loop go out together, in order, in one statement: a
   * burst of new comments is one round trip, not one each (decisions/0087). NOTIFY delivers them
   * in the order they were sent.
   */
  send(message: string): void {
    const first = this.outgoing.length === 0;
    this.outgoing.push(`${this.origin}:${message}`);
    if (first) setImmediate(() => this.flush());
  }

  private outgoing: string[] = [];

  private flush(): void {
    const payloads = this.outgoing;
    if (payloads.length === 0) return;
    this.outgoing = [];
    const statement =
      payloads.length === 1
        ? sql`select pg_notify(${this.name}, ${payloads[0]})`
        : sql`select pg_notify(${this.name}, p) from unnest(${payloads}::text[]) as p`;
    statement.execute(this.db).catch(this.onError);
  }

  onMessage(listener: (message: string) => void): void {
    this.messageListeners.push(listener);
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  async close(): Promise<void> {
    // What was sent before closing still goes (the setImmediate then finds nothing to send).
    if (this.outgoing.length > 0) this.flush();
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(again: boolean): Promise<void> {
    const client = new pg.Client({ ...this.connection, connectionTimeoutMillis: 10_000 });
    let lost = false;
    const reconnect = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (error) this.onError(error);
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      if (this.closed) return;
      this.retryTimer = setTimeout(() => void this.connect(true), this.retryMs);
      this.retryTimer.unref();
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
    client.on('error', reconnect);
    client.on('end', () => reconnect());
    client.on('notification', (n) => {
      if (n.channel !== this.name || n.payload === undefined) return;
      const colon = n.payload.indexOf(':');
      // Our own messages come back too; this process already delivered them.
      if (n.payload.slice(0, colon) === this.origin) return;
      const message = n.payload.slice(colon + 1);
      for (const listener of this.messageListeners) listener(message);
    });
    try {
      await client.connect();
      await client.query(`listen "${this.name}"`);
    } catch (error) {
      reconnect(error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.retryMs = 100;
    if (again) for (const listener of this.reconnectListeners) listener();
  }
}
