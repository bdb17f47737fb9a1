/**
 * A live article's updates over the API (docs/live-coverage.md): the public list with cursors,
 * the Server-Sent Events stream of what changes (`update` and `removed`, ids are change numbers
 * for Last-Event-ID), and posting for the newsroom with a token.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { liveLimits } from '../../../domain/live.js';
import { newsroomRoles } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import type { SiteContext } from '../../../views/context.js';
import { keyEventItem, liveUpdateItem } from '../../../views/live.js';
import type { LiveUpdateHub, UpdateFormatter } from '../../live-updates.js';
import { requireRole } from '../../plugins/auth.js';
import { liveUpdateJson } from '../../serializers/live-updates.js';
import { startLiveStream } from './live-stream.js';
import { AuthorRef, IdParams, Nullable, refusals } from './schemas.js';

const LiveUpdateBody = Type.Object({
  id: Type.String(),
  articleId: Type.String(),
  postedAt: Type.String({ format: 'date-time' }),
  authors: Type.Array(AuthorRef),
  title: Nullable(Type.String()),
  body: Type.String({ description: 'Markdown as written' }),
  keyEvent: Type.Boolean(),
  pinned: Type.Boolean(),
  closing: Type.Boolean(),
  editedAt: Nullable(Type.String({ format: 'date-time' })),
});

/** The stream's event data: the JSON, and the update's HTML as the page draws it. */
export function liveUpdateFormatter(
  services: Pick<Services, 'live'>,
  site: () => Promise<Pick<SiteContext, 'i18n'>>,
): UpdateFormatter {
  return async (articleId) => {
    const [{ i18n }, path, count] = await Promise.all([
      site(),
      services.live.articlePath(articleId),
      services.live.count(articleId),
    ]);
    return (update) => ({
      update: liveUpdateJson(update),
      html: liveUpdateItem(i18n, update, path).value,
      // The summary's entry when it is a key event, and the number of updates shown now.
      ...(update.keyEvent ? { key: keyEventItem(i18n, update, path, false).value } : {}),
      count,
    });
  };
}

export function liveUpdateApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'live'>,
  hub: LiveUpdateHub,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/articles/:id/updates',
    {
      schema: {
        summary: 'The updates of a published live article, newest first unless ?order=oldest',
        tags: ['live'],
        params: IdParams,
        querystring: Type.Object({
          order: Type.Union([Type.Literal('newest'), Type.Literal('oldest')], {
            default: 'newest',
          }),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
        }),
        response: {
          200: Type.Object({
            live: Type.Boolean({ description: 'false once the coverage has ended' }),
            startedAt: Type.String({ format: 'date-time' }),
            endedAt: Nullable(Type.String({ format: 'date-time' })),
            items: Type.Array(LiveUpdateBody),
            nextCursor: Nullable(Type.String()),
          }),
          ...refusals(400, 404),
        },
      },
    },
    async (request) => {
      const { order, cursor } = request.query;
      const view = await services.live.publicView(request.params.id, order, cursor);
      return {
        live: view.coverage.endedAt === null,
        startedAt: view.coverage.startedAt,
        endedAt: view.coverage.endedAt,
        items: view.updates.map(liveUpdateJson),
        nextCursor: view.next,
      };
    },
  );

  app.post(
    '/api/v1/articles/:id/updates',
    {
      onRequest: requireRole(newsroomRoles),
      schema: {
        summary: 'Post an update to a running live article (409 once it has ended)',
        tags: ['live'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Nullable(Type.String({ maxLength: liveLimits.title }))),
            body: Type.String({ maxLength: liveLimits.body }),
            keyEvent: Type.Optional(Type.Boolean()),
            closing: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: LiveUpdateBody, ...refusals(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const posted = await services.live.post(
        request.viewer!.user,
        request.params.id,
        request.body,
      );
      return reply.code(201).send(liveUpdateJson(posted));
    },
  );

  app.get(
    '/api/v1/articles/:id/updates/live',
    {
      config: { compress: false },
      schema: {
        summary:
          'Server-Sent Events of a live article: `update` (posted or changed; with the HTML the ' +
          'page shows) and `removed`, whose id is the change number; send it back as ' +
          'Last-Event-ID (or `since`) to receive exactly what you missed',
        tags: ['live'],
        params: IdParams,
        querystring: Type.Object({
          since: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
        response: {
          200: {
            description: 'text/event-stream',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          ...refusals(404, 429),
        },
      },
    },
    async (request, reply) => {
      const start = await services.live.streamStart(request.params.id);
      await startLiveStream(request, reply, hub, start, 'no-store, no-transform');
    },
  );
}
