/**
 * The workflow buttons under the editor: submit for review, publish now or at a time, send back
 * to draft, unpublish (or cancel a schedule). The service checks every transition.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { User } from '../../../domain/user.js';
import { editorRoles } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { Params, Text, type ArticleEditor } from './article-editor-page.js';

const Empty = Type.Object({}, { additionalProperties: false });

export function articleWorkflowActions(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsroom' | 'site' | 'newsletterDesk'>,
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
          {
            at: Type.Optional(Type.String({ maxLength: 40 })),
            choice: Type.Optional(Type.String({ maxLength: 40 })),
            alert: Type.Optional(Type.Literal('on')),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { at, choice } = request.body;
      // "Send as alert" (issue 21): asked once per article; it goes when the article is published.
      const alerting = async <T extends { id: string }>(u: User, article: T): Promise<T> => {
        if (request.body.alert === 'on') await services.newsletterDesk.requestAlert(u, article.id);
        return article;
      };
      // Publish now sends no time; the schedule form sends a local time in the site's zone.
      if (at === undefined) {
        return act(
          request,
          reply,
          request.params.id,
          async (u) => alerting(u, await newsroom.publish(u, request.params.id)),
          () => 'published',
        );
      }
      const { timeZone } = await services.site.identity();
      return act(
        request,
        reply,
        request.params.id,
        async (u) =>
          alerting(u, await newsroom.publishAtLocal(u, request.params.id, at, timeZone, choice)),
        () => 'scheduled',
        { schedule: { at } },
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
