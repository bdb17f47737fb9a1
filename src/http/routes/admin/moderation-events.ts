/**
 * Live news for moderators: Server-Sent Events of every comment change (created, edited,
 * moderated…, and reports made or dismissed) on any article, so an open queue can say that it is out of date. Events carry only
 * ids; the queue page fetches what it shows. Streams end on shutdown.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services/index.js';
import { SseGroup, sseEvent } from '../../sse.js';

export function moderationEvents(
  app: FastifyInstance,
  services: Pick<Services, 'changes'>,
  options: { heartbeatMs: number },
) {
  const streams = new SseGroup({ heartbeatMs: options.heartbeatMs, heartbeatText: 'keepalive' });
  app.addHook('preClose', async () => streams.endAll());

  app.get('/admin/moderation/events', { schema: { hide: true } }, (request, reply) => {
    reply.hijack();
    let unsubscribe = () => {};
    const stream = streams.open(reply.raw, { retryMs: 5000, onEnd: () => unsubscribe() });
    unsubscribe = services.changes.subscribe((change) => {
      if (change.kind !== 'comment' && change.kind !== 'queue') return;
      const data = JSON.stringify({
        commentId: change.commentId,
        articleId: change.articleId,
        action: change.kind === 'queue' ? 'reported' : change.action,
      });
      stream.write(sseEvent({ event: 'change', data }));
    });
  });
}
