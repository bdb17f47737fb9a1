/**
 * The newsroom pages under /admin/articles: the list, the editor (save with the version it was
 * opened at; a stale save comes back with both texts), preview, the workflow buttons, revisions
 * and corrections. Plain forms throughout; the service has every rule.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Article, ArticleSummary } from '../../../domain/article.js';
import { isCommentMode } from '../../../domain/comment-settings.js';
import type { User } from '../../../domain/user.js';
import {
  canEdit,
  canTransition,
  editorRoles,
  isEditor,
  newsroomRoles,
} from '../../../domain/workflow.js';
import { AppError } from '../../../errors.js';
import type { Services } from '../../../services/index.js';
import { StaleEditError, type ArticleFields } from '../../../services/newsroom.js';
import type { FormProblem } from '../../../views/forms.js';
import {
  articleEditorView,
  articleListView,
  articleNotices,
  formOf,
  previewOf,
  type ArticleForm,
  type EditorPermissions,
} from '../../../views/pages/admin/articles.js';
import {
  applyPick,
  pickActionOf,
  pickMessage,
  type PickAction,
  type PickerStory,
} from '../../../views/pages/admin/related-picker.js';
import { revisionsView } from '../../../views/pages/admin/revisions.js';
import type { ImagePanel } from '../../../views/pages/admin/article-images.js';
import { megabytes } from '../../../services/images.js';
import { articleImagePages } from './article-images.js';
import { requireRole } from '../../plugins/auth.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, doneMessage, problemOf, type FormFields, type FormPageDeps } from '../forms.js';

const perPage = 50;
const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Params = Type.Object({ id: Type.String({ maxLength: 100 }) });
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

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

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
    tags: list(form.tags),
    authors: list(form.authors),
    related: list(form.related),
  };
}

function permissions(user: User, article: Article | null): EditorPermissions {
  if (!article) return { edit: true, submit: false, editor: isEditor(user.role) };
  return {
    edit: canEdit(user, article),
    submit: canTransition(user, article, 'submit'),
    editor: isEditor(user.role),
  };
}

export function articleAdminPages(
  fastify: FastifyInstance,
  services: Services,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pageContext } = deps;
  const newsroom = services.newsroom;
  const me = (request: FastifyRequest) => request.viewer!.user;
  const editors = requireRole(editorRoles);

  app.get(
    '/admin/articles',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          status: Text(20),
          section: Text(120),
          author: Text(120),
          q: Text(100),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          done: Text(20),
        }),
      },
    },
    async (request, reply) => {
      const { status = '', section = '', author = '', q = '', page = 1 } = request.query;
      const [ctx, items, sections] = await Promise.all([
        pageContext(request),
        newsroom.list(me(request), {
          status,
          section,
          author,
          text: q,
          page,
          perPage: perPage + 1,
        }),
        services.reading.sections(),
      ]);
      return sendPage(
        request,
        reply,
        articleListView(ctx, {
          items: items.slice(0, perPage),
          sections,
          query: { status, section, author, q, page },
          hasMore: items.length > perPage,
          done: doneMessage(articleNotices, request.query.done),
        }),
      );
    },
  );

  async function imagePanelFor(user: User, article: Article): Promise<ImagePanel> {
    const [inBody, recent] = await Promise.all([
      services.images.inBody(article.body),
      services.images.recent(user, 20),
    ]);
    return {
      inBody,
      recent,
      maxSize: megabytes(services.images.settings.maxBytes),
      canEdit: canEdit(user, article),
    };
  }

  /** The editor page, for a new article (null) or an existing one. */
  async function editor(
    request: FastifyRequest,
    reply: FastifyReply,
    article: Article | null,
    extra: {
      form?: ArticleForm;
      problem?: FormProblem;
      done?: string | undefined;
      preview?: boolean;
      conflict?: Article;
      status?: number;
      /** A related-picker button was pressed: what it did, and the picks before it. */
      pick?: { action: PickAction; before: string[] };
    } = {},
  ) {
    const user = me(request);
    const [ctx, sections, revisions] = await Promise.all([
      pageContext(request),
      services.reading.sections(),
      article ? newsroom.revisions(user, article.id) : Promise.resolve([]),
    ]);
    const form =
      extra.form ??
      (article
        ? formOf(article, await newsroom.relatedSlugs(article))
        : { ...formFrom({}, 0), authors: user.slug, section: sections[0]?.slug ?? '' });
    const preview = extra.preview
      ? previewOf(form, {
          sectionName: sections.find((s) => s.slug === form.section)?.name ?? form.section,
          authorNames: await newsroom.authorNames(list(form.authors)),
          inline: await newsroom.inlineFor(form.body),
          mainImage: article?.mainImage ?? null,
          images: await services.images.inBody(form.body),
        })
      : undefined;
    const picker = await pickerState(form, article, extra.pick);
    const page = articleEditorView(ctx, {
      picker,
      article,
      form,
      sections,
      can: permissions(user, article),
      problem: extra.problem,
      done: extra.done,
      preview,
      ...(extra.conflict ? { conflict: extra.conflict } : {}),
      revisionCount: revisions.length,
      commentSettings:
        article && isEditor(user.role)
          ? await services.comments.articleSettings(article.id)
          : undefined,
      images: article ? await imagePanelFor(user, article) : undefined,
    });
    return sendPage(request, reply, page, { status: extra.status ?? 200 });
  }

  const story = (a: ArticleSummary): PickerStory => ({
    slug: a.slug,
    headline: a.headline,
    sectionName: a.section.name,
    status: a.status,
    publishedAt: a.publishedAt,
  });

  /** The picks' headlines and, when something was searched for, the published matches. */
  async function pickerState(
    form: ArticleForm,
    article: Article | null,
    pick: { action: PickAction; before: string[] } | undefined,
  ) {
    const chosen = (await newsroom.relatedStories(list(form.related))).map(story);
    const query = form.relatedQuery.trim();
    const results = query
      ? (await services.search.search(query, 1, 12)).hits
          .map((h) => story(h.article))
          .filter((s) => s.slug !== article?.slug && !chosen.some((c) => c.slug === s.slug))
      : null;
    const before = pick ? (await newsroom.relatedStories(pick.before)).map(story) : [];
    return {
      chosen,
      query,
      results,
      said: pick ? pickMessage(pick.action, before, chosen, results) : '',
      focus: pick !== undefined,
    };
  }

  /** A picker button: change the picks in the form (nothing is saved) and show the page again. */
  function picked(form: ArticleForm, intent: string | undefined) {
    const action = pickActionOf(intent);
    if (!action) return null;
    const before = list(form.related);
    return {
      form: { ...form, related: applyPick(before, action).join(', ') },
      pick: { action, before },
    };
  }

  app.get('/admin/articles/new', { schema: { hide: true } }, (request, reply) =>
    editor(request, reply, null),
  );

  app.post(
    '/admin/articles',
    { schema: { hide: true, body: EditForm } },
    async (request, reply) => {
      const form = formFrom(request.body, 0);
      if (request.body.intent === 'preview')
        return editor(request, reply, null, { form, preview: true });
      const pick = picked(form, request.body.intent);
      if (pick) return editor(request, reply, null, pick);
      const result = await attempt(() => newsroom.create(me(request), fieldsFrom(form)));
      if (!result.ok) {
        return editor(request, reply, null, {
          form,
          problem: problemOf(result.error, editorFields),
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
      return editor(request, reply, article, {
        done: doneMessage(articleNotices, request.query.done),
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
        return editor(request, reply, article, { form, preview: true });
      }
      const pick = picked(form, request.body.intent);
      if (pick) return editor(request, reply, article, pick);
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
        return editor(request, reply, current, {
          form: { ...form, version: current.version },
          conflict: current,
          problem: { message: result.error.message },
          status: 409,
        });
      }
      return editor(request, reply, article, {
        form,
        problem: problemOf(result.error, editorFields),
        status: result.error.status,
      });
    },
  );

  /** A workflow button: redirect back to the editor with a notice, or show it with the refusal. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    work: (user: User) => Promise<Article>,
    done: (a: Article) => keyof typeof articleNotices,
  ) {
    const user = me(request);
    const result = await attempt(() => work(user));
    if (result.ok) {
      return reply.redirect(`/admin/articles/${result.value.id}?done=${done(result.value)}`, 303);
    }
    if (result.error.status === 404 || result.error.status === 403) throw result.error;
    const article = await newsroom.article(user, id);
    return editor(request, reply, article, {
      problem: { message: result.error.message },
      status: result.error.status,
    });
  }

  const Empty = Type.Object({}, { additionalProperties: false });

  app.post(
    '/admin/articles/:id/submit',
    { schema: { hide: true, params: Params, body: Empty } },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) => newsroom.submit(u, request.params.id),
        () => 'submitted',
      ),
  );

  app.post(
    '/admin/articles/:id/publish',
    {
      onRequest: editors,
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          { at: Type.Optional(Type.String({ maxLength: 40 })) },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) => {
      // datetime-local sends "2026-05-01T09:00" with no zone: the form says it is UTC.
      const raw = request.body.at?.trim();
      const at = raw
        ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw)
          ? `${raw}:00Z`
          : raw
        : undefined;
      return act(
        request,
        reply,
        request.params.id,
        (u) => newsroom.publish(u, request.params.id, at),
        (a) => (a.status === 'scheduled' ? 'scheduled' : 'published'),
      );
    },
  );

  app.post(
    '/admin/articles/:id/return',
    {
      onRequest: editors,
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({ note: Text(2_000) }, { additionalProperties: false }),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) => newsroom.returnToDraft(u, request.params.id, request.body.note ?? ''),
        () => 'returned',
      ),
  );

  app.post(
    '/admin/articles/:id/unpublish',
    { onRequest: editors, schema: { hide: true, params: Params, body: Empty } },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) => newsroom.unpublish(u, request.params.id),
        (a) => (a.status === 'review' ? 'cancelled' : 'unpublished'),
      ),
  );

  app.post(
    '/admin/articles/:id/comments',
    {
      onRequest: editors,
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          { mode: Text(20), autoCloseHours: Text(10) },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        async (u) => {
          const article = await newsroom.article(u, request.params.id);
          const mode = (request.body.mode ?? '').trim();
          const hours = (request.body.autoCloseHours ?? '').trim();
          if (mode !== '' && !isCommentMode(mode)) {
            throw new AppError(
              'invalid_comment_mode',
              'Choose open, pre-moderated, closed, or the site’s setting.',
              { field: 'mode' },
            );
          }
          if (hours !== '' && !/^[0-9]{1,6}$/.test(hours)) {
            throw new AppError(
              'invalid_hours',
              'Close comments after a whole number of hours (0 for never).',
              { field: 'autoCloseHours' },
            );
          }
          await services.comments.setArticleSettings(article.id, {
            mode: mode === '' ? null : mode,
            autoCloseHours: hours === '' ? null : Number(hours),
          });
          return article;
        },
        () => 'comments',
      ),
  );

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

  // The image forms, in a scope of their own: only it reads multipart bodies.
  void app.register(async (images) => articleImagePages(images, services, act));

  async function revisions(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    compare?: { a: number; b: number },
  ) {
    const user = me(request);
    const article = await newsroom.article(user, id);
    const [ctx, list, a, b] = await Promise.all([
      pageContext(request),
      newsroom.revisions(user, article.id),
      compare ? newsroom.revision(user, article.id, compare.a) : null,
      compare ? newsroom.revision(user, article.id, compare.b) : null,
    ]);
    return sendPage(
      request,
      reply,
      revisionsView(ctx, {
        article,
        revisions: list,
        canRestore: canEdit(user, article),
        compare: a && b ? { a, b } : undefined,
      }),
    );
  }

  app.get(
    '/admin/articles/:id/revisions',
    { schema: { hide: true, params: Params } },
    (request, reply) => revisions(request, reply, request.params.id),
  );

  app.get(
    '/admin/articles/:id/revisions/compare',
    {
      schema: {
        hide: true,
        params: Params,
        querystring: Type.Object({
          a: Type.Integer({ minimum: 1 }),
          b: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    (request, reply) => revisions(request, reply, request.params.id, request.query),
  );

  app.post(
    '/admin/articles/:id/revisions/:version/restore',
    {
      schema: {
        hide: true,
        params: Type.Object({
          id: Type.String({ maxLength: 100 }),
          version: Type.Integer({ minimum: 1 }),
        }),
        body: Type.Object(
          { version: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })) },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) =>
      act(
        request,
        reply,
        request.params.id,
        (u) =>
          newsroom.restore(
            u,
            request.params.id,
            request.params.version,
            Number(request.body.version ?? 0),
          ),
        () => 'restored',
      ),
  );
}

/** Registers the newsroom pages in their own scope: authors, editors and admins only. */
export async function newsroomPages(
  staff: FastifyInstance,
  services: Services,
  deps: FormPageDeps,
): Promise<void> {
  await staff.register(async (newsroomScope) => {
    newsroomScope.addHook('onRequest', requireRole(newsroomRoles));
    articleAdminPages(newsroomScope, services, deps);
  });
}
