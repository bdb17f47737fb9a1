/** Webhooks for admins: register, change, delete, test; read the deliveries and redeliver. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  webhookEvents,
  webhookPresets,
  type Webhook,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookPreset,
} from '../../../domain/webhook.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';

const errors = {
  400: Type.Ref('Error'),
  401: Type.Ref('Error'),
  403: Type.Ref('Error'),
  404: Type.Ref('Error'),
  409: Type.Ref('Error'),
};

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const DeliveryParams = Type.Object({
  id: Type.String({ maxLength: 100 }),
  deliveryId: Type.String({ maxLength: 100 }),
});
const EventName = Type.Unsafe<WebhookEvent>({ type: 'string', enum: [...webhookEvents] });
const Preset = Type.Unsafe<WebhookPreset>({ type: 'string', enum: [...webhookPresets] });

const WebhookJson = Type.Object({
  id: Type.String(),
  url: Type.String(),
  secret: Type.String({ description: 'signs every delivery (docs/webhooks.md)' }),
  events: Type.Array(EventName),
  preset: Preset,
  description: Type.String(),
  enabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const DeliveryJson = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  event: Type.String(),
  payload: Type.String({ description: 'the exact body sent and signed' }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  lastAttemptAt: Nullable(Type.String({ format: 'date-time' })),
  responseStatus: Type.Union([Type.Integer(), Type.Null()]),
  responseBody: Nullable(Type.String({ description: 'the first 2,000 characters' })),
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
  error: Nullable(Type.String()),
});
const AttemptJson = Type.Object({
  at: Type.String({ format: 'date-time' }),
  responseStatus: Type.Union([Type.Integer(), Type.Null()]),
  responseBody: Nullable(Type.String()),
  durationMs: Type.Integer(),
  error: Nullable(Type.String()),
});

const Fields = {
  url: Type.String({ maxLength: 2000 }),
  events: Type.Array(EventName, { minItems: 1, maxItems: webhookEvents.length }),
  secret: Type.Optional(
    Type.String({ maxLength: 200, description: '16–200 characters; made for you when absent' }),
  ),
  preset: Type.Optional(Preset),
  description: Type.Optional(Type.String({ maxLength: 200 })),
  enabled: Type.Optional(Type.Boolean()),
};

const webhookJson = (w: Webhook) => ({ ...w });
const deliveryJson = (d: WebhookDelivery) => ({ ...d });
const attemptJson = (a: WebhookAttempt) => ({
  at: a.at,
  responseStatus: a.responseStatus,
  responseBody: a.responseBody,
  durationMs: a.durationMs,
  error: a.error,
});

export function webhookApi(fastify: FastifyInstance, services: Pick<Services, 'webhooks'>): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { onRequest: requireRole(['admin']) };
  const common = { tags: ['webhooks'], security: [{ bearer: [] }] };

  app.get(
    '/api/v1/webhooks',
    {
      ...admin,
      schema: {
        ...common,
        summary: 'Every registered webhook, oldest first',
        response: { 200: Type.Object({ items: Type.Array(WebhookJson) }), ...errors },
      },
    },
    async () => ({ items: (await services.webhooks.list()).map(webhookJson) }),
  );

  app.post(
    '/api/v1/webhooks',
    {
      ...admin,
      schema: {
        ...common,
        summary:
          'Register a webhook; addresses on this machine or a private network are refused ' +
          'unless WEBHOOKS_ALLOW_PRIVATE is set',
        body: Type.Object(Fields, { additionalProperties: false }),
        response: { 201: WebhookJson, ...errors },
      },
    },
    async (request, reply) => {
      const created = await services.webhooks.create(request.body);
      return reply.status(201).send(webhookJson(created));
    },
  );

  app.get(
    '/api/v1/webhooks/:id',
    {
      ...admin,
      schema: {
        ...common,
        summary: 'One webhook',
        params: Id,
        response: { 200: WebhookJson, ...errors },
      },
    },
    async (request) => webhookJson(await services.webhooks.get(request.params.id)),
  );

  app.patch(
    '/api/v1/webhooks/:id',
    {
      ...admin,
      schema: {
        ...common,
        summary: 'Change a webhook: what is sent replaces what was (an absent secret is kept)',
        params: Id,
        body: Type.Object(Fields, { additionalProperties: false }),
        response: { 200: WebhookJson, ...errors },
      },
    },
    async (request) => webhookJson(await services.webhooks.update(request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      ...admin,
      schema: {
        ...common,
        summary: 'Delete a webhook and its deliveries',
        params: Id,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await services.webhooks.remove(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/webhooks/:id/test',
    {
      ...admin,
      schema: {
        ...common,
        summary: 'Queue a webhook.test delivery to this webhook',
        params: Id,
        response: { 202: DeliveryJson, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(202).send(deliveryJson(await services.webhooks.sendTest(request.params.id))),
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      ...admin,
      schema: {
        ...common,
        summary: 'A webhook’s deliveries, newest first',
        params: Id,
        querystring: Type.Object({
          before: Type.Optional(
            Type.String({ maxLength: 100, description: 'the last id of the previous page' }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(DeliveryJson) }), ...errors },
      },
    },
    async (request) => {
      const { before, limit } = request.query;
      const items = await services.webhooks.deliveries(request.params.id, limit, before);
      return { items: items.map(deliveryJson) };
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries/:deliveryId',
    {
      ...admin,
      schema: {
        ...common,
        summary: 'One delivery, with each try and its answer',
        params: DeliveryParams,
        response: {
          200: Type.Object({ delivery: DeliveryJson, attempts: Type.Array(AttemptJson) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const found = await services.webhooks.delivery(request.params.id, request.params.deliveryId);
      return { delivery: deliveryJson(found.delivery), attempts: found.attempts.map(attemptJson) };
    },
  );

  app.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      ...admin,
      schema: {
        ...common,
        summary: 'Send a delivered or failed delivery again (409 while it is still waiting)',
        params: DeliveryParams,
        response: { 202: DeliveryJson, ...errors },
      },
    },
    async (request, reply) => {
      const again = await services.webhooks.redeliver(request.params.id, request.params.deliveryId);
      return reply.status(202).send(deliveryJson(again));
    },
  );
}
