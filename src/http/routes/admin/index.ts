/**
 * Staff pages under /admin. One guard per subtree: every route here needs a staff role, and the
 * admin-only tools sit in a nested scope whose guard adds "admin". Handlers never check roles.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffRoles } from '../../../domain/user.js';
import { editorRoles } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { adminHomeNotices, adminHomeView } from '../../../views/pages/admin/home.js';
import { notice } from '../../../views/pages/admin/page.js';
import { requireRole } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import type { FormPageDeps } from '../forms.js';
import { newsroomPages } from './articles.js';
import { demoAdminPages } from './demo.js';
import { importPages } from './imports.js';
import { moderationEvents } from './moderation-events.js';
import { moderationPages } from './moderation.js';
import { outboxAdminPages, type OutboxPages } from './outbox.js';
import { settingsPages } from './settings.js';
import { siteAdminPages } from './site.js';
import { staticPageAdminPages } from './static-pages.js';
import { tokenAdminPages } from './tokens.js';
import { webhookAdminPages } from './webhooks.js';
import { userAdminPages } from './users.js';
import { frontPages } from './front.js';
import { sectionAdminPages } from './sections.js';
import { menuAdminPages } from './menus.js';
import { newsletterAdminPages, newsletterEditorPages } from './newsletters.js';
import { signInAdminPages } from './sign-in.js';
import { insightAdminPages } from './insights.js';

export async function adminPages(
  fastify: FastifyInstance,
  services: Pick<
    Services,
    | 'newsroom'
    | 'reading'
    | 'images'
    | 'commentSettings'
    | 'search'
    | 'moderation'
    | 'changes'
    | 'people'
    | 'tokens'
    | 'webhooks'
    | 'imports'
    | 'site'
    | 'front'
    | 'pages'
    | 'invitations'
    | 'staff'
    | 'demo'
    | 'sections'
    | 'menus'
    | 'newsletterDesk'
    | 'newsletters'
    | 'live'
    | 'sso'
    | 'signInPolicy'
    | 'insights'
  >,
  deps: FormPageDeps & { outbox: OutboxPages; importMaxMb: number },
): Promise<void> {
  await fastify.register(async (staff) => {
    staff.addHook('onRequest', requireRole(staffRoles));
    const app = staff.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/admin',
      {
        schema: {
          hide: true,
          querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }),
        },
      },
      async (request, reply) => {
        const done = notice(adminHomeNotices, request.query.done);
        return sendPage(request, reply, adminHomeView(await deps.pageContext(request), { done }));
      },
    );

    await newsroomPages(staff, services, deps);

    await staff.register(async (moderators) => {
      moderators.addHook('onRequest', requireRole(['moderator', 'admin']));
      moderationPages(moderators, services, deps);
      moderationEvents(moderators, services, { heartbeatMs: deps.limits.liveHeartbeatMs });
    });

    await staff.register(async (admins) => {
      admins.addHook('onRequest', requireRole(['admin']));
      userAdminPages(admins, services, deps);
      outboxAdminPages(admins, deps.outbox, deps);
      tokenAdminPages(admins, services, deps);
      settingsPages(admins, services, deps);
      await importPages(admins, services, deps);
      siteAdminPages(admins, services, deps);
      demoAdminPages(admins, services, deps);
      sectionAdminPages(admins, services, deps);
      menuAdminPages(admins, services, deps);
      webhookAdminPages(admins, services, deps);
      await newsletterAdminPages(admins, services, deps);
      signInAdminPages(admins, services, deps);
    });

    await staff.register(async (editors) => {
      editors.addHook('onRequest', requireRole(editorRoles));
      frontPages(editors, services, deps);
      staticPageAdminPages(editors, services, deps);
      newsletterEditorPages(editors, services, deps);
      insightAdminPages(editors, services, deps);
    });
  });
}
