/** People administration: search, change a role, suspend, ban and lift. The service has the rules. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { User } from '../../../domain/user.js';
import type { Services } from '../../../services/index.js';
import type { FormProblem } from '../../../views/forms.js';
import {
  peopleHref,
  userNotices,
  usersView,
  type PeopleQuery,
} from '../../../views/pages/admin/users.js';
import { sendPage } from '../../plugins/pages.js';
import { limiter } from '../../plugins/rate-limits.js';
import { attempt, doneMessage, problemOf, type FormPageDeps } from '../forms.js';

const perPage = 50;
const Text = (maxLength: number) => Type.String({ maxLength });
const ListQuery = Type.Object({
  q: Type.Optional(Text(100)),
  role: Type.Optional(Text(20)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  done: Type.Optional(Text(20)),
});
const Params = Type.Object({ id: Text(100) });
const Back = Type.Optional(Text(400));

/** The list the form came from, so the admin lands where they were; only ever this page. */
function backTo(raw: string | undefined): PeopleQuery {
  const url = new URL(raw ?? '', 'http://same.invalid/admin/users');
  const query: PeopleQuery = { q: '', role: '', page: 1 };
  if (url.pathname !== '/admin/users') return query;
  query.q = url.searchParams.get('q')?.slice(0, 100) ?? '';
  query.role = url.searchParams.get('role')?.slice(0, 20) ?? '';
  const page = Number(url.searchParams.get('page'));
  query.page = Number.isInteger(page) && page > 1 ? page : 1;
  return query;
}

function withDone(href: string, done: keyof typeof userNotices): string {
  return `${href}${href.includes('?') ? '&' : '?'}done=${done}`;
}

export function userAdminPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'people' | 'invitations' | 'staff'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext, limits } = deps;
  const me = (request: FastifyRequest) => request.viewer!.user;

  async function list(
    request: FastifyRequest,
    query: PeopleQuery,
    extra: {
      done?: string | undefined;
      problem?: FormProblem;
      openId?: string;
      invite?: { problem: FormProblem; values: { email: string; role: string } };
    },
  ) {
    const [people, invitations] = await Promise.all([
      services.people.search({ text: query.q, role: query.role, page: query.page, perPage }),
      services.invitations.list(me(request)),
    ]);
    return usersView(await pageContext(request), {
      people,
      invitations,
      query,
      hasMore: people.length === perPage,
      selfId: me(request).id,
      ...extra,
    });
  }

  app.get(
    '/admin/users',
    { schema: { hide: true, querystring: ListQuery } },
    async (request, reply) => {
      const { q = '', role = '', page = 1, done } = request.query;
      const view = await list(request, { q, role, page }, { done: doneMessage(userNotices, done) });
      return sendPage(request, reply, view);
    },
  );

  /** One action on one person: redirect back to the list, or show it again with the refusal. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { id: string; back: string | undefined },
    done: keyof typeof userNotices,
    work: (actor: User, id: string) => Promise<User>,
  ) {
    const query = backTo(target.back);
    const result = await attempt(() => work(me(request), target.id));
    if (result.ok) return reply.redirect(withDone(peopleHref(query), done), 303);
    const page = await list(request, query, {
      problem: problemOf(result.error, (await pageContext(request)).i18n),
      openId: target.id,
    });
    return sendPage(request, reply, page, { status: result.error.status });
  }

  app.post(
    '/admin/users/:id/role',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({ role: Text(20), back: Back }, { additionalProperties: false }),
      },
    },
    (request, reply) =>
      act(request, reply, { id: request.params.id, back: request.body.back }, 'role', (actor, id) =>
        services.people.setRole(actor, id, request.body.role),
      ),
  );

  app.post(
    '/admin/users/:id/names',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          { name: Text(200), byline: Type.Optional(Text(200)), back: Back },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        { id: request.params.id, back: request.body.back },
        'names',
        (actor, id) =>
          services.staff.rename(actor, id, {
            name: request.body.name,
            byline: request.body.byline ?? '',
          }),
      ),
  );

  app.post(
    '/admin/users/invitations',
    {
      preHandler: [
        limiter(app, 'invitations', limits.invitationsPerAdmin, (r) => r.viewer?.user.id ?? r.ip),
      ],
      schema: {
        hide: true,
        body: Type.Object({ email: Text(254), role: Text(20) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const result = await attempt(() => services.invitations.invite(me(request), request.body));
      if (result.ok) return reply.redirect('/admin/users?done=invited', 303);
      const problem = problemOf(result.error, (await pageContext(request)).i18n, {
        fields: { email: 'invite-email', role: 'invite-role' },
      });
      const page = await list(
        request,
        { q: '', role: '', page: 1 },
        { invite: { problem, values: request.body } },
      );
      return sendPage(request, reply, page, { status: result.error.status });
    },
  );

  app.post(
    '/admin/users/invitations/:id/revoke',
    { schema: { hide: true, params: Params } },
    async (request, reply) => {
      const result = await attempt(() =>
        services.invitations.revoke(me(request), request.params.id),
      );
      if (result.ok) return reply.redirect('/admin/users?done=revoked', 303);
      const page = await list(
        request,
        { q: '', role: '', page: 1 },
        { problem: problemOf(result.error, (await pageContext(request)).i18n) },
      );
      return sendPage(request, reply, page, { status: result.error.status });
    },
  );

  app.post(
    '/admin/users/:id/suspend',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          { hours: Type.String({ pattern: '^[0-9]{1,5}$' }), reason: Text(500), back: Back },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        { id: request.params.id, back: request.body.back },
        'suspend',
        (actor, id) =>
          services.people.suspend(actor, id, Number(request.body.hours), request.body.reason),
      ),
  );

  app.post(
    '/admin/users/:id/ban',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({ reason: Text(500), back: Back }, { additionalProperties: false }),
      },
    },
    (request, reply) =>
      act(request, reply, { id: request.params.id, back: request.body.back }, 'ban', (actor, id) =>
        services.people.ban(actor, id, request.body.reason),
      ),
  );

  app.post(
    '/admin/users/:id/lift',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({ back: Back }, { additionalProperties: false }),
      },
    },
    (request, reply) =>
      act(request, reply, { id: request.params.id, back: request.body.back }, 'lift', (actor, id) =>
        services.people.lift(actor, id),
      ),
  );
}
