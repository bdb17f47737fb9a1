/** The live stream of an article's public comments (Server-Sent Events; see docs/live.md). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import type { LiveHub } from '../../live.js';
import { startLiveStream } from './live-stream.js';

export function liveApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'threads'>,
  live: LiveHub,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/articles/:id/comments/live',
    {
      config: { compress: false },
      schema: {
        summary:
          'Server-Sent Events of the public comments of a published article: `created`, ' +
          '`changed` and `removed` events whose id is the change number; send it back as ' +
          'Last-Event-ID (or `since`) to receive exactly what you missed',
        tags: ['comments'],
        params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
        querystring: Type.Object({
          since: Type.Optional(
            Type.Integer({
              minimum: 0,
              description: 'Start after this change number (the page carries it); default: now',
            }),
          ),
        }),
        response: {
          200: {
            description: 'text/event-stream',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          404: Type.Ref('Error'),
          429: Type.Ref('Error'),
        },
      },
    },
    async (request, reply) => {
      const start = await services.threads.liveStart(request.params.id);
      await startLiveStream(request, reply, live, start, 'no-store');
    },
  );
}
