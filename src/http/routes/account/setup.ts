/** First run: the one-time setup link creates the first admin in the browser. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import { resultView } from '../../../views/pages/account/page.js';
import { setupView } from '../../../views/pages/account/setup.js';
import { setSessionCookie } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';

const Text = (maxLength: number) => Type.String({ maxLength });

export function setupPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'accounts' | 'users'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext, cookies } = deps;

  app.get(
    '/setup',
    { schema: { hide: true, querystring: Type.Object({ token: Type.Optional(Text(200)) }) } },
    async (request, reply) => {
      const ctx = await pageContext(request);
      if (await services.users.hasAdmin()) {
        const page = resultView(ctx, {
          title: 'This site is already set up',
          message: 'This site already has an admin, so the setup link no longer works.',
          links: [{ href: '/signin', text: 'Sign in' }],
        });
        return sendPage(request, reply, page, { status: 409, private: true });
      }
      const page = setupView(ctx, { token: request.query.token ?? '' });
      return sendPage(request, reply, page, { private: true });
    },
  );

  app.post(
    '/setup',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { token: Text(200), email: Text(254), name: Text(200), password: Text(1000) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { token, ...input } = request.body;
      const result = await attempt(() => services.accounts.completeSetup(token, input));
      if (!result.ok) {
        const problem = problemOf(result.error, {
          fields: { name: 'name', email: 'email', password: 'password' },
        });
        const values = { email: input.email, name: input.name };
        const page = setupView(await pageContext(request), { token, values, problem });
        return sendPage(request, reply, page, { status: result.error.status, private: true });
      }
      setSessionCookie(reply, cookies, result.value.sessionId, result.value.session.expiresAt);
      return reply.redirect('/admin?done=setup', 303);
    },
  );
}
