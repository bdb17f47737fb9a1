/** API tokens: list (never the secret), create one for a person and show it once, revoke. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import type { PageContext } from '../../../views/context.js';
import type { FormProblem } from '../../../views/forms.js';
import { notice } from '../../../views/pages/admin/page.js';
import { tokenNotices, tokensView } from '../../../views/pages/admin/tokens.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';

export function tokenAdminPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'tokens'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;

  app.get(
    '/admin/tokens',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const [ctx, tokens] = await Promise.all([pageContext(request), services.tokens.list()]);
      const done = notice(tokenNotices, request.query.done);
      return sendPage(request, reply, tokensView(ctx, { tokens, done }));
    },
  );

  // Answered with a page, not a redirect: the new token is in it, once, and never stored.
  app.post(
    '/admin/tokens',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { email: Type.String({ maxLength: 254 }), label: Type.String({ maxLength: 100 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim();
      const label = request.body.label.trim();
      const showAgain = async (
        status: number,
        problem: FormProblem | ((ctx: PageContext) => FormProblem),
      ) => {
        const [ctx, tokens] = await Promise.all([pageContext(request), services.tokens.list()]);
        const page = tokensView(ctx, {
          tokens,
          problem: typeof problem === 'function' ? problem(ctx) : problem,
          values: { email, label },
        });
        return sendPage(request, reply, page, { status });
      };
      if (!label) {
        return showAgain(400, (ctx) => ({
          message: ctx.i18n.t('admin.tokens.label.missing'),
          field: 'token-label',
        }));
      }
      const result = await attempt(() => services.tokens.create(email, label));
      if (!result.ok) {
        return showAgain(
          result.error.status,
          problemOf(result.error, (await pageContext(request)).i18n, {
            fields: { email: 'token-email' },
          }),
        );
      }
      const [ctx, tokens] = await Promise.all([pageContext(request), services.tokens.list()]);
      const created = { token: result.value.token, email: result.value.user.email, label };
      return sendPage(request, reply, tokensView(ctx, { tokens, created }));
    },
  );

  app.post(
    '/admin/tokens/:id/revoke',
    { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 100 }) }) } },
    async (request, reply) => {
      await services.tokens.revoke(request.params.id);
      return reply.redirect('/admin/tokens?done=revoked', 303);
    },
  );
}
