/**
 * The mail outbox: every message is recorded before it is sent (services/mail.ts).
 * Used by services/mail (the admin outbox page reads it through the route's own interface).
 */
import type { OutboxMessage } from '../../domain/outbox.js';

export interface OutboxStore {
  add(message: { to: string; subject: string; text: string; createdAt: string }): Promise<string>;
  markSent(id: string, at: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Newest first; `before` is the id of the last message of the previous page. */
  list(limit: number, before?: string): Promise<OutboxMessage[]>;
}
