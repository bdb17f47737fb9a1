/** Corrections, clarifications and updates on a published article: add one, retract one. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { editorRoles } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import { Params, Text, type ArticleEditor } from './article-editor-page.js';

export function articleCorrectionActions(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsroom'>,
  { act }: ArticleEditor,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const newsroom = services.newsroom;
  const editors = requireRole(editorRoles);

  app.post(
    '/admin/articles/:id/corrections',
    {
      onRequest: editors,
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          { kind: Text(20), priority: Text(10), text: Text(2_000) },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        async (u) =>
          (
            await newsroom.addCorrection(u, request.params.id, {
              kind: request.body.kind ?? '',
              text: request.body.text ?? '',
              priority: request.body.priority,
            })
          ).article,
        () => 'corrected',
      ),
  );

  app.post(
    '/admin/articles/:id/corrections/:correctionId/retract',
    {
      onRequest: editors,
      schema: {
        hide: true,
        params: Type.Object({
          id: Type.String({ maxLength: 100 }),
          correctionId: Type.String({ maxLength: 100 }),
        }),
        body: Type.Object({ note: Text(500) }, { additionalProperties: false }),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        async (u) =>
          (
            await newsroom.retractCorrection(
              u,
              request.params.id,
              request.params.correctionId,
              request.body.note ?? '',
            )
          ).article,
        () => 'retracted',
      ),
  );
}
