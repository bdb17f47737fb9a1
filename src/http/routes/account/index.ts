/** The HTML account pages. Everything that needs a signed-in person sits in one guarded scope. */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services/index.js';
import { resultView } from '../../../views/pages/account/page.js';
import { sendPage } from '../../plugins/pages.js';
import type { FormPageDeps } from '../forms.js';
import { emailLinkPages } from './links.js';
import { invitationPages } from './invitation.js';
import { moderationDigestPages } from './moderation-digest.js';
import { newsroomEmailPages } from './newsroom-emails.js';
import { notificationPages } from './notifications.js';
import { passwordResetPages } from './password-reset.js';
import { passwordlessPages } from './passwordless.js';
import { accountSettingsPages } from './settings.js';
import { setupPages } from './setup.js';
import { signInPages } from './sign-in.js';
import { passkeySignInRoutes } from './passkeys.js';

export async function accountPages(
  app: FastifyInstance,
  services: Pick<
    Services,
    | 'accounts'
    | 'site'
    | 'setup'
    | 'demo'
    | 'sections'
    | 'sessions'
    | 'users'
    | 'notifications'
    | 'newsroom'
    | 'personalData'
    | 'invitations'
    | 'staff'
    | 'images'
    | 'moderationDigest'
    | 'staffNotifications'
    | 'newsletters'
    | 'passkeys'
    | 'signInAudit'
    | 'emailSignIn'
    | 'sso'
    | 'signInPolicy'
  >,
  deps: FormPageDeps,
): Promise<void> {
  signInPages(app, services, deps);
  passkeySignInRoutes(app, services, deps);
  passwordResetPages(app, services, deps);
  passwordlessPages(app, services, deps);
  emailLinkPages(app, services, deps);
  setupPages(app, services, deps);
  notificationPages(app, services, deps);
  invitationPages(app, services, deps);
  moderationDigestPages(app, services);
  newsroomEmailPages(app, services);
  await app.register(async (signedIn) => accountSettingsPages(signedIn, services, deps));
  // Where deleting an account lands, signed out (the sessions are gone).
  app.get('/account/deleted', { schema: { hide: true } }, async (request, reply) => {
    const ctx = await deps.pageContext(request);
    const { t } = ctx.i18n;
    const page = resultView(ctx, {
      title: t('account.deleted.title'),
      message: t('account.deleted.message'),
      links: [{ href: '/', text: t('account.link.frontPage') }],
    });
    return sendPage(request, reply, page);
  });
}
