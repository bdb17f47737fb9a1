/**
 * Webhooks (issue 21): endpoints, the durable queue of deliveries and its log of attempts.
 * Claiming is one conditional update per delivery, so several processes never send one at once.
 */
import type {
  Webhook,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEvent,
  WebhookPreset,
} from '../../domain/webhook.js';

export interface WebhookFields {
  url: string;
  secret: string;
  events: WebhookEvent[];
  preset: WebhookPreset;
  description: string;
  enabled: boolean;
}

export interface AttemptResult {
  at: string;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number;
  error: string | null;
}

export interface WebhookStore {
  create(fields: WebhookFields & { id: string; at: string }): Promise<Webhook>;
  update(id: string, fields: WebhookFields, at: string): Promise<Webhook | null>;
  remove(id: string): Promise<boolean>;
  byId(id: string): Promise<Webhook | null>;
  /** Every webhook, oldest first. */
  list(): Promise<Webhook[]>;
  /** Enabled webhooks that asked for this event. */
  subscribedTo(event: WebhookEvent): Promise<Webhook[]>;

  /** Queues one delivery, due at once. */
  enqueue(delivery: {
    id: string;
    webhookId: string;
    event: string;
    payload: string;
    at: string;
  }): Promise<void>;
  /**
   * Claims up to `limit` pending deliveries due by `now` that nobody holds (or whose hold ran
   * out): marks each held until `until` under the `claim` token, one conditional update each,
   * and returns those this caller won.
   */
  claimDue(input: {
    now: string;
    until: string;
    claim: string;
    limit: number;
  }): Promise<WebhookDelivery[]>;
  /**
   * Records a try of a delivery this caller holds: its attempt count, the answer, and either
   * delivered, failed, or pending again at `nextAttemptAt`. False when the claim was lost.
   */
  recordAttempt(input: {
    deliveryId: string;
    claim: string;
    attemptId: string;
    result: AttemptResult;
    status: 'delivered' | 'failed' | 'pending';
    nextAttemptAt: string | null;
  }): Promise<boolean>;
  /** Sends a delivery again (delivered or failed): pending, due `at`, nobody holds it. */
  redeliver(deliveryId: string, at: string): Promise<WebhookDelivery | null>;
  delivery(id: string): Promise<WebhookDelivery | null>;
  /** A webhook's deliveries, newest first; `before` is the last id of the previous page. */
  deliveries(webhookId: string, limit: number, before?: string): Promise<WebhookDelivery[]>;
  /** A delivery's tries, oldest first. */
  attempts(deliveryId: string): Promise<WebhookAttempt[]>;
}

/** Which newsroom emails each staff member turned off on /account. */
export interface StaffMailStore {
  optOut(userId: string, kind: string, at: string): Promise<void>;
  optIn(userId: string, kind: string): Promise<void>;
  /** The kinds this person turned off. */
  optedOut(userId: string): Promise<string[]>;
}
