/**
 * The links in account emails: confirming an address, and confirming a new one. Opening the link
 * is the confirmation: the long single-use token is the proof, so no form stands in between.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Translator } from '../../../i18n/translator.js';
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
  const accountLinks = (t: Translator['t'], signedIn: boolean) =>
    signedIn
      ? [{ href: '/account', text: t('account.link.goToAccount') }]
      : [{ href: '/signin?next=%2Faccount', text: t('account.link.signIn') }];

  app.get('/account/verify', { schema: tokenQuery }, async (request, reply) => {
    const result = await attempt(() => services.accounts.verifyEmail(request.query.token ?? ''));
    const ctx = await pageContext(request);
    const { t } = ctx.i18n;
    // Opening the link signs nobody in: whoever opened it (a mail scanner, say) gets no session.
    const links = accountLinks(t, request.viewer !== null);
    const page = !result.ok
      ? resultView(ctx, {
          title: t('account.link.broken'),
          message: errorMessage(ctx.i18n, result.error),
          links: request.viewer
            ? [{ href: '/account', text: t('account.verify.newLinkSignedIn') }]
            : [{ href: '/signin?next=%2Faccount', text: t('account.verify.newLinkSignIn') }],
        })
      : result.value.alreadyConfirmed
        ? resultView(ctx, {
            title: t('account.verify.alreadyTitle'),
            message: t('account.verify.already'),
            links,
          })
        : resultView(ctx, {
            title: t('account.verify.doneTitle'),
            message: t('account.verify.done', { email: result.value.user.email }),
            links,
          });
    const status = result.ok ? 200 : result.error.status;
    return sendPage(request, reply, page, { status, private: true });
  });

  app.get('/account/email', { schema: tokenQuery }, async (request, reply) => {
    const token = request.query.token ?? '';
    const result = await attempt(() => services.accounts.confirmEmailChange(token));
    const ctx = await pageContext(request);
    const { t } = ctx.i18n;
    const page = result.ok
      ? resultView(ctx, {
          title: t('account.changed.title'),
          message: t('account.changed.message', { email: result.value.email }),
          links: accountLinks(t, request.viewer !== null),
        })
      : resultView(ctx, {
          title: t('account.link.broken'),
          message: errorMessage(ctx.i18n, result.error),
          links: [{ href: '/account', text: t('account.link.goToAccount') }],
        });
    const status = result.ok ? 200 : result.error.status;
    return sendPage(request, reply, page, { status, private: true });
  });
}
