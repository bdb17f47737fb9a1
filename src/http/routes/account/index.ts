/** The HTML account pages. Everything that needs a signed-in person sits in one guarded scope. */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services/index.js';
import type { FormPageDeps } from '../forms.js';
import { emailLinkPages } from './links.js';
import { notificationPages } from './notifications.js';
import { passwordResetPages } from './password-reset.js';
import { accountSettingsPages } from './settings.js';
import { setupPages } from './setup.js';
import { signInPages } from './sign-in.js';

export async function accountPages(
  app: FastifyInstance,
  services: Services,
  deps: FormPageDeps,
): Promise<void> {
  signInPages(app, services, deps);
  passwordResetPages(app, services, deps);
  emailLinkPages(app, services, deps);
  setupPages(app, services, deps);
  notificationPages(app, services, deps);
  await app.register(async (signedIn) => accountSettingsPages(signedIn, services, deps));
}
