/**
 * /admin/menus (admins): the masthead's and the footer's menus with Move up / Move down, Remove
 * and Add. Plain forms: POST, then 303 back; a refused Add shows the page again with the message
 * beside its input and the service's status (422, 400).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isMenuName, type MenuName } from '../../../domain/menu.js';
import { notFound } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import {
  addFields,
  menuNotices,
  menusView,
  type AddValues,
  type MenuFocus,
} from '../../../views/pages/admin/menus.js';
import { sendPage } from '../../plugins/pages.js';
import { noticeOf } from '../../../views/pages/admin/structure-parts.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';

const Params = Type.Object({ menu: Type.String({ maxLength: 20 }) });
const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const IndexBody = Type.Object({
  index: Type.String({ maxLength: 10 }),
  direction: Text(10),
});

function menuOf(name: string): MenuName {
  if (!isMenuName(name)) throw notFound('That menu');
  return name;
}

const direction = (value: string | undefined) =>
  value === 'up' || value === 'down' ? value : undefined;

export function menuAdminPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'menus'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;
  const menus = services.menus;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    props: Omit<Parameters<typeof menusView>[1], 'menus' | 'choices'>,
    status = 200,
  ) {
    const [ctx, list, choices] = await Promise.all([
      pageContext(request),
      menus.list(),
      menus.choices(),
    ]);
    return sendPage(request, reply, menusView(ctx, { ...props, menus: list, choices }), {
      status,
    });
  }

  const actor = (request: FastifyRequest) => request.viewer!.user;

  app.get(
    '/admin/menus',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          done: Text(20),
          menu: Text(20),
          focus: Text(10),
          direction: Text(10),
        }),
      },
    },
    async (request, reply) => {
      const { menu, focus } = request.query;
      const moved = direction(request.query.direction);
      const index = Number(focus);
      const at: MenuFocus | undefined =
        menu && isMenuName(menu) && moved && Number.isInteger(index)
          ? { menu, index, direction: moved }
          : undefined;
      return page(request, reply, {
        done: noticeOf(menuNotices, request.query.done),
        focus: at,
      });
    },
  );

  app.post(
    '/admin/menus/:menu',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({
          kind: Type.String({ maxLength: 20 }),
          section: Text(200),
          page: Text(200),
          url: Text(2000),
          label: Text(1000),
        }),
      },
    },
    async (request, reply) => {
      const menu = menuOf(request.params.menu);
      const values: AddValues = {
        kind: request.body.kind,
        section: request.body.section ?? '',
        page: request.body.page ?? '',
        url: request.body.url ?? '',
        label: request.body.label ?? '',
      };
      const result = await attempt(() => menus.add(actor(request), menu, values));
      if (result.ok) return reply.redirect('/admin/menus?done=added', 303);
      if (result.error.status === 404 || result.error.status === 403) throw result.error;
      const problem = problemOf(result.error, (await pageContext(request)).i18n, {
        fields: addFields(menu),
        conditions: { menu_full: addFields(menu).kind },
      });
      return page(request, reply, { refused: { menu, values, problem } }, result.error.status);
    },
  );

  app.post(
    '/admin/menus/:menu/move',
    { schema: { hide: true, params: Params, body: IndexBody } },
    async (request, reply) => {
      const menu = menuOf(request.params.menu);
      const moved = direction(request.body.direction) ?? 'up';
      const index = Number(request.body.index);
      await menus.move(actor(request), menu, index, moved);
      const to = Math.max(0, moved === 'up' ? index - 1 : index + 1);
      const last = (await menus.menu(menu)).entries.length - 1;
      const focus = new URLSearchParams({
        done: 'moved',
        menu,
        focus: String(Math.min(to, last)),
        direction: moved,
      });
      // No #fragment: a browser skips autofocus when the address names an element.
      return reply.redirect(`/admin/menus?${focus}`, 303);
    },
  );

  app.post(
    '/admin/menus/:menu/remove',
    { schema: { hide: true, params: Params, body: IndexBody } },
    async (request, reply) => {
      const menu = menuOf(request.params.menu);
      await menus.remove(actor(request), menu, Number(request.body.index));
      return reply.redirect('/admin/menus?done=removed', 303);
    },
  );
}
