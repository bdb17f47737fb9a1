/**
 * The static pages API, for editors and admins: list and create pages, read and edit one (with
 * the version it was read at: a stale edit is 409 with the page as it is now), publish and
 * unpublish, and its revisions. Readers get published pages as HTML at `/{slug}`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Page } from '../../../domain/page.js';
import { editorRoles } from '../../../domain/workflow.js';
import { publicError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import { pageLimits, StalePageError } from '../../../services/pages.js';
import { requireRole } from '../../plugins/auth.js';
import { pageJson, pageRevisionJson } from '../../serializers/pages.js';
import { IdParams, Nullable, refusals, Text } from './schemas.js';

const Time = () => Type.String({ format: 'date-time' });

export const PageBody = Type.Object(
  {
    id: Type.String(),
    slug: Type.String({ description: 'The page is at /{slug}' }),
    url: Type.String({ description: 'Absolute; readers see it once the page is published' }),
    title: Type.String(),
    description: Type.String({ description: 'Under the title and in the meta description' }),
    body: Type.String({ description: 'Markdown (no raw HTML)' }),
    status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
    version: Type.Integer({ description: 'Send it back with an edit' }),
    createdAt: Time(),
    modifiedAt: Time(),
    publishedAt: Nullable(Time()),
  },
  { $id: 'Page' },
);

const SavedBy = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);

const PageRevision = Type.Object({
  version: Type.Integer(),
  savedAt: Time(),
  savedBy: SavedBy,
  note: Type.String(),
  title: Type.String(),
});

const PageConflict = Type.Object({
  error: Type.Object({
    code: Type.String(),
    condition: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
  }),
  current: Type.Optional(Type.Ref('Page', { description: 'A stale save: the page as it is now' })),
});

const errors = {
  ...refusals(400, 401, 403, 404, 422),
  409: PageConflict,
};

const Fields = {
  title: Type.Optional(Text(pageLimits.title)),
  description: Type.Optional(Text(pageLimits.description)),
  body: Type.Optional(Text(pageLimits.body, 'Markdown; raw HTML is shown as text')),
  slug: Type.Optional(
    Text(120, 'the page is at /{slug}; from the title when left out; not a section or route'),
  ),
};

const EmptyBody = Type.Optional(Type.Object({}, { additionalProperties: false }));

export function pagesApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'pages'>,
  baseUrl: string,
) {
  fastify.addSchema(PageBody);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const pages = services.pages;
  const editors = requireRole(editorRoles);
  const common = { tags: ['pages'], security: [{ bearer: [] }] };

  /** A stale save answers 409 with the current page, so the caller can show both. */
  async function conflictSafe(reply: FastifyReply, work: () => Promise<Page>, status = 200) {
    try {
      return await reply.code(status).send(pageJson(await work(), baseUrl));
    } catch (error) {
      if (!(error instanceof StalePageError)) throw error;
      return reply
        .code(409)
        .send({ error: publicError(error), current: pageJson(error.current, baseUrl) });
    }
  }

  app.get(
    '/api/v1/pages',
    {
      onRequest: editors,
      schema: {
        ...common,
        summary: 'Editors: every static page, drafts too, most recently changed first',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                slug: Type.String(),
                title: Type.String(),
                status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
                version: Type.Integer(),
                modifiedAt: Time(),
              }),
            ),
            nextCursor: Type.Null({ description: 'Always null: the list is whole' }),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await pages.list(request.viewer!.user), nextCursor: null }),
  );

  app.post(
    '/api/v1/pages',
    {
      onRequest: editors,
      schema: {
        ...common,
        summary: 'Editors: create a static page as a draft',
        body: Type.Object(
          { ...Fields, title: Text(pageLimits.title) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Page'), ...errors },
      },
    },
    (request, reply) =>
      conflictSafe(reply, () => pages.create(request.viewer!.user, request.body), 201),
  );

  app.get(
    '/api/v1/pages/:id',
    {
      onRequest: editors,
      schema: {
        ...common,
        summary: 'Editors: one static page, any status',
        params: IdParams,
        response: { 200: Type.Ref('Page'), ...errors },
      },
    },
    async (request) => pageJson(await pages.page(request.viewer!.user, request.params.id), baseUrl),
  );

  app.patch(
    '/api/v1/pages/:id',
    {
      onRequest: editors,
      schema: {
        ...common,
        summary: 'Editors: edit; send the version you read. A stale version gets 409',
        params: IdParams,
        body: Type.Object(
          {
            version: Type.Integer({
              minimum: 1,
              description: 'the version this edit is made from',
            }),
            ...Fields,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Page'), ...errors },
      },
    },
    (request, reply) =>
      conflictSafe(reply, () => pages.edit(request.viewer!.user, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/pages/:id/publish',
    {
      onRequest: editors,
      schema: {
        ...common,
        summary: 'Editors: publish a draft page at /{slug}',
        params: IdParams,
        body: EmptyBody,
        response: { 200: Type.Ref('Page'), ...errors },
      },
    },
    async (request) =>
      pageJson(await pages.publish(request.viewer!.user, request.params.id), baseUrl),
  );

  app.post(
    '/api/v1/pages/:id/unpublish',
    {
      onRequest: editors,
      schema: {
        ...common,
        summary: 'Editors: make a published page a draft again (its address answers 404)',
        params: IdParams,
        body: EmptyBody,
        response: { 200: Type.Ref('Page'), ...errors },
      },
    },
    async (request) =>
      pageJson(await pages.unpublish(request.viewer!.user, request.params.id), baseUrl),
  );

  app.get(
    '/api/v1/pages/:id/revisions',
    {
      onRequest: editors,
      schema: {
        ...common,
        summary: 'Editors: every saved version of a page, newest first',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(PageRevision) }), ...errors },
      },
    },
    async (request) => ({ items: await pages.revisions(request.viewer!.user, request.params.id) }),
  );

  app.get(
    '/api/v1/pages/:id/revisions/:version',
    {
      onRequest: editors,
      schema: {
        ...common,
        summary: 'Editors: one saved version of a page in full',
        params: Type.Object({
          id: Type.String({ maxLength: 200 }),
          version: Type.Integer({ minimum: 1 }),
        }),
        response: {
          200: Type.Object({
            ...PageRevision.properties,
            slug: Type.String(),
            description: Type.String(),
            body: Type.String(),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      pageRevisionJson(
        await pages.revision(request.viewer!.user, request.params.id, request.params.version),
      ),
  );
}
