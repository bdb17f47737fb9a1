/**
 * The article editor: the form (plain, so it works without JavaScript; newsroom.js only adds
 * autosave of drafts), the status line, the panels for a returned draft and a stale save, and
 * the panels below the form that act on the saved article.
 */
import { articlePath, type Article } from '../../../domain/article.js';
import type { CommentOverride } from '../../../domain/comment-settings.js';
import type { Section } from '../../../domain/section.js';
import type { PageContext } from '../../context.js';
import { textDiff } from '../../diff.js';
import { doneBanner, errorSummary, postForm, type FormProblem } from '../../forms.js';
import { html, raw, type SafeHtml } from '../../html.js';
import { commentSettingsPanel } from './article-comment-settings.js';
import { correctionsPanel } from './article-corrections.js';
import { select, textArea, textField, type ArticleForm } from './article-fields.js';
import { imagePanel, type ImagePanel } from './article-images.js';
import { statusTag, when, type EditorPermissions } from './article-status.js';
import { workflowPanel, type ScheduleForm } from './article-workflow.js';
import { deletionPanel } from './article-deletion.js';
import { relatedPicker, type PickerState } from './related-picker.js';
import { adminPage } from './page.js';

/** An editor sent the article back from review: who, when, and their note to the author. */
function returnedPanel(r: NonNullable<Article['returned']>, timeZone: string): SafeHtml {
  return html`<section class="panel returned-note" aria-labelledby="returned-heading">
    <h2 id="returned-heading">Sent back to draft</h2>
    <p>${r.byName ?? 'An editor'} sent this article back on ${when(r.at, timeZone)}.</p>
    ${r.note ? html`<blockquote class="returned-note__text">${r.note}</blockquote>` : html`<p>No note was left.</p>`}
  </section>`;
}

/** Someone saved first: their text beside a diff to the text this person sent (kept in the form). */
function conflictPanel(theirs: Article, mine: ArticleForm): SafeHtml {
  const rows: [string, string, string][] = [
    ['Headline', theirs.headline, mine.headline],
    ['Standfirst', theirs.standfirst, mine.standfirst],
    ['Body', theirs.body, mine.body],
  ];
  return html`<section class="conflict panel" aria-labelledby="conflict-heading">
    <h2 id="conflict-heading">Someone else saved this article while you were editing</h2>
    <p>
      Nothing has been overwritten. The saved version is now version ${theirs.version}. Your text
      is still in the form below; the differences from the saved version are marked here (removed
      words are theirs, added words are yours). Saving again replaces their version with yours.
    </p>
    <dl class="conflict__fields">
      ${rows.map(
        ([label, a, b]) => html`<dt>${label}</dt>
          <dd class="diff">${textDiff(a, b)}</dd>`,
      )}
    </dl>
    <details>
      <summary>The saved version’s body in full</summary>
      <pre class="conflict__theirs">${theirs.body}</pre>
    </details>
  </section>`;
}

