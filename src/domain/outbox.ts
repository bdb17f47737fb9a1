/** A mail message as the outbox keeps it (and the admin outbox page lists it). */
export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}
