/**
 * Sections as JSON: anyone may list and read them; admins create, edit (rename, describe,
 * hide), reorder and remove them. A renamed or removed section's old addresses redirect.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sectionLimits } from '../../../domain/section.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { sectionJson } from '../../serializers/sections.js';
import { refusals } from './schemas.js';

const errors = refusals(400, 401, 403, 404, 409, 422);

export const SectionBody = Type.Object(
  {
    slug: Type.String({ description: 'its address: /{slug}' }),
    name: Type.String(),
    description: Type.String(),
    position: Type.Integer({ description: 'its place in the navigation, from 0' }),
    hidden: Type.Boolean({
      description: 'left out of the navigation and the front page; its pages still work',
    }),
    url: Type.String(),
    articleCount: Type.Optional(
      Type.Integer({ description: 'admins only: every article in it, drafts included' }),
    ),
  },
  { $id: 'Section' },
);

const Params = Type.Object({ slug: Type.String({ maxLength: 200 }) });
const slugRule = 'lower-case letters, digits and single hyphens; not a reserved word';
const Slug = Type.String({ maxLength: 120, description: slugRule });
const Name = Type.String({ maxLength: sectionLimits.name });
const Description = Type.String({ maxLength: sectionLimits.description });
const MoveTo = Type.String({
  maxLength: 200,
  description: 'the section its articles (drafts included) move to; needed unless it is empty',
});

export function sectionApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'sections'>,
  baseUrl: string,
): void {
  fastify.addSchema(SectionBody);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const sections = services.sections;
  const admins = requireRole(['admin']);
  const isAdmin = (request: FastifyRequest) => request.viewer?.user.role === 'admin';

  app.get(
    '/api/v1/sections',
    {
      schema: {
        summary: 'The sections in navigation order, hidden ones included',
        tags: ['sections'],
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('Section')),
            nextCursor: Type.Null(),
          }),
        },
      },
    },
    async (request) => ({
      items: (await sections.list()).map((s) => sectionJson(s, baseUrl, isAdmin(request))),
      nextCursor: null,
    }),
  );

  app.get(
    '/api/v1/sections/:slug',
    {
      schema: {
        summary: 'One section',
        tags: ['sections'],
        params: Params,
        response: { 200: Type.Ref('Section'), ...errors },
      },
    },
    async (request) =>
      sectionJson(await sections.get(request.params.slug), baseUrl, isAdmin(request)),
  );

  app.post(
    '/api/v1/sections',
    {
      onRequest: admins,
      schema: {
        summary: 'Admins: create a section (added at the end of the navigation)',
        tags: ['sections'],
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            name: Name,
            slug: Type.Optional(
              Type.String({
                maxLength: 120,
                description: `${slugRule}; from the name if left out`,
              }),
            ),
            description: Type.Optional(Description),
            hidden: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Section'), ...errors },
      },
    },
    async (request, reply) => {
      const created = await sections.create(request.body);
      return reply.code(201).send(sectionJson(await sections.get(created.slug), baseUrl, true));
    },
  );

  app.patch(
    '/api/v1/sections/:slug',
    {
      onRequest: admins,
      schema: {
        summary:
          'Admins: rename (name and/or slug), describe, hide or show. The old slug and its ' +
          "articles' old URLs redirect to the new ones",
        tags: ['sections'],
        security: [{ bearer: [] }],
        params: Params,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            slug: Type.Optional(Slug),
            description: Type.Optional(Description),
            hidden: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Section'), ...errors },
      },
    },
    async (request) => {
      const updated = await sections.update(request.params.slug, request.body);
      return sectionJson(await sections.get(updated.slug), baseUrl, true);
    },
  );

  app.delete(
    '/api/v1/sections/:slug',
    {
      onRequest: admins,
      // A DELETE usually has no body: the schema below then checks an empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        summary:
          'Admins: remove a section; one with articles needs moveTo (query or body), where its ' +
          'articles go and its addresses then lead',
        tags: ['sections'],
        security: [{ bearer: [] }],
        params: Params,
        querystring: Type.Object({ moveTo: Type.Optional(MoveTo) }),
        body: Type.Object({ moveTo: Type.Optional(MoveTo) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            removed: Type.String({ description: 'the slug of the removed section' }),
            movedTo: Type.Union([Type.String(), Type.Null()]),
            moved: Type.Integer({ description: 'articles moved, drafts included' }),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const moveTo = request.body.moveTo ?? request.query.moveTo;
      const done = await sections.remove(request.params.slug, moveTo);
      return { removed: request.params.slug, ...done };
    },
  );

  app.post(
    '/api/v1/sections/order',
    {
      onRequest: admins,
      schema: {
        summary: 'Admins: put the sections in a new order (name every section once)',
        tags: ['sections'],
        security: [{ bearer: [] }],
        body: Type.Object(
          { slugs: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 500 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('Section')), nextCursor: Type.Null() }),
          ...errors,
        },
      },
    },
    async (request) => {
      await sections.reorder(request.body.slugs);
      return {
        items: (await sections.list()).map((s) => sectionJson(s, baseUrl, true)),
        nextCursor: null,
      };
    },
  );
}
