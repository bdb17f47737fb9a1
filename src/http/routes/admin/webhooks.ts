/** /admin/webhooks: list, add, edit, turn on and off, delete, test, deliveries and redelivery. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import { notice } from '../../../views/pages/admin/page.js';
import {
  webhookListView,
  webhookNewView,
  webhookNotices,
  webhookView,
  type WebhookFormValues,
} from '../../../views/pages/admin/webhooks.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const Text = (max: number) => Type.String({ maxLength: max });
const FormBody = Type.Object(
  {
    url: Text(2000),
    description: Type.Optional(Text(200)),
    secret: Type.Optional(Text(200)),
    // One ticked box comes as a string, several as a list, none as nothing.
    events: Type.Optional(Type.Union([Text(40), Type.Array(Text(40), { maxItems: 20 })])),
    preset: Type.Optional(Text(20)),
    enabled: Type.Optional(Type.Literal('on')),
  },
  { additionalProperties: false },
);
const where = {
  fields: {
    url: 'webhook-url',
    events: 'webhook-events',
    secret: 'webhook-secret',
    description: 'webhook-description',
  },
};

export function webhookAdminPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'webhooks'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;
  const { webhooks } = services;

  const valuesOf = (body: Static<typeof FormBody>): WebhookFormValues => ({
    url: body.url,
    description: body.description ?? '',
    events: body.events === undefined ? [] : [body.events].flat(),
    preset: body.preset ?? 'json',
    enabled: body.enabled === 'on',
  });
  const inputOf = (values: WebhookFormValues, secret: string | undefined) => ({
    url: values.url,
    description: values.description,
    events: values.events,
    preset: values.preset,
    enabled: values.enabled,
    secret,
  });
  const showDelivery = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { values?: WebhookFormValues; error?: AppError; done?: string; before?: string },
  ) => {
    const [ctx, webhook] = await Promise.all([pageContext(request), webhooks.get(id)]);
    const deliveries = await webhooks.deliveries(id, 51, extra.before);
    const problem = extra.error ? problemOf(extra.error, ctx.i18n, where) : undefined;
    const page = webhookView(ctx, {
      webhook,
      deliveries: deliveries.slice(0, 50),
      older: deliveries.length > 50 ? deliveries[49]?.id : undefined,
      values: extra.values,
      problem,
      done: notice(webhookNotices, extra.done),
    });
    return sendPage(request, reply, page, { status: extra.error?.status ?? 200 });
  };

  app.get(
    '/admin/webhooks',
    { schema: { hide: true, querystring: Type.Object({ done: Type.Optional(Text(20)) }) } },
    async (request, reply) => {
      const [ctx, list] = await Promise.all([pageContext(request), webhooks.list()]);
      const done = notice(webhookNotices, request.query.done);
      return sendPage(request, reply, webhookListView(ctx, { webhooks: list, done }));
    },
  );

  app.get('/admin/webhooks/new', { schema: { hide: true } }, async (request, reply) =>
    sendPage(request, reply, webhookNewView(await pageContext(request), {})),
  );

  app.post(
    '/admin/webhooks',
    { schema: { hide: true, body: FormBody } },
    async (request, reply) => {
      const values = valuesOf(request.body);
      const result = await attempt(() => webhooks.create(inputOf(values, request.body.secret)));
      if (!result.ok) {
        const ctx = await pageContext(request);
        const page = webhookNewView(ctx, {
          values,
          problem: problemOf(result.error, ctx.i18n, where),
        });
        return sendPage(request, reply, page, { status: result.error.status });
      }
      return reply.redirect(`/admin/webhooks/${result.value.id}?done=created`, 303);
    },
  );

  app.get(
    '/admin/webhooks/:id',
    {
      schema: {
        hide: true,
        params: Id,
        querystring: Type.Object({
          done: Type.Optional(Text(20)),
          before: Type.Optional(Text(100)),
        }),
      },
    },
    async (request, reply) =>
      showDelivery(request, reply, request.params.id, {
        ...(request.query.done ? { done: request.query.done } : {}),
        ...(request.query.before ? { before: request.query.before } : {}),
      }),
  );

  app.post(
    '/admin/webhooks/:id',
    { schema: { hide: true, params: Id, body: FormBody } },
    async (request, reply) => {
      const { id } = request.params;
      const values = valuesOf(request.body);
      const result = await attempt(() => webhooks.update(id, inputOf(values, request.body.secret)));
      if (!result.ok) return showDelivery(request, reply, id, { values, error: result.error });
      return reply.redirect(`/admin/webhooks/${id}?done=saved`, 303);
    },
  );

  for (const [action, done] of [
    ['enable', 'enabled'],
    ['disable', 'disabled'],
  ] as const) {
    app.post(
      `/admin/webhooks/:id/${action}`,
      { schema: { hide: true, params: Id } },
      async (request, reply) => {
        await webhooks.setEnabled(request.params.id, action === 'enable');
        return reply.redirect(`/admin/webhooks?done=${done}`, 303);
      },
    );
  }

  app.post(
    '/admin/webhooks/:id/delete',
    { schema: { hide: true, params: Id } },
    async (request, reply) => {
      await webhooks.remove(request.params.id);
      return reply.redirect('/admin/webhooks?done=deleted', 303);
    },
  );

  app.post(
    '/admin/webhooks/:id/test',
    { schema: { hide: true, params: Id } },
    async (request, reply) => {
      await webhooks.sendTest(request.params.id);
      return reply.redirect(`/admin/webhooks/${request.params.id}?done=tested`, 303);
    },
  );

  app.post(
    '/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Text(100), deliveryId: Text(100) }),
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      const result = await attempt(() => webhooks.redeliver(id, deliveryId));
      if (!result.ok) return showDelivery(request, reply, id, { error: result.error });
      return reply.redirect(`/admin/webhooks/${id}?done=redelivered`, 303);
    },
  );
}
