/**
 * Reporting a comment with a plain HTML form: back to the comment with a thank-you, or to the
 * article with the problem if the report was refused.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { articlePath } from '../../domain/article.js';
import type { Services } from '../../services/index.js';
import { requireRole } from '../plugins/auth.js';

export function reportForms(
  fastify: FastifyInstance,
  services: Pick<Services, 'moderation' | 'reading'>,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/comments/:id/reports',
    {
      onRequest: requireRole('any'),
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
        body: Type.Object(
          {
            reason: Type.Optional(Type.String({ maxLength: 20 })),
            text: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { comment } = await services.moderation.report(request.viewer!.user, id, {
        reason: request.body.reason ?? '',
        text: request.body.text ?? '',
      });
      const article = await services.reading.publishedArticle(comment.articleId);
      const anchor = comment.status === 'published' ? `#comment-${id}` : '#comments';
      return reply.redirect(
        `${articlePath(article)}?reported=${encodeURIComponent(id)}${anchor}`,
        303,
      );
    },
  );
}
