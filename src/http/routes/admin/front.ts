/**
 * /admin/front (editors and admins): the front page's arrangement as one plain form. `intent`
 * says which button: save (303 back here), preview (the front page drawn with the form's
 * arrangement, not cached, not saved), edit (back from the preview), or moving a section.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import {
  expiryInputValue,
  featuredSlots,
  type ArrangementInput,
  type FrontArrangement,
} from '../../../domain/front.js';
import type { Section } from '../../../domain/section.js';
import type { Services } from '../../../services/index.js';
import {
  frontEditorView,
  frontIds,
  frontNotices,
  frontPreviewBanner,
  type FrontForm,
  type SlotValue,
} from '../../../views/pages/admin/front.js';
import { frontPageView } from '../../../views/pages/front.js';
import { sendPage } from '../../plugins/pages.js';
import { noticeOf } from '../../../views/pages/admin/structure-parts.js';
import { attempt, problemOf, type FormFields, type FormPageDeps } from '../forms.js';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Many = Type.Optional(
  Type.Union([
    Type.String({ maxLength: 120 }),
    Type.Array(Type.String({ maxLength: 120 }), { maxItems: 500 }),
  ]),
);

const slotKeys = Array.from({ length: featuredSlots }, (_, i) => `featured${i + 1}`);

const FrontBody = Type.Object(
  {
    lead: Text(200),
    leadExpires: Text(40),
    ...Object.fromEntries(
      slotKeys.flatMap((k) => [
        [k, Text(200)],
        [`${k}Expires`, Text(40)],
      ]),
    ),
    order: Many,
    show: Many,
    intent: Text(140),
  },
  { additionalProperties: false },
);
type FrontBodyValues = Static<typeof FrontBody> & Record<string, string | string[] | undefined>;

const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The form as stored now: expiries in the form's `datetime-local` shape, in the site's zone. */
function formOf(
  arrangement: FrontArrangement,
  sections: readonly Section[],
  timeZone: string,
): FrontForm {
  const slot = (pin: { articleId: string; expiresAt: string | null } | null | undefined) => ({
    article: pin?.articleId ?? '',
    expires: expiryInputValue(pin?.expiresAt ?? null, timeZone),
  });
  const shown = new Set(arrangement.sections);
  return {
    lead: slot(arrangement.lead),
    featured: Array.from({ length: featuredSlots }, (_, i) => slot(arrangement.featured[i])),
    sections: [
      ...arrangement.sections.map((slug) => ({ slug, shown: true })),
      ...sections.filter((s) => !shown.has(s.slug)).map((s) => ({ slug: s.slug, shown: false })),
    ],
  };
}

/** The form as submitted; sections it does not name (created meanwhile) are shown, last. */
function formFrom(body: FrontBodyValues, sections: readonly Section[]): FrontForm {
  const text = (key: string) => {
    const value = body[key];
    return typeof value === 'string' ? value : '';
  };
  const slot = (key: string): SlotValue => ({
    article: text(key),
    expires: text(`${key}Expires`),
  });
  const known = new Set(sections.map((s) => s.slug));
  const order = [...new Set(list(body.order))].filter((slug) => known.has(slug));
  const show = new Set(list(body.show));
  const named = new Set(order);
  return {
    lead: slot('lead'),
    featured: slotKeys.map(slot),
    sections: [
      ...order.map((slug) => ({ slug, shown: show.has(slug) })),
      ...sections.filter((s) => !named.has(s.slug)).map((s) => ({ slug: s.slug, shown: true })),
    ],
  };
}

/**
 * What the service is asked to check, and where each featured input sits in the form (an empty
 * slot is skipped, so `featured.1` may be the form's third slot).
 */
function inputFrom(form: FrontForm): { input: ArrangementInput; where: FormFields } {
  const rows = form.featured.flatMap((f, i) => (f.article ? [{ ...f, row: i }] : []));
  const fields: Record<string, string> = {
    'lead.articleId': frontIds.lead,
    'lead.expiresAt': frontIds.leadExpires,
    featured: frontIds.featured(featuredSlots - 1),
    sections: frontIds.sections,
  };
  rows.forEach(({ row }, i) => {
    fields[`featured.${i}.articleId`] = frontIds.featured(row);
    fields[`featured.${i}.expiresAt`] = frontIds.featuredExpires(row);
  });
  return {
    input: {
      lead: form.lead.article ? { article: form.lead.article, expiresAt: form.lead.expires } : null,
      featured: rows.map((f) => ({ article: f.article, expiresAt: f.expires })),
      sections: form.sections.filter((s) => s.shown).map((s) => s.slug),
    },
    where: { fields },
  };
}

/** Moves a section one place up or down (`up:SLUG`, `down:SLUG`); other intents change nothing. */
function moved(form: FrontForm, intent: string): FrontForm {
  const m = /^(up|down):(.+)$/.exec(intent);
  if (!m) return form;
  const sections = [...form.sections];
  const from = sections.findIndex((s) => s.slug === m[2]);
  const to = m[1] === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= sections.length) return form;
  [sections[from], sections[to]] = [sections[to]!, sections[from]!];
  return { ...form, sections };
}

export function frontPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'front' | 'reading'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const pinnedIds = (form: FrontForm) =>
    [form.lead, ...form.featured].map((s) => s.article).filter(Boolean);

  app.get(
    '/admin/front',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const [ctx, arrangement, sections] = await Promise.all([
        deps.pageContext(request),
        services.front.arrangement(),
        services.reading.sections(),
      ]);
      const form = formOf(arrangement, sections, ctx.identity.timeZone);
      const candidates = await services.front.candidates(pinnedIds(form));
      const done = noticeOf(frontNotices, request.query.done);
      return sendPage(request, reply, frontEditorView(ctx, { form, candidates, sections, done }));
    },
  );

  app.post('/admin/front', { schema: { hide: true, body: FrontBody } }, async (request, reply) => {
    const body = request.body as FrontBodyValues;
    const intent = body.intent ?? 'save';
    const [ctx, sections] = await Promise.all([
      deps.pageContext(request),
      services.reading.sections(),
    ]);
    const form = moved(formFrom(body, sections), intent);
    const user = request.viewer!.user;
    const { input, where } = inputFrom(form);
    const again = async (status: number, extra: { problem?: ReturnType<typeof problemOf> }) => {
      const candidates = await services.front.candidates(pinnedIds(form));
      const focus = /^(up|down):/.test(intent) ? intent : undefined;
      return sendPage(
        request,
        reply,
        frontEditorView(ctx, { form, candidates, sections, focus, ...extra }),
        { status },
      );
    };
    if (intent === 'save') {
      const saved = await attempt(() => services.front.save(user, input));
      if (saved.ok) return reply.redirect('/admin/front?done=saved', 303);
      return again(saved.error.status, {
        problem: problemOf(saved.error, (await deps.pageContext(request)).i18n, where),
      });
    }
    if (intent === 'preview') {
      const previewed = await attempt(() => services.front.preview(user, input));
      if (!previewed.ok) {
        return again(previewed.error.status, {
          problem: problemOf(previewed.error, (await deps.pageContext(request)).i18n, where),
        });
      }
      const page = frontPageView(ctx, previewed.value.page, {
        preview: frontPreviewBanner(ctx, form),
      });
      // The viewer's own, never cached, and (noindex) for no search engine.
      return sendPage(request, reply, page, { private: true });
    }
    // Back from the preview, or a section moved: the form again, nothing saved.
    return again(200, {});
  });
}
