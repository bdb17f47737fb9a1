/**
 * Reply emails: the one-click unsubscribe link (a signed token, no sign-in; RFC 8058's POST from
 * mail programs too) and the setting on /account.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import { unsubscribeView } from '../../../views/pages/account/notifications.js';
import { resultView } from '../../../views/pages/account/page.js';
import { requireRole } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import type { FormPageDeps } from '../forms.js';

const tokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 300 })) });

export function notificationPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'notifications'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;
  const notValid = async (request: Parameters<typeof pageContext>[0]) => {
    const ctx = await pageContext(request);
    const { t } = ctx.i18n;
    return resultView(ctx, {
      title: t('account.link.broken'),
      message: t('account.replies.badLink'),
      links: [{ href: '/account', text: t('account.link.goToAccount') }],
    });
  };

  app.get(
    '/account/unsubscribe/replies',
    { schema: { hide: true, querystring: tokenQuery } },
    async (request, reply) => {
      const token = request.query.token ?? '';
      if (!(await services.notifications.verify(token))) {
        return sendPage(request, reply, await notValid(request), { status: 404, private: true });
      }
      const page = unsubscribeView(await pageContext(request), token);
      return sendPage(request, reply, page, { private: true });
    },
  );

  app.post(
    '/account/unsubscribe/replies',
    {
      schema: {
        hide: true,
        querystring: tokenQuery,
        // A mail program sends List-Unsubscribe=One-Click (RFC 8058); the page's form sends nothing.
        body: Type.Optional(
          Type.Object(
            { 'List-Unsubscribe': Type.Optional(Type.String({ maxLength: 50 })) },
            { additionalProperties: false },
          ),
        ),
      },
    },
    async (request, reply) => {
      const done = await services.notifications.unsubscribe(request.query.token ?? '');
      if (!done) {
        return sendPage(request, reply, await notValid(request), { status: 404, private: true });
      }
      const ctx = await pageContext(request);
      const { t } = ctx.i18n;
      const page = resultView(ctx, {
        title: t('account.replies.stoppedTitle'),
        message: t('account.replies.stopped'),
        links: [{ href: '/account', text: t('account.link.goToAccount') }],
      });
      return sendPage(request, reply, page, { private: true });
    },
  );

  app.post(
    '/account/notifications',
    {
      onRequest: requireRole('any'),
      schema: {
        hide: true,
        body: Type.Object(
          { replies: Type.Optional(Type.Literal('on')) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const on = request.body.replies === 'on';
      await services.notifications.setReplies(request.viewer!.user.id, on);
      return reply.redirect(`/account?done=${on ? 'replies-on' : 'replies-off'}`, 303);
    },
  );
}
