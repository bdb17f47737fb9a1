/** An article's public thread; writing, editing, deleting and reacting to comments. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { flattenThreads } from '../../../services/comment-threads.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { commentJson } from '../../serializers/comments.js';
import { CommentList, refusals } from './schemas.js';

const errors = refusals(400, 401, 403, 404, 422);

const ArticleParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const CommentParams = Type.Object({ id: Type.String({ maxLength: 200 }) });
const CommentText = Type.String({
  maxLength: 100_000,
  description: 'Markdown; at most 5,000 characters',
});

export function commentApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'comments' | 'threads'>,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/articles/:id/comments',
    {
      schema: {
        summary:
          'The public thread of a published article, one page of top-level comments at a time, ' +
          'each with its first replies (a long thread continues at /api/v1/comments/{id}/replies)',
        tags: ['comments'],
        params: ArticleParams,
        querystring: Type.Object({
          sort: Type.Union(
            [Type.Literal('oldest'), Type.Literal('newest'), Type.Literal('reactions')],
            { default: 'oldest', description: 'reactions: most reactions first' },
          ),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
        response: { 200: CommentList, ...errors },
      },
    },
    async (request) => {
      const { sort, cursor, limit } = request.query;
      const page = await services.threads.threadsOf(request.params.id, sort, cursor, limit);
      return { items: flattenThreads(page.threads).map(commentJson), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/articles/:id/comments',
    {
      onRequest: requireRole('any'),
      schema: {
        summary:
          'Write a comment, or a reply with parentId; a retried Idempotency-Key writes nothing new. ' +
          'On a pre-moderated article the comment is stored with status "pending"; on a closed ' +
          'one the answer is 422',
        tags: ['comments'],
        security: [{ bearer: [] }],
        params: ArticleParams,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        }),
        body: Type.Object(
          {
            body: CommentText,
            parentId: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Comment'), ...errors },
      },
    },
    async (request, reply) => {
      const { comment } = await services.comments.postComment({
        author: request.viewer!.user,
        article: request.params.id,
        parentId: request.body.parentId,
        body: request.body.body,
        idempotencyKey: request.headers['idempotency-key'],
        clientAddress: request.ip,
      });
      return reply.code(201).send(commentJson(comment));
    },
  );

  app.get(
    '/api/v1/comments/:id',
    {
      schema: {
        summary: 'One public comment',
        tags: ['comments'],
        params: CommentParams,
        response: { 200: Type.Ref('Comment'), ...errors },
      },
    },
    async (request) => commentJson(await services.threads.publicComment(request.params.id)),
  );

  app.get(
    '/api/v1/comments/:id/replies',
    {
      schema: {
        summary: "A long thread's further replies, after the cursor its first page ended with",
        tags: ['comments'],
        params: CommentParams,
        querystring: Type.Object({ cursor: Type.String({ maxLength: 300 }) }),
        response: { 200: CommentList, ...errors },
      },
    },
    async (request) => {
      const root = await services.threads.publicComment(request.params.id);
      const page = await services.threads.threadReplies(
        root.articleId,
        root.id,
        request.query.cursor,
      );
      // The top-level comment itself is not repeated.
      const items = flattenThreads(page.threads).filter((c) => c.id !== root.id);
      return { items: items.map(commentJson), nextCursor: page.moreReplies };
    },
  );

  app.get(
    '/api/v1/comments/:id/history',
    {
      schema: {
        summary: 'Every version of a published comment, oldest first (the last is the current)',
        tags: ['comments'],
        params: CommentParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                body: Type.String(),
                html: Type.String(),
                writtenAt: Type.String({ format: 'date-time' }),
                replacedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: (await services.threads.history(request.params.id)).versions }),
  );

  app.patch(
    '/api/v1/comments/:id',
    {
      onRequest: requireRole('any'),
      schema: {
        summary:
          'Edit your own comment within the edit window (comments.editWindowMinutes, default 15); ' +
          'the earlier text is kept in its history',
        tags: ['comments'],
        security: [{ bearer: [] }],
        params: CommentParams,
        body: Type.Object({ body: CommentText }, { additionalProperties: false }),
        response: { 200: Type.Ref('Comment'), ...errors },
      },
    },
    async (request) =>
      commentJson(
        await services.comments.editComment({
          author: request.viewer!.user,
          id: request.params.id,
          body: request.body.body,
        }),
      ),
  );

  app.delete(
    '/api/v1/comments/:id',
    {
      onRequest: requireRole('any'),
      schema: {
        summary:
          'Delete your own comment; with replies a "comment deleted" placeholder keeps them in place',
        tags: ['comments'],
        security: [{ bearer: [] }],
        params: CommentParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await services.comments.deleteComment({
        author: request.viewer!.user,
        id: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/comments/:id/reactions',
    {
      onRequest: requireRole('any'),
      schema: {
        summary:
          'React to a comment (one reaction per person): `on` true adds, false removes, ' +
          'absent toggles',
        tags: ['comments'],
        security: [{ bearer: [] }],
        params: CommentParams,
        body: Type.Object({ on: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ comment: Type.Ref('Comment'), reacted: Type.Boolean() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const result = await services.comments.react({
        user: request.viewer!.user,
        id: request.params.id,
        on: request.body.on,
      });
      return { comment: commentJson(result.comment), reacted: result.reacted };
    },
  );
}
