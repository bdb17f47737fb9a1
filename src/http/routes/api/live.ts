/** The live stream of an article's public comments (Server-Sent Events; see docs/live.md). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import type { LiveHub } from '../../live.js';
import { contentSecurityPolicy } from '../../plugins/security-headers.js';

/** A change number from Last-Event-ID, or null when there is none or it is not one of ours. */
function eventId(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

export function liveApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'threads'>,
  live: LiveHub,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const csp = contentSecurityPolicy();

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
      const { articleId, seq } = await services.threads.liveStart(request.params.id);
      // A reconnecting browser sends Last-Event-ID; it wins over the page's `since`. Nothing
      // can start beyond the present.
      const asked = eventId(request.headers['last-event-id']) ?? request.query.since ?? seq;
      const position = Math.min(asked, seq);
      const lease = await live.admit(request.ip);
      if (!lease) {
        reply.header('retry-after', '30');
        throw new AppError(
          'too_many_streams',
          'Too many live streams are open from your address. Close a tab and try again.',
        );
      }
      reply.hijack();
      // A hijacked reply skips the security-headers hook, so these are sent here; Cache-Control
      // stays exactly what this public stream has always sent (without no-transform).
      live.open(articleId, lease, reply.raw, position, {
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': csp,
      });
    },
  );
}
