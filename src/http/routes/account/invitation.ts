/**
 * The invitation link (/invitation?token=…): an unknown link answers 404, one accepted, revoked
 * or expired 410, each with words saying so. Showing the page spends nothing; the token is used
 * when the form is posted. Pages carrying a token are never cached.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffHome } from '../../../domain/invitation.js';
import type { Services } from '../../../services/index.js';
import type { AppError } from '../../../errors.js';
import type { FormProblem } from '../../../views/forms.js';
import { invitationView } from '../../../views/pages/account/invitation.js';
import { resultView } from '../../../views/pages/account/page.js';
import { setSessionCookie } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, errorMessage, problemOf, type FormPageDeps } from '../forms.js';

const Token = Type.String({ maxLength: 200 });

export function invitationPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'invitations'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext, cookies } = deps;

  async function refusal(request: FastifyRequest, error: AppError) {
    const ctx = await pageContext(request);
    const { t } = ctx.i18n;
    return resultView(ctx, {
      title: error.status === 404 ? t('account.link.broken') : t('account.invitation.closed'),
      message: errorMessage(ctx.i18n, error),
      links: [
        { href: '/signin', text: t('account.link.signIn') },
        { href: '/', text: t('account.link.frontPage') },
      ],
    });
  }

  /** The page for this token: the form or the refusal, with its status. */
  async function show(
    request: FastifyRequest,
    token: string,
    extra: { problem?: FormProblem; values?: { name: string }; status?: number } = {},
  ) {
    const opened = await attempt(() => services.invitations.open(token));
    if (!opened.ok)
      return { page: await refusal(request, opened.error), status: opened.error.status };
    const page = invitationView(await pageContext(request), {
      token,
      ...opened.value,
      viewer: request.viewer?.user ?? null,
      ...(extra.problem ? { problem: extra.problem } : {}),
      ...(extra.values ? { values: extra.values } : {}),
    });
    return { page, status: extra.status ?? 200 };
  }

  app.get(
    '/invitation',
    { schema: { hide: true, querystring: Type.Object({ token: Type.Optional(Token) }) } },
    async (request, reply) => {
      const { page, status } = await show(request, request.query.token ?? '');
      return sendPage(request, reply, page, { status, private: true });
    },
  );

  app.post(
    '/invitation',
    {
      schema: {
        hide: true,
        body: Type.Object(
          {
            token: Token,
            name: Type.String({ maxLength: 200 }),
            password: Type.String({ maxLength: 1000 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { token, name, password } = request.body;
      const result = await attempt(() => services.invitations.acceptNew(token, { name, password }));
      if (!result.ok) {
        const problem = problemOf(result.error, (await pageContext(request)).i18n, {
          fields: { name: 'name', password: 'password' },
        });
        const { page, status } = await show(request, token, {
          problem,
          values: { name },
          status: result.error.status,
        });
        return sendPage(request, reply, page, { status, private: true });
      }
      const { user, sessionId, session } = result.value;
      setSessionCookie(reply, cookies, sessionId, session.expiresAt);
      return reply.redirect(staffHome(user.role), 303);
    },
  );

  app.post(
    '/invitation/accept',
    {
      schema: {
        hide: true,
        body: Type.Object({ token: Token }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { token } = request.body;
      const viewer = request.viewer?.user;
      if (!viewer) {
        return reply.redirect(
          `/signin?next=${encodeURIComponent(`/invitation?token=${token}`)}`,
          303,
        );
      }
      const result = await attempt(() => services.invitations.acceptAsAccount(token, viewer));
      if (!result.ok) {
        const { page, status } = await show(request, token, {
          problem: problemOf(result.error, (await pageContext(request)).i18n),
          status: result.error.status,
        });
        return sendPage(request, reply, page, { status, private: true });
      }
      return reply.redirect(staffHome(result.value.role), 303);
    },
  );
}
