/** Reports from readers, and the moderators' queue and decisions, as JSON. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { reasonCodes, isReasonCode } from '../../../domain/moderation/types.js';
import { reportReasons } from '../../../domain/moderation/reports.js';
import { AppError } from '../../../errors.js';
import { queueActions } from '../../../services/moderation.js';
import type { Services } from '../../../services/index.js';
import { queueTabs } from '../../../domain/moderation/queue.js';
import { requireRole } from '../../plugins/auth.js';
import { queueItemJson } from '../../serializers/moderation.js';
import { IdParams, refusals } from './schemas.js';

const errors = refusals(400, 401, 403, 404);
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const QueueItemBody = Type.Object({
  comment: Type.Ref('Comment'),
  reasons: Type.Array(Type.Object({ code: literals(reasonCodes), detail: Type.String() }), {
    description: 'Why the pipeline or reports held it, in the order the rules found them',
  }),
  featured: Type.Boolean(),
  rejectionReason: Type.String({ description: 'Shown to the author of a rejected comment' }),
  openReports: Type.Integer(),
  article: Type.Union([
    Type.Object({ id: Type.String(), headline: Type.String(), url: Type.String() }),
    Type.Null(),
  ]),
  parent: Type.Union([Type.Ref('Comment'), Type.Null()]),
  reports: Type.Array(
    Type.Object({
      reason: literals(reportReasons),
      text: Type.String(),
      reporter: Type.Object({ id: Type.String(), name: Type.String() }),
      createdAt: Type.String({ format: 'date-time' }),
      resolved: Type.Boolean(),
    }),
  ),
  authorRecord: Type.Object({
    memberSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    approved: Type.Integer(),
    rejected: Type.Integer(),
    suspendedUntil: Type.Union([Type.String(), Type.Null()]),
    banned: Type.Boolean(),
  }),
});

export function moderationApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'moderation' | 'moderationDigest'>,
  baseUrl: string,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/comments/:id/reports',
    {
      onRequest: requireRole('any'),
      schema: {
        summary: 'Report a published comment to the moderators (once per person per comment)',
        tags: ['moderation'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          {
            reason: literals(reportReasons),
            text: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ commentId: Type.String(), reason: Type.String() }),
          409: Type.Ref('Error'),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { created } = await services.moderation.report(
        request.viewer!.user,
        request.params.id,
        {
          reason: request.body.reason,
          text: request.body.text ?? '',
        },
      );
      if (!created) {
        throw new AppError('already_reported', 'You have already reported this comment.');
      }
      return reply.code(201).send({ commentId: request.params.id, reason: request.body.reason });
    },
  );

  app.get(
    '/api/v1/moderation/queue',
    {
      onRequest: requireRole(['moderator', 'admin']),
      schema: {
        summary: 'Moderators: comments by queue (pending, reported, rejected, approved, all)',
        tags: ['moderation'],
        security: [{ bearer: [] }],
        querystring: Type.Object({
          status: literals(queueTabs),
          article: Type.Optional(Type.String({ maxLength: 200 })),
          reason: Type.Optional(literals(reasonCodes)),
          page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(QueueItemBody),
            nextPage: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await services.moderation.queue({
        tab: q.status,
        articleId: q.article,
        reason: q.reason && isReasonCode(q.reason) ? q.reason : undefined,
        page: q.page,
        perPage: q.limit,
      });
      return {
        items: items.map((i) => queueItemJson(i, baseUrl)),
        nextPage: items.length === q.limit ? q.page + 1 : null,
      };
    },
  );

  app.get(
    '/api/v1/moderation/counts',
    {
      onRequest: requireRole(['moderator', 'admin']),
      schema: {
        summary: 'Moderators: how many comments each queue tab holds (of one article, if given)',
        tags: ['moderation'],
        security: [{ bearer: [] }],
        querystring: Type.Object({ article: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: {
          200: Type.Object(
            Object.fromEntries(queueTabs.map((t) => [t, Type.Integer({ minimum: 0 })])) as Record<
              (typeof queueTabs)[number],
              ReturnType<typeof Type.Integer>
            >,
          ),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return services.moderation.queueCounts(request.query.article || undefined);
    },
  );

  app.post(
    '/api/v1/comments/:id/moderation',
    {
      onRequest: requireRole(['moderator', 'admin']),
      schema: {
        summary:
          'Moderators: approve, reject (with a reason shown to the author), feature, unfeature, keep (dismiss open reports)',
        tags: ['moderation'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          {
            action: literals(queueActions),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: QueueItemBody, 409: Type.Ref('Error'), ...errors },
      },
    },
    async (request) => {
      await services.moderation.act(
        request.viewer!.user,
        [request.params.id],
        request.body.action,
        request.body.reason ?? '',
      );
      const item = await services.moderation.item(request.params.id);
      if (!item) throw new Error('moderated comment vanished');
      return queueItemJson(item, baseUrl);
    },
  );
  const Digest = Type.Object({
    subscribed: Type.Boolean({
      description: 'Whether the signed-in moderator gets the email digest of waiting comments',
    }),
  });
  const digestRoute = {
    onRequest: requireRole(['moderator', 'admin']),
    schema: {
      tags: ['moderation'],
      security: [{ bearer: [] }],
      response: { 200: Digest, ...errors },
    },
  };
  app.get(
    '/api/v1/moderation/digest',
    {
      ...digestRoute,
      schema: { ...digestRoute.schema, summary: 'Moderators: whether I get the digest' },
    },
    async (request) => ({
      subscribed: await services.moderationDigest.isSubscribed(request.viewer!.user.id),
    }),
  );
  app.put(
    '/api/v1/moderation/digest',
    {
      ...digestRoute,
      schema: {
        ...digestRoute.schema,
        summary:
          'Moderators: get the email digest when held and reported comments reach the site threshold',
      },
    },
    async (request) => {
      await services.moderationDigest.subscribe(request.viewer!.user.id);
      return { subscribed: true };
    },
  );
  app.delete(
    '/api/v1/moderation/digest',
    { ...digestRoute, schema: { ...digestRoute.schema, summary: 'Moderators: stop the digest' } },
    async (request) => {
      await services.moderationDigest.unsubscribe(request.viewer!.user.id);
      return { subscribed: false };
    },
  );
}
