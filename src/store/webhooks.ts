import type { Kysely, Selectable } from 'kysely';
import {
  isWebhookEvent,
  type DeliveryStatus,
  type Webhook,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookPreset,
} from '../domain/webhook.js';
import type { AttemptResult, WebhookFields, WebhookStore } from './ports/webhooks.js';
import type { Database, WebhookDeliveriesTable, WebhooksTable } from './schema.js';

const toWebhook = (row: Selectable<WebhooksTable>): Webhook => ({
  id: row.id,
  url: row.url,
  secret: row.secret,
  events: row.events.split(',').filter(isWebhookEvent),
  preset: row.preset as WebhookPreset,
  description: row.description,
  enabled: Number(row.enabled) === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toDelivery = (row: Selectable<WebhookDeliveriesTable>): WebhookDelivery => ({
  id: row.id,
  webhookId: row.webhook_id,
  event: row.event,
  payload: row.payload,
  status: row.status as DeliveryStatus,
  attempts: Number(row.attempts),
  createdAt: row.created_at,
  nextAttemptAt: row.next_attempt_at,
  lastAttemptAt: row.last_attempt_at,
  responseStatus: row.response_status,
  responseBody: row.response_body,
  durationMs: row.duration_ms,
  error: row.error,
});

const columns = (fields: WebhookFields) => ({
  url: fields.url,
  secret: fields.secret,
  events: fields.events.join(','),
  preset: fields.preset,
  description: fields.description,
  enabled: fields.enabled ? 1 : 0,
});

export class KyselyWebhookStore implements WebhookStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(fields: WebhookFields & { id: string; at: string }): Promise<Webhook> {
    await this.db
      .insertInto('webhooks')
      .values({ id: fields.id, ...columns(fields), created_at: fields.at, updated_at: fields.at })
      .execute();
    return (await this.byId(fields.id))!;
  }

  async update(id: string, fields: WebhookFields, at: string): Promise<Webhook | null> {
    const result = await this.db
      .updateTable('webhooks')
      .set({ ...columns(fields), updated_at: at })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return null;
    return this.byId(id);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async byId(id: string): Promise<Webhook | null> {
    const row = await this.db
      .selectFrom('webhooks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toWebhook(row) : null;
  }

  async list(): Promise<Webhook[]> {
    const rows = await this.db.selectFrom('webhooks').selectAll().orderBy('id').execute();
    return rows.map(toWebhook);
  }

  async subscribedTo(event: WebhookEvent): Promise<Webhook[]> {
    return (await this.list()).filter((w) => w.enabled && w.events.includes(event));
  }

  async enqueue(delivery: {
    id: string;
    webhookId: string;
    event: string;
    payload: string;
    at: string;
  }): Promise<void> {
    await this.db
      .insertInto('webhook_deliveries')
      .values({
        id: delivery.id,
        webhook_id: delivery.webhookId,
        event: delivery.event,
        payload: delivery.payload,
        status: 'pending',
        attempts: 0,
        created_at: delivery.at,
        next_attempt_at: delivery.at,
        claimed_until: null,
        claim: null,
      })
      .execute();
  }

  async claimDue(input: {
    now: string;
    until: string;
    claim: string;
    limit: number;
  }): Promise<WebhookDelivery[]> {
    const candidates = await this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', input.now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', input.now)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(input.limit)
      .execute();
    const won: WebhookDelivery[] = [];
    for (const { id } of candidates) {
      // The same conditions again: whoever updates first holds it; the others change nothing.
      const row = await this.db
        .updateTable('webhook_deliveries')
        .set({ claimed_until: input.until, claim: input.claim })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', input.now)
        .where((eb) =>
          eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', input.now)]),
        )
        .returningAll()
        .executeTakeFirst();
      if (row) won.push(toDelivery(row));
    }
    return won;
  }

  async recordAttempt(input: {
    deliveryId: string;
    claim: string;
    attemptId: string;
    result: AttemptResult;
    status: 'delivered' | 'failed' | 'pending';
    nextAttemptAt: string | null;
  }): Promise<boolean> {
    const { result } = input;
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          status: input.status,
          attempts: eb('attempts', '+', 1),
          claimed_until: null,
          claim: null,
          last_attempt_at: result.at,
          response_status: result.responseStatus,
          response_body: result.responseBody,
          duration_ms: result.durationMs,
          error: result.error,
          ...(input.nextAttemptAt ? { next_attempt_at: input.nextAttemptAt } : {}),
        }))
        .where('id', '=', input.deliveryId)
        .where('claim', '=', input.claim)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await trx
        .insertInto('webhook_attempts')
        .values({
          id: input.attemptId,
          delivery_id: input.deliveryId,
          at: result.at,
          response_status: result.responseStatus,
          response_body: result.responseBody,
          duration_ms: result.durationMs,
          error: result.error,
        })
        .execute();
      return true;
    });
  }

  async redeliver(deliveryId: string, at: string): Promise<WebhookDelivery | null> {
    const row = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: at, claimed_until: null, claim: null })
      .where('id', '=', deliveryId)
      .where('status', '!=', 'pending')
      .returningAll()
      .executeTakeFirst();
    return row ? toDelivery(row) : null;
  }

  async delivery(id: string): Promise<WebhookDelivery | null> {
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toDelivery(row) : null;
  }

  async deliveries(webhookId: string, limit: number, before?: string): Promise<WebhookDelivery[]> {
    let query = this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId);
    if (before) query = query.where('id', '<', before);
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toDelivery);
  }

  async attempts(deliveryId: string): Promise<WebhookAttempt[]> {
    const rows = await this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      deliveryId: r.delivery_id,
      at: r.at,
      responseStatus: r.response_status,
      responseBody: r.response_body,
      durationMs: Number(r.duration_ms),
      error: r.error,
    }));
  }
}
