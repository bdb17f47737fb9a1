/** An article's public thread, and writing a comment or a reply. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Comment } from '../../../domain/comment.js';
import { flattenThreads } from '../../../services/comments.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { CommentList } from './schemas.js';

export function commentJson(comment: Comment) {
  return {
    id: comment.id,
    articleId: comment.articleId,
    parentId: comment.parentId,
    body: comment.body,
    html: comment.html,
    author: comment.author,
    status: comment.status,
    depth: comment.depth,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    reactions: comment.reactionCount,
  };
}

const errors = {
  400: Type.Ref('Error'),
  401: Type.Ref('Error'),
  403: Type.Ref('Error'),
  404: Type.Ref('Error'),
};

const ArticleParams = Type.Object({ id: Type.String({ maxLength: 200 }) });

export function commentApi(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/articles/:id/comments',
    {
      schema: {
        summary:
          'The public thread of a published article, one page of top-level comments at a time',
        tags: ['comments'],
        params: ArticleParams,
        querystring: Type.Object({
          sort: Type.Union([Type.Literal('oldest'), Type.Literal('newest')], { default: 'oldest' }),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
        response: { 200: CommentList, ...errors },
      },
    },
    async (request) => {
      const { sort, cursor, limit } = request.query;
      const page = await services.comments.threadsOf(request.params.id, sort, cursor, limit);
      return { items: flattenThreads(page.threads).map(commentJson), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/articles/:id/comments',
    {
      onRequest: requireRole('any'),
      schema: {
        summary:
          'Write a comment, or a reply with parentId; a retried Idempotency-Key writes nothing new',
        tags: ['comments'],
        security: [{ bearer: [] }],
        params: ArticleParams,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        }),
        body: Type.Object(
          {
            body: Type.String({
              maxLength: 100_000,
              description: 'Markdown; at most 5,000 characters',
            }),
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
}
