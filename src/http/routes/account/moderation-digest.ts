/** The moderation digest's setting on /account, for moderators and admins. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import { digestRoles } from '../../../services/moderation-digest.js';
import { requireRole } from '../../plugins/auth.js';

export function moderationDigestPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'moderationDigest'>,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/account/moderation-digest',
    {
      onRequest: requireRole(digestRoles),
      schema: {
        hide: true,
        body: Type.Object(
          { digest: Type.Optional(Type.Literal('on')) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const on = request.body.digest === 'on';
      const id = request.viewer!.user.id;
      await (on
        ? services.moderationDigest.subscribe(id)
        : services.moderationDigest.unsubscribe(id));
      return reply.redirect(`/account?done=${on ? 'digest-on' : 'digest-off'}`, 303);
    },
  );
}
