/**
 * Counting the views of reader pages that Fastify answers (a page-cache miss, a signed-in
 * reader, the cache turned off); hits are counted by the fast lane. A route names the page it
 * answered with `request.viewedPage`; the count is taken once the answer is sent, for 200 and
 * 304 only. Staff reading the site are not readers: their views are not counted.
 */
import type { FastifyInstance } from 'fastify';
import type { ViewedPage } from '../../domain/insights.js';
import { staffRoles } from '../../domain/user.js';
import type { ViewCounter } from '../../services/insights.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The reader page this request shows, when it is one that is counted. */
    viewedPage: ViewedPage | null;
  }
}

export function countViews(server: FastifyInstance, views: Pick<ViewCounter, 'count'>): void {
  server.decorateRequest('viewedPage', null);
  const staff = new Set<string>(staffRoles);
  server.addHook('onResponse', async (request, reply) => {
    const page = request.viewedPage;
    if (page === null) return;
    if (reply.statusCode !== 200 && reply.statusCode !== 304) return;
    if (request.viewer && staff.has(request.viewer.user.role)) return;
    views.count(page, request.raw);
  });
}
