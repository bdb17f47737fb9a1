/** The "Newsroom emails" settings on /account, for the newsroom (authors, editors, admins). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { newsroomRoles } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { staffMailKinds } from '../../../services/staff-notifications.js';
import { requireRole } from '../../plugins/auth.js';

export function newsroomEmailPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'staffNotifications'>,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const kind = Type.Union(staffMailKinds.map((k) => Type.Literal(k)));
  app.post(
    '/account/newsroom-emails',
    {
      onRequest: requireRole(newsroomRoles),
      schema: {
        hide: true,
        body: Type.Object(
          // One ticked box comes as a string, several as a list; none as nothing.
          { on: Type.Optional(Type.Union([kind, Type.Array(kind, { maxItems: 10 })])) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const given = request.body.on;
      const on = given === undefined ? [] : Array.isArray(given) ? given : [given];
      await services.staffNotifications.save(request.viewer!.user, on);
      return reply.redirect('/account?done=newsroom-emails', 303);
    },
  );
}
