/**
 * The article editor: the form (plain, so it works without JavaScript; newsroom.js only adds
 * autosave of drafts), the status line, the panels for a returned draft and a stale save, and
 * the panels below the form that act on the saved article.
 */
import { articlePath, type Article } from '../../../domain/article.js';
import type { CommentOverride } from '../../../domain/comment-settings.js';
import type { Section } from '../../../domain/section.js';
import type { Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { textDiff } from '../../diff.js';
import { doneBanner, errorSummary, postForm, type FormProblem } from '../../forms.js';
import { html, jsonScript, raw, type SafeHtml } from '../../html.js';
import { commentSettingsPanel } from './article-comment-settings.js';
import { correctionsPanel } from './article-corrections.js';
import { livePanel } from './live-desk.js';
import { select, textArea, textField, type ArticleForm } from './article-fields.js';
import { imagePanel, type ImagePanel } from './article-images.js';
import type { ArticleInsights } from '../../../services/insights-report.js';
import { articleInsightsPanel } from './insights.js';
import { readingNowPanel, type ArticleReading } from './reading-now.js';
import {
  noticeText,
  statusTag,
  timeTag,
  type ArticleNotice,
  type EditorPermissions,
} from './article-status.js';
import { workflowPanel, type ScheduleForm } from './article-workflow.js';
import { deletionPanel } from './article-deletion.js';
import { maxPicks, maxResults, relatedPicker, type PickerState } from './related-picker.js';
import { adminPage } from './page.js';

/** An editor sent the article back from review: who, when, and their note to the author. */
function returnedPanel(r: NonNullable<Article['returned']>, i18n: Translator): SafeHtml {
  const at = { when: i18n.dateTime(r.at) };
  const tags = { time: timeTag(r.at) };
  return html`<section class="panel returned-note" aria-labelledby="returned-heading">
    <h2 id="returned-heading">${i18n.t('newsroom.returned.heading')}</h2>
    <p>${
      r.byName
        ? i18n.rich('newsroom.returned.by', { ...at, name: r.byName }, tags)
        : i18n.rich('newsroom.returned.byEditor', at, tags)
    }</p>
    ${r.note ? html`<blockquote class="returned-note__text">${r.note}</blockquote>` : html`<p>${i18n.t('newsroom.returned.noNote')}</p>`}
  </section>`;
}

/** Someone saved first: their text beside a diff to the text this person sent (kept in the form). */
function conflictPanel(theirs: Article, mine: ArticleForm, i18n: Translator): SafeHtml {
  const { t } = i18n;
  const rows: [string, string, string][] = [
    [t('newsroom.field.headline'), theirs.headline, mine.headline],
    [t('newsroom.field.standfirst'), theirs.standfirst, mine.standfirst],
    [t('newsroom.field.body'), theirs.body, mine.body],
  ];
  return html`<section class="conflict panel" aria-labelledby="conflict-heading">
    <h2 id="conflict-heading">${t('newsroom.conflict.heading')}</h2>
    <p>${t('newsroom.conflict.text', { version: theirs.version })}</p>
    <dl class="conflict__fields">
      ${rows.map(
        ([label, a, b]) => html`<dt>${label}</dt>
          <dd class="diff">${textDiff(a, b, i18n)}</dd>`,
      )}
    </dl>
    <details>
      <summary>${t('newsroom.conflict.theirs')}</summary>
      <pre class="conflict__theirs">${theirs.body}</pre>
    </details>
  </section>`;
}

/**
 * What newsroom.js says, in the page's language: messages with `{name}` where the script puts a
 * value, and the search's count for each number of results it can get.
 */
function scriptText(i18n: Translator): SafeHtml {
  const { t } = i18n;
  const slot = (...names: string[]) => Object.fromEntries(names.map((n) => [n, `{${n}}`]));
  const text = {
    saved: t('newsroom.autosave.saved', slot('time')),
    conflict: t('newsroom.autosave.conflict'),
    refused: t('newsroom.autosave.refused', slot('reason')),
    offline: t('newsroom.autosave.offline'),
    up: t('newsroom.picker.up'),
    down: t('newsroom.picker.down'),
    remove: t('newsroom.picker.remove'),
    add: t('newsroom.picker.add'),
    quoted: t('newsroom.picker.quoted', slot('headline')),
    chosen: t('newsroom.picker.chosen', { count: '{count}', max: maxPicks }),
    typeWords: t('newsroom.picker.typeWords'),
    searching: t('newsroom.picker.searching'),
    noMatch: t('newsroom.picker.noMatch'),
    matches: Array.from({ length: maxResults + 1 }, (_, count) =>
      t('newsroom.picker.matches', { count }),
    ),
    atMost: t('newsroom.picker.atMost', { max: maxPicks }),
    added: t('newsroom.picker.added', slot('headline', 'position', 'count')),
    removed: t('newsroom.picker.removed', slot('headline')),
    moved: t('newsroom.picker.moved', slot('headline', 'position', 'count')),
    failed: t('newsroom.picker.failed'),
    ownZone: t('newsroom.schedule.ownZone', slot('zone')),
    inOwnZone: t('newsroom.schedule.inOwnZone', slot('zone', 'time')),
  };
  return html`<script type="application/json" id="newsroom-text">${jsonScript(text)}</script>`;
}

export function articleEditorView(
  ctx: PageContext,
  props: {
    article: Article | null;
    form: ArticleForm;
    sections: Section[];
    can: EditorPermissions;
    problem?: FormProblem | undefined;
    done?: ArticleNotice | undefined;
    preview?: SafeHtml | undefined;
    conflict?: Article | undefined;
    revisionCount?: number;
    /** The article's own comment settings (null fields follow the site's). */
    commentSettings?: CommentOverride | undefined;
    /** The image panel (existing articles). */
    images?: ImagePanel | undefined;
    /** The related-stories picker: the picks' headlines and any search. */
    picker: PickerState;
    /** The schedule form as sent, when it was refused. */
    schedule?: ScheduleForm | undefined;
    /** The article's counted views (editors; null figures: not published). */
    insights?:
      { figures: ArticleInsights | null; reading?: ArticleReading | undefined } | undefined;
  },
) {
  const { article: a, form, problem, can } = props;
  const { i18n } = ctx;
  const { t } = i18n;
  const action = a ? `/admin/articles/${a.id}` : '/admin/articles';
  const readonly = !can.edit;
  const autosave = a !== null && can.edit && (a.status === 'draft' || a.status === 'review');
  // Enter in a one-line field submits with the form's first submit button: make that Save, not a
  // picker button.
  const fields = html`${can.edit ? html`<button type="submit" name="intent" value="save" hidden tabindex="-1">${t('newsroom.editor.save')}</button>` : ''}
    <input type="hidden" name="version" value="${form.version}" />
    ${textField('headline', 'headline', t('newsroom.field.headline'), form.headline, { i18n, required: true, maxlength: 300, problem, readonly })}
    ${textArea('standfirst', 'standfirst', t('newsroom.field.standfirst'), form.standfirst, { i18n, rows: 2, problem, readonly })}
    ${textArea('body', 'body', t('newsroom.field.body'), form.body, {
      i18n,
      rows: 18,
      hint: t('newsroom.field.bodyHint'),
      problem,
      readonly,
    })}
    <div class="form-grid">
      ${select(
        'section',
        'section',
        t('newsroom.field.section'),
        form.section,
        props.sections.map((s) => ({ value: s.slug, text: s.name })),
      )}
      ${textField('dateline', 'dateline', t('newsroom.field.dateline'), form.dateline, { i18n, maxlength: 100, problem, readonly })}
      ${textField('slug', 'slug', t('newsroom.field.slug'), form.slug, {
        i18n,
        hint: a ? t('newsroom.field.slugHintExisting') : t('newsroom.field.slugHintNew'),
        maxlength: 120,
        problem,
        readonly,
      })}
    </div>
    ${textField('authors', 'authors', t('newsroom.field.authors'), form.authors, { i18n, hint: t('newsroom.field.authorsHint'), problem, readonly })}
    ${textField('tags', 'tags', t('newsroom.field.tags'), form.tags, { i18n, hint: t('newsroom.field.tagsHint'), problem, readonly })}
    ${relatedPicker(props.picker, {
      editable: !readonly,
      i18n,
      timeZone: ctx.identity.timeZone,
      ...(a ? { selfSlug: a.slug } : {}),
      ...(problem?.field === 'related' ? { problem: problem.message } : {}),
    })}
    ${
      a?.status === 'published' && can.editor
        ? html`<fieldset class="fieldset">
            <legend>${t('newsroom.editor.substantive')}</legend>
            <div class="field field--checkbox">
              <input id="substantive" name="substantive" type="checkbox" value="1" ${form.substantive ? html` checked` : ''} />
              <label for="substantive">${t('newsroom.editor.substantiveCheck')}</label>
            </div>
            ${textField('updateNote', 'updateNote', t('newsroom.editor.updateNote'), form.updateNote, { i18n, maxlength: 500, problem })}
          </fieldset>`
        : ''
    }`;
  const buttons = can.edit
    ? html`<div class="form-actions">
        <button type="submit" class="button button--primary" name="intent" value="save">${t('newsroom.editor.save')}</button>
        <button type="submit" class="button button--secondary" name="intent" value="preview">${t('newsroom.editor.preview')}</button>
        ${autosave ? html`<p class="autosave-status" id="autosave-status" role="status"></p>` : ''}
      </div>`
    : html`<p class="muted">${t('newsroom.editor.readonly')}</p>`;

  const plainForm = postForm(ctx, action, html`${fields} ${buttons}`, {
    className: 'form article-form',
    label: t('newsroom.editor.formLabel'),
  });
  // newsroom.js finds the form to autosave by this attribute (ids are [0-9a-z] only).
  const articleForm =
    autosave && a
      ? raw(plainForm.value.replace('<form', `<form data-autosave="${a.id}"`))
      : plainForm;
  const main = html`<h1>${a ? t('newsroom.editor.edit') : t('newsroom.editor.new')}</h1>
    ${doneBanner(noticeText(i18n, props.done))} ${errorSummary(problem)}
    ${
      a
        ? html`<p class="article-status">
            ${statusTag(a, i18n)} · ${t('newsroom.editor.version', { version: a.version })}
            ${a.status === 'published' ? html` · <a href="${articlePath(a)}">${t('newsroom.editor.view')}</a>` : ''}
            · <a href="/admin/articles/${a.id}/revisions">${t('newsroom.editor.revisions', { count: props.revisionCount ?? 0 })}</a>
          </p>`
        : ''
    }
    ${a?.returned ? returnedPanel(a.returned, i18n) : ''}
    ${props.conflict ? conflictPanel(props.conflict, form, i18n) : ''}
    ${props.preview ?? ''}
    ${articleForm}
    ${a && props.images ? imagePanel(ctx, a, props.images) : ''}
    ${a ? workflowPanel(ctx, a, can, props.schedule) : ''} ${a ? correctionsPanel(ctx, a, can) : ''}
    ${a ? livePanel(ctx, a) : ''}
    ${a && props.insights ? articleInsightsPanel(ctx, props.insights.figures) : ''}
    ${a && props.insights?.reading ? readingNowPanel(ctx, props.insights.reading) : ''}
    ${a && can.editor && props.commentSettings ? commentSettingsPanel(ctx, a, props.commentSettings) : ''}
    ${a && can.delete ? deletionPanel(a, i18n) : ''}
    ${can.edit ? scriptText(i18n) : ''}`;
  return adminPage(ctx, {
    title: a ? t('newsroom.editor.title', { headline: a.headline }) : t('newsroom.editor.new'),
    current: '/admin/articles',
    problem,
    main,
    ...(can.edit
      ? { head: html`<script src="${ctx.assetUrl('newsroom.js')}" defer></script>` }
      : {}),
  });
}
