/**
 * Live news for moderators: Server-Sent Events of every comment change (created, edited,
 * moderated…) on any article, so an open queue can say that it is out of date. Events carry only
 * ids; the queue page fetches what it shows. Streams end on shutdown.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services/index.js';

export function moderationEvents(
  app: FastifyInstance,
  services: Services,
  options: { heartbeatMs: number },
) {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get('/admin/moderation/events', { schema: { hide: true } }, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write('retry: 5000\n\n');
    const unsubscribe = services.changes.subscribe((change) => {
      if (change.kind !== 'comment') return;
      const data = JSON.stringify({
        commentId: change.commentId,
        articleId: change.articleId,
        action: change.action,
      });
      res.write(`event: change\ndata: ${data}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keepalive\n\n'), options.heartbeatMs);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
      if (!res.writableEnded) res.end();
    };
    open.add(end);
    res.on('close', end);
  });
}
