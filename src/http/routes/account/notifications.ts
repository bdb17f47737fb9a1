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
  const notValid = async (request: Parameters<typeof pageContext>[0]) =>
    resultView(await pageContext(request), {
      title: 'This link does not work',
      message:
        'The link is not complete or not genuine. Copy the whole link from the email, or change the setting in your account.',
      links: [{ href: '/account', text: 'Go to your account' }],
    });

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
      const page = resultView(await pageContext(request), {
        title: 'No more emails about replies',
        message:
          'You will not get emails when someone replies to your comments. You can turn them on again in your account.',
        links: [{ href: '/account', text: 'Go to your account' }],
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
