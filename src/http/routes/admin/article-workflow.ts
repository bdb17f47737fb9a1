/**
 * The workflow buttons under the editor: submit for review, publish now or at a time, send back
 * to draft, unpublish (or cancel a schedule). The service checks every transition.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { editorRoles } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { Params, Text, type ArticleEditor } from './article-editor-page.js';

const Empty = Type.Object({}, { additionalProperties: false });

export function articleWorkflowActions(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsroom'>,
  { act }: ArticleEditor,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const newsroom = services.newsroom;
  const editors = requireRole(editorRoles);

  app.post(
    '/admin/articles/:id/submit',
    { schema: { hide: true, params: Params, body: Empty } },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) => newsroom.submit(u, request.params.id),
        () => 'submitted',
      ),
  );

  app.post(
    '/admin/articles/:id/publish',
    {
      onRequest: editors,
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          { at: Type.Optional(Type.String({ maxLength: 40 })) },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) => {
      // datetime-local sends "2026-05-01T09:00" with no zone: the form says it is UTC.
      const raw = request.body.at?.trim();
      const at = raw
        ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw)
          ? `${raw}:00Z`
          : raw
        : undefined;
      return act(
        request,
        reply,
        request.params.id,
        (u) => newsroom.publish(u, request.params.id, at),
        (a) => (a.status === 'scheduled' ? 'scheduled' : 'published'),
      );
    },
  );

  app.post(
    '/admin/articles/:id/return',
    {
      onRequest: editors,
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({ note: Text(2_000) }, { additionalProperties: false }),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) => newsroom.returnToDraft(u, request.params.id, request.body.note ?? ''),
        () => 'returned',
      ),
  );

  app.post(
    '/admin/articles/:id/unpublish',
    { onRequest: editors, schema: { hide: true, params: Params, body: Empty } },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) => newsroom.unpublish(u, request.params.id),
        (a) => (a.status === 'review' ? 'cancelled' : 'unpublished'),
      ),
  );
}
