/**
 * The front page's arrangement as JSON (editors and admins): read it, or replace all of it. A
 * refused arrangement (an unpublished story, one story in two slots, an expiry already passed,
 * more featured stories than slots) answers 422 naming the field, and nothing changes.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { featuredSlots, type FrontArrangement } from '../../../domain/front.js';
import { editorRoles } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { refusals } from './schemas.js';

const errors = refusals(400, 401, 403, 422);

const Expiry = Type.Union([Type.String({ maxLength: 40 }), Type.Null()], {
  description:
    'when the pin ends (ISO 8601; without an offset, the site’s time zone); null: until changed',
});

const Pin = Type.Object({ articleId: Type.String(), expiresAt: Expiry });

const PinInput = Type.Object(
  {
    articleId: Type.String({ maxLength: 200, description: 'a published article: id or slug' }),
    expiresAt: Type.Optional(Expiry),
  },
  { additionalProperties: false },
);

const Front = Type.Object({
  lead: Type.Union([Pin, Type.Null()], {
    description: 'the pinned lead story; null: the newest story leads',
  }),
  featured: Type.Array(Pin, { description: 'the featured slots, in order' }),
  sections: Type.Array(Type.String(), {
    description: 'slugs of the sections shown on the front page, in order',
  }),
  featuredSlots: Type.Integer({
    description: `how many featured slots there are (${featuredSlots})`,
  }),
});

const frontJson = (arrangement: FrontArrangement) => ({ ...arrangement, featuredSlots });

export function frontApi(fastify: FastifyInstance, services: Pick<Services, 'front'>): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const editors = requireRole(editorRoles);

  app.get(
    '/api/v1/front',
    {
      onRequest: editors,
      schema: {
        summary: 'Editors: the front page arrangement (pins that have expired are left out)',
        tags: ['front'],
        security: [{ bearer: [] }],
        response: { 200: Front, ...errors },
      },
    },
    async () => frontJson(await services.front.arrangement()),
  );

  app.put(
    '/api/v1/front',
    {
      onRequest: editors,
      schema: {
        summary: 'Editors: replace the front page arrangement (lead, featured slots, sections)',
        tags: ['front'],
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            lead: Type.Union([PinInput, Type.Null()]),
            // More than the slots is refused by the rules (422), not the schema.
            featured: Type.Array(PinInput, { maxItems: 50 }),
            sections: Type.Array(Type.String({ maxLength: 120 }), { maxItems: 500 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Front, ...errors },
      },
    },
    async (request) => {
      const { lead, featured, sections } = request.body;
      const pin = (p: { articleId: string; expiresAt?: string | null | undefined }) => ({
        article: p.articleId,
        expiresAt: p.expiresAt ?? null,
      });
      const saved = await services.front.save(request.viewer!.user, {
        lead: lead ? pin(lead) : null,
        featured: featured.map(pin),
        sections,
      });
      return frontJson(saved);
    },
  );
}
