/**
 * The masthead's and the footer's menus as JSON: anyone may read them (the entries readers see;
 * admins every entry); admins replace a menu's entries with a whole new list.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { menuLimits, menuNames } from '../../../domain/menu.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { menuJson } from '../../serializers/menus.js';
import { refusals } from './schemas.js';

const errors = refusals(400, 401, 403, 404, 422);

const Label = Type.String({
  maxLength: menuLimits.label,
  description: 'replaces the section’s name or the page’s title; needed for a link',
});

const EntryInput = Type.Object(
  {
    kind: Type.Union([Type.Literal('section'), Type.Literal('page'), Type.Literal('link')]),
    section: Type.Optional(Type.String({ maxLength: 200, description: 'a section’s slug' })),
    page: Type.Optional(Type.String({ maxLength: 200, description: 'a static page’s id' })),
    url: Type.Optional(
      Type.String({
        maxLength: menuLimits.url,
        description: 'for a link: https://…, http://… or a path on this site (/corrections)',
      }),
    ),
    label: Type.Optional(Label),
  },
  { additionalProperties: false },
);

export const MenuBody = Type.Object(
  {
    name: Type.Union(menuNames.map((n) => Type.Literal(n))),
    saved: Type.Boolean({ description: 'false while it is the default, never saved' }),
    entries: Type.Array(
      Type.Object({
        kind: Type.String(),
        section: Type.Optional(Type.String()),
        page: Type.Optional(Type.String()),
        url: Type.Optional(Type.String()),
        label: Type.Optional(Type.String()),
        text: Type.String({ description: 'what readers see: the label, name or title' }),
        href: Type.Union([Type.String(), Type.Null()], { description: 'null when not shown' }),
        shown: Type.Boolean(),
        hiddenBecause: Type.Optional(
          Type.String({ description: 'admins: why readers do not see it' }),
        ),
      }),
    ),
  },
  { $id: 'Menu' },
);

const Params = Type.Object({ menu: Type.Union(menuNames.map((n) => Type.Literal(n))) });

export function menuApi(fastify: FastifyInstance, services: Pick<Services, 'menus'>): void {
  fastify.addSchema(MenuBody);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const menus = services.menus;
  const isAdmin = (request: FastifyRequest) => request.viewer?.user.role === 'admin';

  app.get(
    '/api/v1/menus',
    {
      schema: {
        summary: 'The masthead’s and the footer’s menus (admins also see entries not shown)',
        tags: ['menus'],
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Menu')) }) },
      },
    },
    async (request) => ({
      items: (await menus.list()).map((m) => menuJson(m, isAdmin(request))),
    }),
  );

  app.put(
    '/api/v1/menus/:menu',
    {
      onRequest: requireRole(['admin']),
      schema: {
        summary: `Admins: replace a menu’s entries, in order (at most ${menuLimits.entries})`,
        tags: ['menus'],
        security: [{ bearer: [] }],
        params: Params,
        body: Type.Object(
          { entries: Type.Array(EntryInput, { maxItems: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Menu'), ...errors },
      },
    },
    async (request) =>
      menuJson(
        await menus.save(request.viewer!.user, request.params.menu, request.body.entries),
        true,
      ),
  );
}
