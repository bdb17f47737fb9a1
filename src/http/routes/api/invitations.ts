/** Staff invitations (admins) and people's names and bylines, as JSON. The services hold the rules. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invitationState } from '../../../domain/invitation.js';
import { staffRoles } from '../../../domain/user.js';
import type { Services } from '../../../services/index.js';
import type { Limits } from '../../limits.js';
import { requireRole } from '../../plugins/auth.js';
import { limiter } from '../../plugins/rate-limits.js';
import { invitationJson } from '../../serializers/invitations.js';
import { userJson } from '../../serializers/users.js';
import { refusals } from './schemas.js';

const errors = refusals(400, 401, 403, 404, 409, 422, 429);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Params = Type.Object({ id: Type.String({ maxLength: 100 }) });

const InvitationBody = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.String({ description: staffRoles.join(', ') }),
  state: Type.String({
    description:
      'pending, accepted, revoked or expired (pending until accepted or revoked, or until expiresAt passes)',
  }),
  invitedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  acceptedAt: Nullable(Type.String({ format: 'date-time' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});

export function invitationApi(
  fastify: FastifyInstance,
  services: Pick<Services, 'invitations' | 'staff'>,
  limits: Limits,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/invitations',
    {
      onRequest: requireRole(['admin']),
      preHandler: [
        limiter(app, 'invitations', limits.invitationsPerAdmin, (r) => r.viewer?.user.id ?? r.ip),
      ],
      schema: {
        summary:
          'Invite an email address to a staff role: a single-use link, valid 7 days, is mailed to it',
        tags: ['accounts'],
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            email: Type.String({ maxLength: 254 }),
            role: Type.String({ maxLength: 20, description: 'author, editor, moderator or admin' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ invitation: InvitationBody }), ...errors },
      },
    },
    async (request, reply) => {
      const invitation = await services.invitations.invite(request.viewer!.user, request.body);
      return reply.code(201).send({
        invitation: invitationJson({ ...invitation, state: invitationState(invitation) }),
      });
    },
  );

  app.get(
    '/api/v1/invitations',
    {
      onRequest: requireRole(['admin']),
      schema: {
        summary: 'Staff invitations, newest first (the latest 100), with their state',
        tags: ['accounts'],
        security: [{ bearer: [] }],
        response: {
          200: Type.Object({ items: Type.Array(InvitationBody), nextCursor: Type.Null() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const items = await services.invitations.list(request.viewer!.user);
      return { items: items.map(invitationJson), nextCursor: null };
    },
  );

  app.delete(
    '/api/v1/invitations/:id',
    {
      onRequest: requireRole(['admin']),
      schema: {
        summary: 'Revoke a pending invitation: its link stops working',
        tags: ['accounts'],
        security: [{ bearer: [] }],
        params: Params,
        response: { 200: Type.Object({ invitation: InvitationBody }), ...errors },
      },
    },
    async (request) => {
      const invitation = await services.invitations.revoke(request.viewer!.user, request.params.id);
      return { invitation: invitationJson(invitation) };
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      onRequest: requireRole('any'),
      schema: {
        summary:
          'Change a display name or byline (yours, or anyone’s for admins); an empty byline shows the name on articles',
        tags: ['accounts'],
        security: [{ bearer: [] }],
        params: Params,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            byline: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: Type.Ref('User') }), ...errors },
      },
    },
    async (request) => {
      const user = await services.staff.rename(
        request.viewer!.user,
        request.params.id,
        request.body,
      );
      return { user: userJson(user) };
    },
  );
}
