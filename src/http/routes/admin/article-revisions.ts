/** An article's revisions: the list, a comparison of two versions, and restoring an old one. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { canEdit } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { revisionsView } from '../../../views/pages/admin/revisions.js';
import { sendPage } from '../../plugins/pages.js';
import type { FormPageDeps } from '../forms.js';
import { me, Params, type ArticleEditor } from './article-editor-page.js';

export function articleRevisionPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsroom'>,
  deps: Pick<FormPageDeps, 'pageContext'>,
  { act }: ArticleEditor,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;
  const newsroom = services.newsroom;

  async function revisions(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    compare?: { a: number; b: number },
  ) {
    const user = me(request);
    const article = await newsroom.article(user, id);
    const [ctx, list, a, b] = await Promise.all([
      pageContext(request),
      newsroom.revisions(user, article.id),
      compare ? newsroom.revision(user, article.id, compare.a) : null,
      compare ? newsroom.revision(user, article.id, compare.b) : null,
    ]);
    return sendPage(
      request,
      reply,
      revisionsView(ctx, {
        article,
        revisions: list,
        canRestore: canEdit(user, article),
        compare: a && b ? { a, b } : undefined,
      }),
    );
  }

  app.get(
    '/admin/articles/:id/revisions',
    { schema: { hide: true, params: Params } },
    (request, reply) => revisions(request, reply, request.params.id),
  );

  app.get(
    '/admin/articles/:id/revisions/compare',
    {
      schema: {
        hide: true,
        params: Params,
        querystring: Type.Object({
          a: Type.Integer({ minimum: 1 }),
          b: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    (request, reply) => revisions(request, reply, request.params.id, request.query),
  );

  app.post(
    '/admin/articles/:id/revisions/:version/restore',
    {
      schema: {
        hide: true,
        params: Type.Object({
          id: Type.String({ maxLength: 100 }),
          version: Type.Integer({ minimum: 1 }),
        }),
        body: Type.Object(
          { version: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })) },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) =>
          newsroom.restore(
            u,
            request.params.id,
            request.params.version,
            Number(request.body.version ?? 0),
          ),
        () => 'restored',
      ),
  );
}