export function articleEditorView(
  ctx: PageContext,
  props: {
    article: Article | null;
    form: ArticleForm;
    sections: Section[];
    can: EditorPermissions;
    problem?: FormProblem | undefined;
    done?: string | undefined;
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
  },
) {
  const { article: a, form, problem, can } = props;
  const action = a ? `/admin/articles/${a.id}` : '/admin/articles';
  const readonly = !can.edit;
  const autosave = a !== null && can.edit && (a.status === 'draft' || a.status === 'review');
  // Enter in a one-line field submits with the form's first submit button: make that Save, not a
  // picker button.
  const fields = html`${can.edit ? html`<button type="submit" name="intent" value="save" hidden tabindex="-1">Save</button>` : ''}
    <input type="hidden" name="version" value="${form.version}" />
    ${textField('headline', 'headline', 'Headline', form.headline, { required: true, maxlength: 300, problem, readonly })}
    ${textArea('standfirst', 'standfirst', 'Standfirst', form.standfirst, { rows: 2, problem, readonly })}
    ${textArea('body', 'body', 'Body', form.body, {
      rows: 18,
      hint: 'Markdown. A line [[related:SLUG]] places the headline of that article between paragraphs.',
      problem,
      readonly,
    })}
    <div class="form-grid">
      ${select(
        'section',
        'section',
        'Section',
        form.section,
        props.sections.map((s) => ({ value: s.slug, text: s.name })),
      )}
      ${textField('dateline', 'dateline', 'Dateline (place)', form.dateline, { maxlength: 100, problem, readonly })}
      ${textField('slug', 'slug', 'Slug', form.slug, {
        hint: a
          ? 'Changing it keeps the old address working.'
          : 'Leave empty to make it from the headline.',
        maxlength: 120,
        problem,
        readonly,
      })}
    </div>
    ${textField('authors', 'authors', 'Authors', form.authors, { hint: 'Author slugs in byline order, separated by commas.', problem, readonly })}
    ${textField('tags', 'tags', 'Tags', form.tags, { hint: 'Separated by commas; the first is the main one.', problem, readonly })}
    ${relatedPicker(props.picker, {
      editable: !readonly,
      timeZone: ctx.identity.timeZone,
      ...(a ? { selfSlug: a.slug } : {}),
      ...(problem?.field === 'related' ? { problem: problem.message } : {}),
    })}
    ${
      a?.status === 'published' && can.editor
        ? html`<fieldset class="fieldset">
            <legend>Substantive update</legend>
            <div class="field field--check">
              <input id="substantive" name="substantive" type="checkbox" value="1" ${form.substantive ? html` checked` : ''} />
              <label for="substantive">This edit changes the facts: show readers an “Updated” time</label>
            </div>
            ${textField('updateNote', 'updateNote', 'What was updated (shown to readers)', form.updateNote, { maxlength: 500, problem })}
          </fieldset>`
        : ''
    }`;
  const buttons = can.edit
    ? html`<div class="form-actions">
        <button type="submit" class="button button--primary" name="intent" value="save">Save</button>
        <button type="submit" class="button button--secondary" name="intent" value="preview">Preview</button>
        ${autosave ? html`<p class="autosave-status" id="autosave-status" role="status"></p>` : ''}
      </div>`
    : html`<p class="muted">You cannot edit this article in its current status.</p>`;

  const plainForm = postForm(ctx, action, html`${fields} ${buttons}`, {
    className: 'form article-form',
    label: 'Article',
  });
  // newsroom.js finds the form to autosave by this attribute (ids are [0-9a-z] only).
  const articleForm =
    autosave && a
      ? raw(plainForm.value.replace('<form', `<form data-autosave="${a.id}"`))
      : plainForm;
  const main = html`<h1>${a ? 'Edit article' : 'New article'}</h1>
    ${doneBanner(props.done)} ${errorSummary(problem)}
    ${
      a
        ? html`<p class="article-status">
            ${statusTag(a, ctx.identity.timeZone)} · version ${a.version}
            ${a.status === 'published' ? html` · <a href="${articlePath(a)}">View on the site</a>` : ''}
            · <a href="/admin/articles/${a.id}/revisions">Revisions${props.revisionCount ? ` (${props.revisionCount})` : ''}</a>
          </p>`
        : ''
    }
    ${a?.returned ? returnedPanel(a.returned, ctx.identity.timeZone) : ''}
    ${props.conflict ? conflictPanel(props.conflict, form) : ''}
    ${props.preview ?? ''}
    ${articleForm}
    ${a && props.images ? imagePanel(ctx, a, props.images) : ''}
    ${a ? workflowPanel(ctx, a, can, props.schedule) : ''} ${a ? correctionsPanel(ctx, a, can) : ''}
    ${a && can.editor && props.commentSettings ? commentSettingsPanel(ctx, a, props.commentSettings) : ''}
    ${a && can.delete ? deletionPanel(a) : ''}`;
  return adminPage(ctx, {
    title: a ? `Edit: ${a.headline}` : 'New article',
    current: '/admin/articles',
    problem,
    main,
    ...(can.edit
      ? { head: html`<script src="${ctx.assetUrl('newsroom.js')}" defer></script>` }
      : {}),
  });
}
