import type { FastifyInstance } from 'fastify';

/** What /readyz asks of the database: whether it answers, and which kind it is. */
export interface DatabaseHealth {
  ping(): Promise<void>;
  readonly database: { readonly id: string };
}

export function healthRoutes(app: FastifyInstance, store: DatabaseHealth): void {
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    try {
      await store.ping();
      return { status: 'ready', database: store.database.id };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({ status: 'unavailable', database: store.database.id });
    }
  });
}
