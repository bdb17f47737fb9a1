/**
 * First run: the one-time setup link creates the first admin in the browser, and then the
 * wizard, as that admin, asks for the site's name, tagline, time zone and language (checking its
 * public address), what it starts with (empty, or the demo to explore) and its first sections.
 * Once finished, the wizard's pages lead to Admin → Site.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import { resultView } from '../../../views/pages/account/page.js';
import {
  setupContentView,
  setupSectionFields,
  setupSectionsView,
  setupSiteView,
  setupView,
} from '../../../views/pages/account/setup.js';
import type { IdentityText } from '../../../domain/site.js';
import { isAllowedSectionSlug, slugify } from '../../../domain/slug.js';
import { AppError } from '../../../errors.js';
import { requireRole, setSessionCookie } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';

const Text = (maxLength: number) => Type.String({ maxLength });

export function setupPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'accounts' | 'users' | 'site' | 'setup' | 'demo' | 'sections'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext, cookies } = deps;

  app.get(
    '/setup',
    { schema: { hide: true, querystring: Type.Object({ token: Type.Optional(Text(200)) }) } },
    async (request, reply) => {
      const ctx = await pageContext(request);
      if (await services.users.hasAdmin()) {
        const { t } = ctx.i18n;
        const page = resultView(ctx, {
          title: t('account.setup.already.title'),
          message: t('account.setup.already.message'),
          links: [{ href: '/signin', text: t('account.link.signIn') }],
        });
        return sendPage(request, reply, page, { status: 409, private: true });
      }
      const page = setupView(ctx, { token: request.query.token ?? '' });
      return sendPage(request, reply, page, { private: true });
    },
  );

  app.post(
    '/setup',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { token: Text(200), email: Text(254), name: Text(200), password: Text(1000) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { token, ...input } = request.body;
      const result = await attempt(() => services.accounts.completeSetup(token, input));
      if (!result.ok) {
        const problem = problemOf(result.error, (await pageContext(request)).i18n, {
          fields: { name: 'name', email: 'email', password: 'password' },
        });
        const values = { email: input.email, name: input.name };
        const page = setupView(await pageContext(request), { token, values, problem });
        return sendPage(request, reply, page, { status: result.error.status, private: true });
      }
      setSessionCookie(reply, cookies, result.value.sessionId, result.value.session.expiresAt);
      return reply.redirect('/setup/site', 303);
    },
  );

  void app.register(async (admins) => wizardSteps(admins, services, deps));
}

const sectionFields = Object.fromEntries(
  Array.from({ length: setupSectionFields }, (_, i) => [`section${i + 1}`, `section${i + 1}`]),
);

const siteFields = { name: 'name', tagline: 'tagline', timeZone: 'timeZone', language: 'language' };

/** The wizard's steps after the first admin exists: admins only, until it is finished. */
function wizardSteps(
  fastify: FastifyInstance,
  services: Pick<Services, 'site' | 'setup' | 'demo' | 'sections'>,
  deps: FormPageDeps,
) {
  fastify.addHook('onRequest', requireRole(['admin']));
  // A finished wizard's pages lead to where the same things are changed from now on.
  fastify.addHook('preHandler', async (_request, reply) => {
    if (await services.setup.completed()) return reply.redirect('/admin/site', 303);
  });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;
  const openedAt = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  async function sitePage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: IdentityText,
    problem?: ReturnType<typeof problemOf>,
    status?: number,
  ) {
    const [ctx, address] = await Promise.all([
      pageContext(request),
      services.setup.checkAddress(openedAt(request)),
    ]);
    const page = setupSiteView(ctx, { values, address, problem });
    return sendPage(request, reply, page, { private: true, ...(status ? { status } : {}) });
  }

  app.get('/setup/site', { schema: { hide: true } }, async (request, reply) =>
    sitePage(request, reply, await services.site.identity()),
  );

  app.post(
    '/setup/site',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { name: Text(1000), tagline: Text(1000), timeZone: Text(100), language: Text(40) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const result = await attempt(() => services.site.update(request.viewer!.user, request.body));
      if (result.ok) return reply.redirect('/setup/content', 303);
      const values = { ...(await services.site.identity()), ...request.body };
      const problem = problemOf(result.error, (await pageContext(request)).i18n, {
        fields: siteFields,
      });
      return sitePage(request, reply, values, problem, result.error.status);
    },
  );

  async function siteState() {
    const [demoLoaded, sections] = await Promise.all([
      services.demo.isLoaded(),
      services.sections.list(),
    ]);
    return { demoLoaded, siteEmpty: sections.length === 0 };
  }

  app.get('/setup/content', { schema: { hide: true } }, async (request, reply) => {
    const [ctx, state] = await Promise.all([pageContext(request), siteState()]);
    return sendPage(request, reply, setupContentView(ctx, state), { private: true });
  });

  app.post(
    '/setup/content',
    {
      schema: {
        hide: true,
        body: Type.Object(
          { start: Type.Optional(Type.String({ maxLength: 10 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const state = await siteState();
      const start = request.body.start;
      const result = await attempt(async () => {
        if (start === 'empty') {
          if (state.demoLoaded) await services.demo.remove();
        } else if (start === 'demo') {
          if (!state.demoLoaded) await services.demo.load();
        } else if (start !== 'keep') {
          throw new AppError('nothing_chosen', 'Choose what the site starts with.', {
            field: 'start',
          });
        }
      });
      if (result.ok) return reply.redirect('/setup/sections', 303);
      const problem = problemOf(result.error, (await pageContext(request)).i18n, {
        fields: { start: 'start-empty' },
      });
      const page = setupContentView(await pageContext(request), { ...state, problem });
      return sendPage(request, reply, page, { private: true, status: result.error.status });
    },
  );

  app.get('/setup/sections', { schema: { hide: true } }, async (request, reply) => {
    const [ctx, existing] = await Promise.all([pageContext(request), services.sections.list()]);
    return sendPage(request, reply, setupSectionsView(ctx, { existing }), { private: true });
  });

  app.post(
    '/setup/sections',
    {
      schema: {
        hide: true,
        body: Type.Object(
          {
            section: Type.Optional(
              Type.Union([
                Type.String({ maxLength: 1000 }),
                Type.Array(Type.String({ maxLength: 1000 }), { maxItems: setupSectionFields }),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const sent = [request.body.section ?? []].flat();
      const existing = await services.sections.list();
      const result = await attempt(async () => {
        const names = sent.map((n) => n.trim());
        const wanted = names.flatMap((name, i) => (name ? [{ name, i }] : []));
        if (wanted.length === 0 && existing.length === 0) {
          throw new AppError('section_name_required', 'Give the site at least one section.', {
            field: 'section1',
          });
        }
        // Checked together first, so a clash in the fourth does not leave three made.
        const slugs = new Set(existing.map((s) => s.slug));
        for (const { name, i } of wanted) {
          const slug = slugify(name);
          if (!isAllowedSectionSlug(slug)) {
            throw new AppError(
              'invalid_section_slug',
              slug
                ? `“${name}” cannot be a section: /${slug} is one of the site’s own addresses. Choose another name.`
                : `“${name}” has no letters or digits for the section’s address. Choose another name.`,
              { field: `section${i + 1}` },
            );
          }
          if (slugs.has(slug)) {
            throw new AppError('section_slug_taken', `There is already a section at /${slug}.`, {
              field: `section${i + 1}`,
            });
          }
          slugs.add(slug);
        }
        for (const { name, i } of wanted) {
          try {
            await services.sections.create({ name });
          } catch (error) {
            if (error instanceof AppError)
              throw new AppError(error.condition, error.message, {
                field: `section${i + 1}`,
                values: error.values,
              });
            throw error;
          }
        }
        await services.setup.complete(request.viewer!.user);
      });
      if (result.ok) return reply.redirect('/admin?done=setup', 303);
      const ctx = await pageContext(request);
      const page = setupSectionsView(ctx, {
        existing: await services.sections.list(),
        values: sent,
        problem: problemOf(result.error, (await pageContext(request)).i18n, {
          fields: sectionFields,
        }),
      });
      return sendPage(request, reply, page, { private: true, status: result.error.status });
    },
  );
}
