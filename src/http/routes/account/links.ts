/**
 * The links in account emails: confirming an address, and confirming a new one. Opening the link
 * is the confirmation: the long single-use token is the proof, so no form stands in between.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import { resultView } from '../../../views/pages/account/page.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, errorMessage, type FormPageDeps } from '../forms.js';

const tokenQuery = {
  hide: true,
  querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) }),
};

export function emailLinkPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'accounts'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;
  const accountLinks = (signedIn: boolean) =>
    signedIn
      ? [{ href: '/account', text: 'Go to your account' }]
      : [{ href: '/signin?next=%2Faccount', text: 'Sign in' }];

  app.get('/account/verify', { schema: tokenQuery }, async (request, reply) => {
    const result = await attempt(() => services.accounts.verifyEmail(request.query.token ?? ''));
    const ctx = await pageContext(request);
    // Opening the link signs nobody in: whoever opened it (a mail scanner, say) gets no session.
    const links = accountLinks(request.viewer !== null);
    const page = !result.ok
      ? resultView(ctx, {
          title: 'This link does not work',
          message: errorMessage(ctx.i18n, result.error),
          links: request.viewer
            ? [{ href: '/account', text: 'Send a new link from your account page' }]
            : [{ href: '/signin?next=%2Faccount', text: 'Sign in to get a new link' }],
        })
      : result.value.alreadyConfirmed
        ? resultView(ctx, {
            title: 'Email address already confirmed',
            message: 'This address is already confirmed; there is nothing more to do.',
            links,
          })
        : resultView(ctx, {
            title: 'Email address confirmed',
            message: `Thank you. ${result.value.user.email} is confirmed as the address of your account.`,
            links,
          });
    const status = result.ok ? 200 : result.error.status;
    return sendPage(request, reply, page, { status, private: true });
  });

  app.get('/account/email', { schema: tokenQuery }, async (request, reply) => {
    const token = request.query.token ?? '';
    const result = await attempt(() => services.accounts.confirmEmailChange(token));
    const ctx = await pageContext(request);
    const page = result.ok
      ? resultView(ctx, {
          title: 'Email address changed',
          message: `Your account’s email address is now ${result.value.email}.`,
          links: accountLinks(request.viewer !== null),
        })
      : resultView(ctx, {
          title: 'This link does not work',
          message: errorMessage(ctx.i18n, result.error),
          links: [{ href: '/account', text: 'Go to your account' }],
        });
    const status = result.ok ? 200 : result.error.status;
    return sendPage(request, reply, page, { status, private: true });
  });
}
