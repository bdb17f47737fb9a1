/** A forgotten password: ask for a link by email, then choose a new password from it. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import { forgotView, resetView } from '../../../views/pages/account/password-reset.js';
import { clearSessionCookie } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import { limiter } from '../../plugins/rate-limits.js';
import { attempt, emailKey, problemOf, type FormPageDeps } from '../forms.js';

export function passwordResetPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'accounts'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext, limits, cookies } = deps;

  app.get(
    '/account/forgot',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ sent: Type.Optional(Type.String({ maxLength: 8 })) }),
      },
    },
    async (request, reply) => {
      const ctx = await pageContext(request);
      return sendPage(request, reply, forgotView(ctx, { sent: request.query.sent === '1' }));
    },
  );

  // The same redirect whether or not the account exists; the service decides, silently.
  app.post(
    '/account/forgot',
    {
      preHandler: [
        limiter(app, 'reset-ip', limits.passwordResetPerIp),
        limiter(app, 'reset-account', limits.passwordResetPerAccount, emailKey),
      ],
      schema: {
        hide: true,
        body: Type.Object(
          { email: Type.String({ maxLength: 254 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      await services.accounts.requestPasswordReset(request.body.email);
      return reply.redirect('/account/forgot?sent=1', 303);
    },
  );

  // Showing the form spends nothing: the token is only used when the new password is posted.
  app.get(
    '/account/reset',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      const page = resetView(await pageContext(request), { token: request.query.token ?? '' });
      return sendPage(request, reply, page, { private: true });
    },
  );

  app.post(
    '/account/reset',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { token: Type.String({ maxLength: 200 }), password: Type.String({ maxLength: 1000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { token, password } = request.body;
      const result = await attempt(() => services.accounts.resetPassword(token, password));
      if (!result.ok) {
        const problem = problemOf(result.error, (await pageContext(request)).i18n, {
          fields: { password: 'password' },
        });
        const page = resetView(await pageContext(request), { token, problem });
        return sendPage(request, reply, page, { status: result.error.status, private: true });
      }
      // Every session of that person has ended, so this browser's cookie is stale if it was theirs.
      if (request.viewer?.user.id === result.value.id) clearSessionCookie(reply, cookies);
      return reply.redirect('/signin?done=reset', 303);
    },
  );
}
