/**
 * Comments with plain HTML forms: posting a comment or a reply, editing and deleting one's own,
 * reacting, and the pages behind them (a comment's versions, its permalink). Success redirects
 * to the comment; a refusal shows the form again with the message beside the text, which is kept.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { articlePath } from '../../domain/article.js';
import type { Comment, CommentNode } from '../../domain/comment.js';
import { safeRedirectPath } from '../../domain/redirect.js';
import { notFound } from '../../errors.js';
import type { Services } from '../../services/index.js';
import { articlePageView } from '../../views/pages/article.js';
import {
  commentHistoryView,
  deleteCommentView,
  editCommentView,
} from '../../views/pages/comment-pages.js';
import { commentAnchor, commentFragment, commentPermalink } from '../../views/pages/comments.js';
import { requireRole } from '../plugins/auth.js';
import { sendPage } from '../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from './forms.js';

const CommentParams = Type.Object({ id: Type.String({ maxLength: 200 }) });

export function commentForms(
  fastify: FastifyInstance,
  services: Pick<Services, 'commentSettings' | 'comments' | 'reading' | 'threads'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  /** The article a comment is on, with the links a page about the comment needs. */
  async function whereIs(comment: Comment) {
    const article = await services.threads.articleOf(comment);
    const path = articlePath(article);
    // A comment awaiting review has no permalink: its author finds it in their own list.
    const permalink =
      comment.status === 'pending'
        ? `${path}#${commentAnchor(comment.id)}`
        : commentPermalink(path, comment.id);
    return { path, headline: article.headline, permalink };
  }

  async function viewerState(request: FastifyRequest, threads: readonly CommentNode[]) {
    return request.viewer ? services.threads.viewerState(request.viewer.user, threads) : null;
  }

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
      if (result.ok) {
        const c = result.value.comment;
        // A held comment is not in the thread; the reader finds it under "awaiting review".
        return reply.redirect(
          c.status === 'published'
            ? commentPermalink(path, c.id)
            : `${path}#${commentAnchor(c.id)}`,
          303,
        );
      }
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
        ? await services.threads.replyTarget(lookup.page.article.id, parentId)
        : null;
      const page = articlePageView(ctx, lookup.page, {
        commentForm: {
          // The form's one input: every refusal of the comment is shown beside it.
          problem: { ...problemOf(result.error, ctx.i18n), field: 'comment-body' },
          body,
          replyTo: replyTarget ? { id: replyTarget.id, authorName: replyTarget.author.name } : null,
        },
        commentViewer: await viewerState(request, lookup.page.comments.threads),
      });
      return sendPage(request, reply, page, { status: result.error.status });
    },
  );

  // A comment's permalink: the article page opened around it.
  app.get(
    '/comments/:id',
    { schema: { hide: true, params: CommentParams } },
    async (request, reply) => {
      const comment = await services.threads.publicComment(request.params.id);
      return reply.redirect((await whereIs(comment)).permalink, 303);
    },
  );

  // One published comment as its thread on the article page draws it, for the reader who asks
  // (their own controls and CSRF token): the live script inserts these, never markup of its own.
  app.get(
    '/comments/:id/fragment',
    {
      schema: {
        hide: true,
        params: CommentParams,
        querystring: Type.Object(
          {
            sort: Type.Optional(
              Type.Union([
                Type.Literal('oldest'),
                Type.Literal('newest'),
                Type.Literal('reactions'),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const comment = await services.threads.publicComment(request.params.id);
      if (comment.status !== 'published') throw notFound('That comment');
      const article = await services.threads.articleOf(comment);
      const parent = comment.parentId
        ? await services.threads.replyTarget(article.id, comment.parentId)
        : null;
      const node: CommentNode = {
        comment,
        inReplyTo: parent ? parent.author : null,
        replies: [],
      };
      const [ctx, viewer] = await Promise.all([
        deps.pageContext(request),
        viewerState(request, [node]),
      ]);
      const fragment = commentFragment(ctx, {
        path: articlePath(article),
        sort: request.query.sort ?? 'oldest',
        node,
        viewer,
      });
      reply.header('x-robots-tag', 'noindex');
      return sendPage(request, reply, fragment);
    },
  );

  app.get(
    '/comments/:id/history',
    { schema: { hide: true, params: CommentParams } },
    async (request, reply) => {
      const history = await services.threads.history(request.params.id);
      const [ctx, where] = await Promise.all([deps.pageContext(request), whereIs(history.comment)]);
      return sendPage(request, reply, commentHistoryView(ctx, history, where));
    },
  );

  app.get(
    '/comments/:id/edit',
    { onRequest: requireRole('any'), schema: { hide: true, params: CommentParams } },
    async (request, reply) => {
      const comment = await services.comments.ownComment(
        request.viewer!.user,
        request.params.id,
        'edit',
      );
      const [ctx, where, windowMinutes] = await Promise.all([
        deps.pageContext(request),
        whereIs(comment),
        services.commentSettings.editWindowMinutes(),
      ]);
      return sendPage(request, reply, editCommentView(ctx, comment, where, { windowMinutes }));
    },
  );

  app.post(
    '/comments/:id/edit',
    {
      onRequest: requireRole('any'),
      schema: {
        hide: true,
        params: CommentParams,
        body: Type.Object(
          { body: Type.String({ maxLength: 100_000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = request.viewer!.user;
      const result = await attempt(() =>
        services.comments.editComment({
          author: user,
          id: request.params.id,
          body: request.body.body,
        }),
      );
      if (result.ok) {
        const c = result.value;
        const where = await whereIs(c);
        return reply.redirect(
          c.status === 'published' ? where.permalink : `${where.path}#${commentAnchor(c.id)}`,
          303,
        );
      }
      if (result.error.status === 404 || result.error.status === 403) throw result.error;
      const comment = await services.comments.ownComment(user, request.params.id, 'edit');
      const [ctx, where, windowMinutes] = await Promise.all([
        deps.pageContext(request),
        whereIs(comment),
        services.commentSettings.editWindowMinutes(),
      ]);
      const page = editCommentView(ctx, comment, where, {
        windowMinutes,
        body: request.body.body,
        problem: { ...problemOf(result.error, ctx.i18n), field: 'edit-body' },
      });
      return sendPage(request, reply, page, { status: result.error.status });
    },
  );

  app.get(
    '/comments/:id/delete',
    { onRequest: requireRole('any'), schema: { hide: true, params: CommentParams } },
    async (request, reply) => {
      const comment = await services.comments.ownComment(
        request.viewer!.user,
        request.params.id,
        'delete',
      );
      const [ctx, where] = await Promise.all([deps.pageContext(request), whereIs(comment)]);
      return sendPage(request, reply, deleteCommentView(ctx, comment, where));
    },
  );

  app.post(
    '/comments/:id/delete',
    { onRequest: requireRole('any'), schema: { hide: true, params: CommentParams } },
    async (request, reply) => {
      const deleted = await services.comments.deleteComment({
        author: request.viewer!.user,
        id: request.params.id,
      });
      const { path } = await whereIs(deleted);
      return reply.redirect(`${path}#comments`, 303);
    },
  );

  app.post(
    '/comments/:id/reactions',
    {
      onRequest: requireRole('any'),
      schema: {
        hide: true,
        params: CommentParams,
        body: Type.Object(
          {
            on: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])),
            return: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { on } = request.body;
      const { comment } = await services.comments.react({
        user: request.viewer!.user,
        id: request.params.id,
        on: on === undefined ? undefined : on === '1',
      });
      // Back to the page the reader was on, at the comment.
      const fallback = (await whereIs(comment)).path;
      const back = safeRedirectPath(request.body.return, fallback).split('#')[0] ?? fallback;
      return reply.redirect(`${back}#${commentAnchor(comment.id)}`, 303);
    },
  );
}
