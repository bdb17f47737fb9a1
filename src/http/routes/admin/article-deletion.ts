/**
 * Deleting drafts from the newsroom pages (decisions/0040): the confirmation page the editor's
 * "Delete draft" button leads to, its POST (then the article list with a notice), and for admins
 * the list of deleted drafts with "Recover". Plain forms; the service has every rule.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import {
  deleteConfirmationView,
  deletedDraftsView,
} from '../../../views/pages/admin/article-deletion.js';
import { articleNotice } from '../../../views/pages/admin/article-status.js';
import { requireRole } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';
import { me, Params, Text } from './article-editor-page.js';

const Empty = Type.Object({}, { additionalProperties: false });
const perPage = 50;

export function articleDeletionPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsroom'>,
  deps: Pick<FormPageDeps, 'pageContext'>,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;
  const newsroom = services.newsroom;
  const admins = requireRole(['admin']);

  /** The confirmation page; with the refusal (and no button) when the article cannot go. */
  async function confirmation(request: FastifyRequest, reply: FastifyReply, id: string) {
    const user = me(request);
    // Missing or someone else's: 404 or 403 as for the editor itself.
    const article = await newsroom.article(user, id);
    const [ctx, revisions, check] = await Promise.all([
      pageContext(request),
      newsroom.revisions(user, article.id),
      attempt(() => newsroom.deletableDraft(user, article.id)),
    ]);
    const problem = check.ok ? undefined : problemOf(check.error, ctx.i18n);
    const page = deleteConfirmationView(ctx, {
      article,
      revisionCount: revisions.length,
      problem,
    });
    return sendPage(request, reply, page, { status: check.ok ? 200 : check.error.status });
  }

  app.get(
    '/admin/articles/:id/delete',
    { schema: { hide: true, params: Params } },
    (request, reply) => confirmation(request, reply, request.params.id),
  );

  app.post(
    '/admin/articles/:id/delete',
    { schema: { hide: true, params: Params, body: Empty } },
    async (request, reply) => {
      const result = await attempt(() => newsroom.deleteDraft(me(request), request.params.id));
      if (result.ok) return reply.redirect('/admin/articles?done=deleted', 303);
      if (result.error.status === 404 || result.error.status === 403) throw result.error;
      // Published meanwhile, say: the page says why, without the button.
      return confirmation(request, reply, request.params.id);
    },
  );

  app.get(
    '/admin/articles/deleted',
    {
      onRequest: admins,
      schema: {
        hide: true,
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          done: Text(20),
        }),
      },
    },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const [ctx, drafts] = await Promise.all([
        pageContext(request),
        newsroom.deletedDrafts(me(request), {
          limit: perPage + 1,
          offset: (page - 1) * perPage,
        }),
      ]);
      return sendPage(
        request,
        reply,
        deletedDraftsView(ctx, {
          drafts: drafts.slice(0, perPage),
          page,
          hasMore: drafts.length > perPage,
          done: articleNotice(request.query.done),
        }),
      );
    },
  );

  app.post(
    '/admin/articles/:id/recover',
    { onRequest: admins, schema: { hide: true, params: Params, body: Empty } },
    async (request, reply) => {
      const article = await newsroom.recoverDraft(me(request), request.params.id);
      return reply.redirect(`/admin/articles/${article.id}?done=recovered`, 303);
    },
  );
}
