/**
 * Removing the demo content from the web (decisions/0041): GET shows what goes and what stays,
 * POST removes it and goes to the staff home with a notice. Admins only (registered in the admin
 * scope); the form carries the session's CSRF token like every other.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services/index.js';
import { demoRemovalView } from '../../../views/pages/admin/demo.js';
import { sendPage } from '../../plugins/pages.js';
import type { FormPageDeps } from '../forms.js';

export function demoAdminPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'demo'>,
  deps: FormPageDeps,
) {
  fastify.get('/admin/site/demo/remove', { schema: { hide: true } }, async (request, reply) => {
    const [ctx, plan] = await Promise.all([deps.pageContext(request), services.demo.plan()]);
    return sendPage(request, reply, demoRemovalView(ctx, { plan }));
  });

  fastify.post('/admin/site/demo/remove', { schema: { hide: true } }, async (_request, reply) => {
    await services.demo.remove();
    return reply.redirect('/admin?done=demo-removed', 303);
  });
}
