/** /admin/sign-in (issue 23): the per-role sign-in policy and the single sign-on providers. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../../../domain/user.js';
import type { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import type { RolePolicies } from '../../../services/sign-in-policy.js';
import type { ProviderInput } from '../../../services/sso.js';
import { notice } from '../../../views/pages/admin/page.js';
import {
  signInAdminNotices,
  signInAdminView,
  type ProviderValues,
} from '../../../views/pages/admin/sign-in.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';

const Text = (maxLength: number) => Type.String({ maxLength });

const ProviderBody = Type.Object(
  {
    name: Text(200),
    issuer: Text(500),
    clientId: Text(500),
    clientSecret: Text(2000),
    allowedDomains: Text(2000),
    role: Text(20),
  },
  { additionalProperties: false },
);

const providerFields = {
  name: 'provider-name',
  issuer: 'provider-issuer',
  clientId: 'provider-clientId',
  clientSecret: 'provider-clientSecret',
  allowedDomains: 'provider-allowedDomains',
  role: 'provider-role',
};

/** What the form shows again after a refusal: everything but the secret. */
function withoutSecret(input: ProviderInput): ProviderValues {
  const { name, issuer, clientId, allowedDomains, role } = input;
  return { name, issuer, clientId, allowedDomains, role };
}

export function signInAdminPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'sso' | 'signInPolicy'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;

  async function page(
    request: FastifyRequest,
    options: {
      done?: string | undefined;
      editId?: string | undefined;
      error?: AppError;
      values?: ProviderValues;
    } = {},
  ) {
    const ctx = await pageContext(request);
    const editing = options.editId
      ? (await services.sso.providers()).find((p) => p.id === options.editId)
      : undefined;
    return signInAdminView(ctx, {
      policies: await services.signInPolicy.policies(),
      providers: await services.sso.providers(),
      callbackUrl: services.sso.callbackUrl,
      done: notice(signInAdminNotices, options.done),
      ...(options.error
        ? { problem: problemOf(options.error, ctx.i18n, { fields: providerFields }) }
        : {}),
      editing,
      ...(options.values ? { values: options.values } : {}),
    });
  }

  app.get(
    '/admin/sign-in',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          done: Type.Optional(Text(20)),
          edit: Type.Optional(Text(60)),
        }),
      },
    },
    async (request, reply) => {
      const { done, edit } = request.query;
      return sendPage(request, reply, await page(request, { done, editId: edit }));
    },
  );

  app.post(
    '/admin/sign-in/policy',
    { schema: { hide: true, body: Type.Record(Type.String(), Text(10)) } },
    async (request, reply) => {
      const body = request.body;
      const policies = {} as RolePolicies;
      for (const role of roles) {
        policies[role] = {
          password: body[`password-${role}`] === 'on',
          emailLink: body[`emailLink-${role}`] === 'on',
        };
      }
      const result = await attempt(() =>
        services.signInPolicy.save(request.viewer!.user, policies),
      );
      if (!result.ok) {
        const shown = await page(request, { error: result.error });
        return sendPage(request, reply, shown, { status: result.error.status, private: true });
      }
      return reply.redirect('/admin/sign-in?done=policy', 303);
    },
  );

  app.post(
    '/admin/sign-in/providers',
    { schema: { hide: true, body: ProviderBody } },
    async (request, reply) => {
      const input: ProviderInput = request.body;
      const result = await attempt(() => services.sso.addProvider(input));
      if (!result.ok) {
        const values = withoutSecret(input);
        const shown = await page(request, { error: result.error, values });
        return sendPage(request, reply, shown, { status: result.error.status, private: true });
      }
      return reply.redirect('/admin/sign-in?done=added', 303);
    },
  );

  app.post(
    '/admin/sign-in/providers/:id',
    { schema: { hide: true, params: Type.Object({ id: Text(60) }), body: ProviderBody } },
    async (request, reply) => {
      const input: ProviderInput = request.body;
      const result = await attempt(() => services.sso.updateProvider(request.params.id, input));
      if (!result.ok) {
        const values = withoutSecret(input);
        const shown = await page(request, {
          error: result.error,
          values,
          editId: request.params.id,
        });
        return sendPage(request, reply, shown, { status: result.error.status, private: true });
      }
      return reply.redirect('/admin/sign-in?done=saved', 303);
    },
  );

  app.post(
    '/admin/sign-in/providers/:id/remove',
    { schema: { hide: true, params: Type.Object({ id: Text(60) }) } },
    async (request, reply) => {
      await services.sso.removeProvider(request.params.id);
      return reply.redirect('/admin/sign-in?done=removed', 303);
    },
  );
}
