/**
 * Posting a comment or a reply with a plain HTML form. Success redirects to the new comment's
 * anchor; a refusal shows the article again with the message beside the text, which is kept.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../services/index.js';
import { articlePageView } from '../../views/pages/article.js';
import { commentAnchor } from '../../views/pages/comments.js';
import { requireRole } from '../plugins/auth.js';
import { sendPage } from '../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from './forms.js';

export function commentForms(fastify: FastifyInstance, services: Services, deps: FormPageDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/:section/:yyyy/:mm/:dd/:slug/comments',
    {
      onRequest: requireRole('any'),
      schema: {
        hide: true,
        params: Type.Object({
          section: Type.String(),
          yyyy: Type.String(),
          mm: Type.String(),
          dd: Type.String(),
          slug: Type.String(),
        }),
        body: Type.Object(
          {
            body: Type.String({ maxLength: 100_000 }),
            parentId: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const p = request.params;
      const path = `/${p.section}/${p.yyyy}/${p.mm}/${p.dd}/${p.slug}`;
      const { body, parentId } = request.body;
      const result = await attempt(() =>
        services.comments.postComment({
          author: request.viewer!.user,
          article: p.slug,
          parentId,
          body,
          clientAddress: request.ip,
        }),
      );
      if (result.ok)
        return reply.redirect(`${path}#${commentAnchor(result.value.comment.id)}`, 303);
      // Not found (article or parent) is an error page; anything else is shown beside the text.
      if (result.error.status === 404) throw result.error;
      if (result.error.retryAfterSeconds !== undefined) {
        reply.header('retry-after', String(result.error.retryAfterSeconds));
      }
      const [ctx, lookup] = await Promise.all([
        deps.pageContext(request),
        services.reading.articleAt(path, p.slug),
      ]);
      if (lookup.kind === 'moved') return reply.redirect(lookup.path, 303);
      const replyTarget = parentId
        ? await services.comments.replyTarget(lookup.page.article.id, parentId)
        : null;
      const page = articlePageView(ctx, lookup.page, {
        commentForm: {
          problem: problemOf(result.error, { 'comment-body': /./ }),
          body,
          replyTo: replyTarget ? { id: replyTarget.id, authorName: replyTarget.author.name } : null,
        },
      });
      return sendPage(request, reply, page, { status: result.error.status });
    },
  );
}
