/** The mail outbox, newest first, fifty at a time. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { OutboxMessage } from '../../../domain/outbox.js';
import { outboxView } from '../../../views/pages/admin/outbox.js';
import { sendPage } from '../../plugins/pages.js';
import type { FormPageDeps } from '../forms.js';

const perPage = 50;

/** What this page reads: the outbox, newest first; `before` is the last id of the page before. */
export interface OutboxPages {
  list(limit: number, before?: string): Promise<OutboxMessage[]>;
}

export function outboxAdminPages(
  fastify: FastifyInstance,
  outbox: OutboxPages,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/admin/outbox',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ before: Type.Optional(Type.String({ maxLength: 100 })) }),
      },
    },
    async (request, reply) => {
      const { before } = request.query;
      const [ctx, messages] = await Promise.all([
        deps.pageContext(request),
        outbox.list(perPage, before),
      ]);
      const last = messages.length === perPage ? messages[messages.length - 1] : undefined;
      const olderHref = last ? `/admin/outbox?before=${encodeURIComponent(last.id)}` : null;
      const page = outboxView(ctx, { messages, olderHref, isFirstPage: before === undefined });
      return sendPage(request, reply, page);
    },
  );
}
