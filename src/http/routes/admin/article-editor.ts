/**
 * The editor's own form: a new article, opening one, saving with the version it was opened at (a
 * stale save comes back with both texts), the preview, and the related picker's round trips.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Services } from '../../../services/index.js';
import { StaleEditError, type ArticleFields } from '../../../services/newsroom.js';
import type { ArticleForm } from '../../../views/pages/admin/article-fields.js';
import { articleNotice } from '../../../views/pages/admin/article-status.js';
import { applyPick, pickActionOf } from '../../../views/pages/admin/related-picker.js';
import { attempt, problemOf, type FormFields } from '../forms.js';
import { commaList, me, Params, Text, type ArticleEditor } from './article-editor-page.js';

const EditForm = Type.Object(
  {
    headline: Text(300),
    slug: Text(120),
    standfirst: Text(1_000),
    body: Text(200_000),
    section: Text(120),
    dateline: Text(100),
    tags: Text(3_000),
    authors: Text(3_000),
    related: Text(3_000),
    relatedQuery: Text(200),
    version: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
    substantive: Text(5),
    updateNote: Text(500),
    // save, preview, or a related-picker button (related-add:SLUG…).
    intent: Text(200),
  },
  { additionalProperties: false },
);
type EditFormBody = Static<typeof EditForm>;

/** The editor's inputs that show an error beside them; they carry the API's field names. */
const editorFields: FormFields = {
  fields: {
    headline: 'headline',
    slug: 'slug',
    standfirst: 'standfirst',
    body: 'body',
    dateline: 'dateline',
    authors: 'authors',
    tags: 'tags',
    related: 'related',
  },
};

function formFrom(body: EditFormBody, version: number): ArticleForm {
  return {
    headline: body.headline ?? '',
    slug: body.slug ?? '',
    standfirst: body.standfirst ?? '',
    body: body.body ?? '',
    section: body.section ?? '',
    dateline: body.dateline ?? '',
    tags: body.tags ?? '',
    authors: body.authors ?? '',
    related: body.related ?? '',
    relatedQuery: body.relatedQuery ?? '',
    version,
    substantive: body.substantive === '1',
    updateNote: body.updateNote ?? '',
  };
}

function fieldsFrom(form: ArticleForm): ArticleFields {
  return {
    headline: form.headline,
    ...(form.slug.trim() ? { slug: form.slug.trim() } : {}),
    standfirst: form.standfirst,
    body: form.body.replace(/\r\n/g, '\n'),
    section: form.section,
    dateline: form.dateline,
    tags: commaList(form.tags),
    authors: commaList(form.authors),
    related: commaList(form.related),
  };
}

/** A picker button: change the picks in the form (nothing is saved) and show the page again. */
function picked(form: ArticleForm, intent: string | undefined) {
  const action = pickActionOf(intent);
  if (!action) return null;
  const before = commaList(form.related);
  return {
    form: { ...form, related: applyPick(before, action).join(', ') },
    pick: { action, before },
  };
}

export function articleEditorPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'newsroom'>,
  editor: ArticleEditor,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const newsroom = services.newsroom;

  app.get('/admin/articles/new', { schema: { hide: true } }, (request, reply) =>
    editor.show(request, reply, null),
  );

  app.post(
    '/admin/articles',
    { schema: { hide: true, body: EditForm } },
    async (request, reply) => {
      const form = formFrom(request.body, 0);
      if (request.body.intent === 'preview')
        return editor.show(request, reply, null, { form, preview: true });
      const pick = picked(form, request.body.intent);
      if (pick) return editor.show(request, reply, null, pick);
      const result = await attempt(() => newsroom.create(me(request), fieldsFrom(form)));
      if (!result.ok) {
        return editor.show(request, reply, null, {
          form,
          problem: problemOf(result.error, await editor.language(request), editorFields),
          status: result.error.status,
        });
      }
      return reply.redirect(`/admin/articles/${result.value.id}?done=created`, 303);
    },
  );

  app.get(
    '/admin/articles/:id',
    {
      schema: {
        hide: true,
        params: Params,
        querystring: Type.Object({ done: Text(20) }),
      },
    },
    async (request, reply) => {
      const article = await newsroom.article(me(request), request.params.id);
      return editor.show(request, reply, article, {
        done: articleNotice(request.query.done),
      });
    },
  );

  app.post(
    '/admin/articles/:id',
    { schema: { hide: true, params: Params, body: EditForm } },
    async (request, reply) => {
      const user = me(request);
      const article = await newsroom.article(user, request.params.id);
      const version = Number(request.body.version ?? article.version);
      const form = formFrom(request.body, version);
      if (request.body.intent === 'preview') {
        return editor.show(request, reply, article, { form, preview: true });
      }
      const pick = picked(form, request.body.intent);
      if (pick) return editor.show(request, reply, article, pick);
      const result = await attempt(() =>
        newsroom.edit(user, article.id, {
          ...fieldsFrom(form),
          version,
          substantive: form.substantive,
          updateNote: form.updateNote,
        }),
      );
      if (result.ok) return reply.redirect(`/admin/articles/${article.id}?done=saved`, 303);
      if (result.error instanceof StaleEditError) {
        // Their text is shown beside a diff; the form keeps this person's text, now at the
        // current version, so saving again is a deliberate choice.
        const current = result.error.current;
        return editor.show(request, reply, current, {
          form: { ...form, version: current.version },
          conflict: current,
          problem: problemOf(result.error, await editor.language(request)),
          status: 409,
        });
      }
      return editor.show(request, reply, article, {
        form,
        problem: problemOf(result.error, await editor.language(request), editorFields),
        status: result.error.status,
      });
    },
  );
}
