/** /admin/settings: comment policy and moderation thresholds, saved to store.settings. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { settingDefinitions } from '../../../domain/moderation/policy.js';
import type { Services } from '../../../services/index.js';
import { settingsNotices, settingsView } from '../../../views/pages/admin/settings.js';
import { sendPage } from '../../plugins/pages.js';
import { doneMessage, type FormPageDeps } from '../forms.js';

const SettingsBody = Type.Object(
  Object.fromEntries(
    settingDefinitions.map((d) => [
      d.key,
      Type.Optional(Type.String({ maxLength: d.kind === 'words' ? 200_000 : 100 })),
    ]),
  ),
  { additionalProperties: false },
);

export function settingsPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'moderation'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/admin/settings',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const [ctx, values] = await Promise.all([
        deps.pageContext(request),
        services.moderation.settings(),
      ]);
      const done = doneMessage(settingsNotices, request.query.done);
      return sendPage(request, reply, settingsView(ctx, { values, done }));
    },
  );

  app.post(
    '/admin/settings',
    { schema: { hide: true, body: SettingsBody } },
    async (request, reply) => {
      const input = request.body as Record<string, string | undefined>;
      const problems = await services.moderation.saveSettings(request.viewer!.user, input);
      if (Object.keys(problems).length === 0) {
        return reply.redirect('/admin/settings?done=saved', 303);
      }
      // Show what was typed, so nothing is lost, with each problem beside its field.
      const values = { ...(await services.moderation.settings()) };
      for (const [key, value] of Object.entries(input))
        if (value !== undefined) values[key] = value;
      const ctx = await deps.pageContext(request);
      return sendPage(request, reply, settingsView(ctx, { values, problems }), { status: 400 });
    },
  );
}
