/**
 * The demo content over the API (admins): what removing it would take away and keep, and the
 * removal itself — the same as `broadsheet demo remove` and /admin/site/demo/remove.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { refusals } from './schemas.js';

const Count = Type.Integer({ minimum: 0 });

const DemoRemovalBody = Type.Object(
  {
    loaded: Type.Boolean({ description: 'Whether any demo rows are (or were, before) here.' }),
    articles: Count,
    comments: Type.Integer({
      minimum: 0,
      description: 'Every comment on the demo articles, including those added since.',
    }),
    addedComments: Count,
    accounts: Count,
    sections: Count,
    tags: Count,
    images: Count,
    settings: Count,
    relatedLinks: Count,
    kept: Type.Object({
      sections: Type.Array(
        Type.Object({ slug: Type.String(), name: Type.String(), articles: Count }),
      ),
      people: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
      images: Count,
    }),
  },
  { $id: 'DemoRemoval' },
);

const errors = refusals(401, 403);

export function demoApi(fastify: FastifyInstance, services: Pick<Services, 'demo'>): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(DemoRemovalBody);
  const admins = requireRole(['admin']);

  app.get(
    '/api/v1/demo',
    {
      onRequest: admins,
      schema: {
        summary: 'Admins: what removing the demo content would remove, and what it would keep',
        tags: ['site'],
        security: [{ bearer: [] }],
        response: { 200: Type.Ref('DemoRemoval'), ...errors },
      },
    },
    async () => {
      const plan = await services.demo.plan();
      return { ...plan, loaded: await services.demo.isLoaded() };
    },
  );

  app.delete(
    '/api/v1/demo',
    {
      onRequest: admins,
      schema: {
        summary: 'Admins: remove the demo content, and nothing else (answers what was removed)',
        tags: ['site'],
        security: [{ bearer: [] }],
        response: { 200: Type.Ref('DemoRemoval'), ...errors },
      },
    },
    async () => ({ ...(await services.demo.remove()), loaded: false }),
  );
}
