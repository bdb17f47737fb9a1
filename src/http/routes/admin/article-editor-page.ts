/**
 * The article editor page as every article route shows it: for a new or a saved article, with
 * the form as sent, a problem, a preview, a stale save's conflict or a related-picker step; and
 * `act`, how each button under the form answers. Also the small pieces the article routes share.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Article, ArticleSummary } from '../../../domain/article.js';
import type { User } from '../../../domain/user.js';
import type { Translator } from '../../../i18n/translator.js';
import { canEdit, canTransition, isEditor } from '../../../domain/workflow.js';
import { canDelete } from '../../../domain/draft-deletion.js';
import { megabytes } from '../../../services/images.js';
import type { Services } from '../../../services/index.js';
import type { FormProblem } from '../../../views/forms.js';
import { articleEditorView } from '../../../views/pages/admin/article-editor.js';
import { blankForm, formOf, type ArticleForm } from '../../../views/pages/admin/article-fields.js';
import type { ImagePanel } from '../../../views/pages/admin/article-images.js';
import { scheduleFieldId, type ScheduleForm } from '../../../views/pages/admin/article-workflow.js';
import { previewOf } from '../../../views/pages/admin/article-preview.js';
import type {
  ArticleNotice,
  EditorPermissions,
} from '../../../views/pages/admin/article-status.js';
import {
  maxResults,
  pickMessage,
  type PickAction,
  type PickerStory,
} from '../../../views/pages/admin/related-picker.js';
import { sendPage } from '../../plugins/pages.js';
import { attempt, problemOf, type FormPageDeps } from '../forms.js';

export const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
export const Params = Type.Object({ id: Type.String({ maxLength: 100 }) });
export const me = (request: FastifyRequest) => request.viewer!.user;

/** A comma-separated field (tags, authors, related stories) as its trimmed, non-empty items. */
export const commaList = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** What the editor shows besides the article. */
export interface EditorExtra {
  form?: ArticleForm;
  problem?: FormProblem;
  done?: ArticleNotice | undefined;
  preview?: boolean;
  conflict?: Article;
  status?: number;
  /** A related-picker button was pressed: what it did, and the picks before it. */
  pick?: { action: PickAction; before: string[] };
  /** The schedule form as sent, when it was refused. */
  schedule?: ScheduleForm;
}

/** What a refused button's form shows again: the schedule form keeps its time and problem. */
export interface ActOptions {
  schedule?: { at: string };
}

/** A button under the editor: redirect back with a notice, or show the editor with the refusal. */
export type EditorAction = (
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  work: (user: User) => Promise<Article>,
  done: (a: Article) => ArticleNotice,
  options?: ActOptions,
) => Promise<unknown>;

export interface ArticleEditor {
  /** The editor page, for a new article (null) or an existing one. */
  show(
    request: FastifyRequest,
    reply: FastifyReply,
    article: Article | null,
    extra?: EditorExtra,
  ): Promise<FastifyReply>;
  act: EditorAction;
  /** The language of the editor's pages for this request (to say a refusal in). */
  language(request: FastifyRequest): Promise<Translator>;
}

function permissions(user: User, article: Article | null): EditorPermissions {
  if (!article) return { edit: true, submit: false, editor: isEditor(user.role) };
  return {
    edit: canEdit(user, article),
    submit: canTransition(user, article, 'submit'),
    editor: isEditor(user.role),
    delete: canDelete(user, article),
  };
}

const story = (a: ArticleSummary): PickerStory => ({
  slug: a.slug,
  headline: a.headline,
  sectionName: a.section.name,
  status: a.status,
  publishedAt: a.publishedAt,
});

export function articleEditor(
  services: Pick<
    Services,
    'commentSettings' | 'images' | 'insights' | 'newsroom' | 'reading' | 'search'
  >,
  deps: Pick<FormPageDeps, 'pageContext'>,
): ArticleEditor {
  const { pageContext } = deps;
  const newsroom = services.newsroom;

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

  /** The picks' headlines and, when something was searched for, the published matches. */
  async function pickerState(
    form: ArticleForm,
    article: Article | null,
    pick: { action: PickAction; before: string[] } | undefined,
    i18n: Translator,
  ) {
    const chosen = (await newsroom.relatedStories(commaList(form.related))).map(story);
    const query = form.relatedQuery.trim();
    const results = query
      ? (await services.search.search(query, 1, maxResults)).hits
          .map((h) => story(h.article))
          .filter((s) => s.slug !== article?.slug && !chosen.some((c) => c.slug === s.slug))
      : null;
    const before = pick ? (await newsroom.relatedStories(pick.before)).map(story) : [];
    return {
      chosen,
      query,
      results,
      said: pick ? pickMessage(i18n, pick.action, before, chosen, results) : '',
      focus: pick !== undefined,
    };
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    article: Article | null,
    extra: EditorExtra = {},
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
        : { ...blankForm(), authors: user.slug, section: sections[0]?.slug ?? '' });
    const preview = extra.preview
      ? previewOf(form, {
          sectionName: sections.find((s) => s.slug === form.section)?.name ?? form.section,
          authorNames: await newsroom.authorNames(commaList(form.authors)),
          inline: await newsroom.inlineFor(form.body),
          mainImage: article?.mainImage ?? null,
          images: await services.images.inBody(form.body),
          timeZone: ctx.identity.timeZone,
          i18n: ctx.i18n,
        })
      : undefined;
    const picker = await pickerState(form, article, extra.pick, ctx.i18n);
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
          ? await services.commentSettings.articleSettings(article.id)
          : undefined,
      images: article ? await imagePanelFor(user, article) : undefined,
      schedule: extra.schedule,
      // The article's readers, for editors (who see /admin/insights too).
      insights:
        article && isEditor(user.role)
          ? {
              figures: await services.insights.article(article.id, article.publishedAt),
              // Live readers (decisions/0090): open streams on every server, recent views.
              ...(article.publishedAt
                ? {
                    reading: await services.insights.articleReadingNow(
                      article.id,
                      await request.server.sharedLimits
                        .readers()
                        .then((streams) => streams && (streams.get(article.id) ?? 0)),
                    ),
                  }
                : {}),
            }
          : undefined,
    });
    return sendPage(request, reply, page, { status: extra.status ?? 200 });
  }

  const act: EditorAction = async (request, reply, id, work, done, options = {}) => {
    const user = me(request);
    const result = await attempt(() => work(user));
    if (result.ok) {
      return reply.redirect(`/admin/articles/${result.value.id}?done=${done(result.value)}`, 303);
    }
    if (result.error.status === 404 || result.error.status === 403) throw result.error;
    const article = await newsroom.article(user, id);
    if (options.schedule) {
      const problem = problemOf(result.error, (await pageContext(request)).i18n, {
        fields: { at: scheduleFieldId },
      });
      return show(request, reply, article, {
        problem,
        schedule: { at: options.schedule.at, problem },
        status: result.error.status,
      });
    }
    return show(request, reply, article, {
      problem: problemOf(result.error, (await pageContext(request)).i18n),
      status: result.error.status,
    });
  };

  const language = async (request: FastifyRequest) => (await pageContext(request)).i18n;

  return { show, act, language };
}
