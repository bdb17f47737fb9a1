/** An article's own comment settings (mode and auto-close), from the editor; editors only. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isCommentMode } from '../../../domain/comment-settings.js';
import { editorRoles } from '../../../domain/workflow.js';
import { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { Params, Text, type ArticleEditor } from './article-editor-page.js';

export function articleCommentSettings(
  fastify: FastifyInstance,
  services: Pick<Services, 'commentSettings' | 'newsroom'>,
  { act }: ArticleEditor,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const newsroom = services.newsroom;

  app.post(
    '/admin/articles/:id/comments',
    {
      onRequest: requireRole(editorRoles),
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          { mode: Text(20), autoCloseHours: Text(10) },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        async (u) => {
          const article = await newsroom.article(u, request.params.id);
          const mode = (request.body.mode ?? '').trim();
          const hours = (request.body.autoCloseHours ?? '').trim();
          if (mode !== '' && !isCommentMode(mode)) {
            throw new AppError(
              'invalid_comment_mode',
              'Choose open, pre-moderated, closed, or the site’s setting.',
              { field: 'mode' },
            );
          }
          if (hours !== '' && !/^[0-9]{1,6}$/.test(hours)) {
            throw new AppError(
              'invalid_hours',
              'Close comments after a whole number of hours (0 for never).',
              { field: 'autoCloseHours' },
            );
          }
          await services.commentSettings.setArticleSettings(article.id, {
            mode: mode === '' ? null : mode,
            autoCloseHours: hours === '' ? null : Number(hours),
          });
          return article;
        },
        () => 'comments',
      ),
  );
}
