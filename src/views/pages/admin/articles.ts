/**
 * The newsroom pages: the list of articles with filters, and the editor. Everything works as
 * plain forms; newsroom.js only adds autosave of drafts.
 */
import { articlePath, type Article, type ArticleSummary } from '../../../domain/article.js';
import { splitBody } from '../../../domain/body.js';
import type { CommentOverride } from '../../../domain/comment-settings.js';
import type { NewsroomItem } from '../../../domain/newsroom.js';
import type { Section } from '../../../domain/section.js';
import type { PageContext } from '../../context.js';
import { textDiff } from '../../diff.js';
import { formatDateTime, joinNames } from '../../format.js';
import { doneBanner, errorSummary, postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, raw, type SafeHtml } from '../../html.js';
import { renderArticleMarkdown } from '../../markdown.js';
import type { Image } from '../../../domain/image.js';
import { figure, sizes } from '../../image.js';
import { correctionNotice } from '../corrections.js';
import { imagePanel, type ImagePanel } from './article-images.js';
import { adminPage } from './page.js';
import { relatedPicker, type PickerState } from './related-picker.js';

export const articleNotices = {
  created: 'The draft has been created.',
  saved: 'Saved.',
  submitted: 'Submitted for review. An editor will take it from here.',
  returned: 'Sent back to draft. The author sees your note on this page.',
  published: 'Published.',
  scheduled: 'Scheduled.',
  unpublished: 'Unpublished: its address now says it was withdrawn.',
  cancelled: 'The schedule was cancelled; the article is back in review.',
  corrected: 'The notice has been added to the article.',
  retracted: 'The notice has been retracted; it stays visible with your note.',
  restored: 'The old version has been restored as the newest one.',
  comments: 'The comment settings have been saved.',
  image: 'The main image has been saved.',
  imageRemoved: 'The main image has been removed.',
  imageSaved: 'The image has been saved.',
  imagePlaced: 'The image has been uploaded and placed at the end of the body.',
} as const;

export const statusNames: Record<Article['status'], string> = {
  draft: 'Draft',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

export interface ListQuery {
  status: string;
  section: string;
  author: string;
  q: string;
  page: number;
}

export function listHref(q: ListQuery, page = q.page): string {
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.section) params.set('section', q.section);
  if (q.author) params.set('author', q.author);
  if (q.q) params.set('q', q.q);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return `/admin/articles${s ? `?${s}` : ''}`;
}

function when(iso: string | null): SafeHtml {
  return iso ? html`<time datetime="${iso}">${formatDateTime(iso)}</time>` : html``;
}

function statusTag(a: { status: Article['status']; publishAt: string | null }): SafeHtml {
  return html`<span class="tag tag--${a.status}">${statusNames[a.status]}</span>${
    a.status === 'scheduled' && a.publishAt ? html` for ${when(a.publishAt)}` : ''
  }`;
}

const select = (
  id: string,
  name: string,
  label: string,
  value: string,
  options: { value: string; text: string }[],
) => html`<div class="field">
  <label for="${id}">${label}</label>
  <select id="${id}" name="${name}">
    ${options.map((o) => html`<option value="${o.value}" ${o.value === value ? html` selected` : ''}>${o.text}</option>`)}
  </select>
</div>`;

export function articleListView(
  ctx: PageContext,
  props: {
    items: NewsroomItem[];
    sections: Section[];
    query: ListQuery;
    hasMore: boolean;
    done?: string | undefined;
  },
) {
  const { query } = props;
  const main = html`<h1>Articles</h1>
    ${doneBanner(props.done)}
    <p><a class="button button--primary" href="/admin/articles/new">Write a new article</a></p>
    <form method="get" action="/admin/articles" class="form form--row search-form" role="search" aria-label="Articles">
      <div class="field">
        <label for="articles-q">Headline contains</label>
        <input id="articles-q" name="q" type="search" value="${query.q}" maxlength="100" />
      </div>
      ${select('articles-status', 'status', 'Status', query.status, [
        { value: '', text: 'any' },
        ...Object.entries(statusNames).map(([value, text]) => ({ value, text })),
      ])}
      ${select('articles-section', 'section', 'Section', query.section, [
        { value: '', text: 'any' },
        ...props.sections.map((s) => ({ value: s.slug, text: s.name })),
      ])}
      <div class="field">
        <label for="articles-author">Author (slug)</label>
        <input id="articles-author" name="author" type="text" value="${query.author}" maxlength="120" />
      </div>
      ${submitButton('Filter', 'secondary')}
    </form>
    ${
      props.items.length
        ? html`<div class="table-scroll" role="region" aria-labelledby="articles-caption" tabindex="0">
            <table class="data-table">
              <caption id="articles-caption">Articles, most recently saved first</caption>
              <thead>
                <tr>
                  <th scope="col">Headline</th>
                  <th scope="col">Status</th>
                  <th scope="col">Section</th>
                  <th scope="col">Authors</th>
                  <th scope="col">Saved</th>
                </tr>
              </thead>
              <tbody>
                ${props.items.map(
                  (a) => html`<tr>
                    <th scope="row"><a href="/admin/articles/${a.id}">${a.headline}</a></th>
                    <td>${statusTag(a)}</td>
                    <td>${a.section.name}</td>
                    <td>${joinNames(a.authors.map((p) => p.name))}</td>
                    <td>${when(a.modifiedAt)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p>No articles match.</p>`
    }
    <p class="pager">
      ${query.page > 1 ? html`<a href="${listHref(query, query.page - 1)}" rel="prev">Previous page</a>` : ''}
      ${props.hasMore ? html`<a href="${listHref(query, query.page + 1)}" rel="next">Next page</a>` : ''}
    </p>`;
  return adminPage(ctx, { title: 'Articles', current: '/admin/articles', main });
}

/** The editor's values as text fields: what the form shows and sends back. */
export interface ArticleForm {
  headline: string;
  slug: string;
  standfirst: string;
  body: string;
  section: string;
  dateline: string;
  /** Comma-separated. */
  tags: string;
  authors: string;
  related: string;
  /** The related-stories picker's search box. */
  relatedQuery: string;
  version: number;
  substantive: boolean;
  updateNote: string;
}

export function formOf(a: Article, relatedSlugs: string[], authorSlugs?: string[]): ArticleForm {
  return {
    headline: a.headline,
    slug: a.slug,
    standfirst: a.standfirst,
    body: a.body,
    section: a.section.slug,
    dateline: a.dateline,
    tags: a.tags.map((t) => t.name).join(', '),
    authors: (authorSlugs ?? a.authors.map((p) => p.slug)).join(', '),
    related: relatedSlugs.join(', '),
    relatedQuery: '',
    version: a.version,
    substantive: false,
    updateNote: '',
  };
}

export interface EditorPermissions {
  edit: boolean;
  submit: boolean;
  /** Publish, schedule, unpublish, mark substantive, corrections. */
  editor: boolean;
}

/** The preview: the same markup and classes as the article page's header and body. */
export function previewOf(
  form: ArticleForm,
  props: {
    sectionName: string;
    authorNames: string[];
    inline: Map<string, ArticleSummary>;
    mainImage?: Image | null;
    images?: Map<string, Image>;
  },
): SafeHtml {
  return html`<section class="preview" aria-labelledby="preview-heading">
    <h2 id="preview-heading">Preview</h2>
    <div class="article preview__article">
      <header class="article__header">
        <p class="kicker">${props.sectionName}</p>
        <p class="preview__headline">${form.headline}</p>
        ${form.standfirst ? html`<p class="standfirst">${form.standfirst}</p>` : ''}
        ${props.authorNames.length ? html`<p class="byline">By ${joinNames(props.authorNames)}</p>` : ''}
        ${form.dateline ? html`<p class="article-meta"><span class="dateline">${form.dateline}</span></p>` : ''}
      </header>
      ${props.mainImage ? figure(props.mainImage, { sizes: sizes.article, lazy: false, className: 'main-image' }) : ''}
      <div class="article__body">
        ${splitBody(form.body).map((part) => {
          if (part.kind === 'markdown') return raw(renderArticleMarkdown(part.text));
          if (part.kind === 'image') {
            const image = props.images?.get(part.id);
            return image
              ? figure(image, { sizes: sizes.article, lazy: true })
              : html`<p><em>No uploaded image “${part.id}”: readers will not see this.</em></p>`;
          }
          const target = props.inline.get(part.slug);
          return html`<aside class="inline-related" aria-label="Related story">
            <p class="label">Related</p>
            <p>${target ? html`<a href="${articlePath(target)}">${target.headline}</a>` : html`<em>No published article “${part.slug}”: readers will not see this.</em>`}</p>
          </aside>`;
        })}
      </div>
    </div>
  </section>`;
}

function textField(
  id: string,
  name: keyof ArticleForm,
  label: string,
  value: string,
  opts: {
    hint?: string;
    maxlength?: number;
    required?: boolean;
    problem?: FormProblem;
    readonly?: boolean;
  } = {},
) {
  const invalid = opts.problem?.field === id;
  const described = [opts.hint ? `${id}-hint` : '', invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${id}">${label}</label>
    ${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}
    ${invalid ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${opts.problem?.message}</p>` : ''}
    <input id="${id}" name="${name}" type="text" value="${value}"
      ${opts.maxlength ? html` maxlength="${opts.maxlength}"` : ''}
      ${opts.required ? html` required` : ''}
      ${opts.readonly ? html` readonly` : ''}
      ${described ? html` aria-describedby="${described}"` : ''}
      ${invalid ? html` aria-invalid="true"` : ''} />
  </div>`;
}

function textArea(
  id: string,
  name: keyof ArticleForm,
  label: string,
  value: string,
  opts: { hint?: string; rows: number; problem?: FormProblem; readonly?: boolean },
) {
  const invalid = opts.problem?.field === id;
  const described = [opts.hint ? `${id}-hint` : '', invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${id}">${label}</label>
    ${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}
    ${invalid ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${opts.problem?.message}</p>` : ''}
    <textarea id="${id}" name="${name}" rows="${opts.rows}"
      ${opts.readonly ? html` readonly` : ''}
      ${described ? html` aria-describedby="${described}"` : ''}
      ${invalid ? html` aria-invalid="true"` : ''}>${value}</textarea>
  </div>`;
}

/** An editor sent the article back from review: who, when, and their note to the author. */
function returnedPanel(r: NonNullable<Article['returned']>): SafeHtml {
  return html`<section class="panel returned-note" aria-labelledby="returned-heading">
    <h2 id="returned-heading">Sent back to draft</h2>
    <p>${r.byName ?? 'An editor'} sent this article back on ${when(r.at)}.</p>
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
            ${statusTag(a)} · version ${a.version}
            ${a.status === 'published' ? html` · <a href="${articlePath(a)}">View on the site</a>` : ''}
            · <a href="/admin/articles/${a.id}/revisions">Revisions${props.revisionCount ? ` (${props.revisionCount})` : ''}</a>
          </p>`
        : ''
    }
    ${a?.returned ? returnedPanel(a.returned) : ''}
    ${props.conflict ? conflictPanel(props.conflict, form) : ''}
    ${props.preview ?? ''}
    ${articleForm}
    ${a && props.images ? imagePanel(ctx, a, props.images) : ''}
    ${a ? workflow(ctx, a, can) : ''} ${a ? corrections(ctx, a, can) : ''}
    ${a && can.editor && props.commentSettings ? commentSettingsForm(ctx, a, props.commentSettings) : ''}`;
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

function workflow(ctx: PageContext, a: Article, can: EditorPermissions): SafeHtml {
  const path = `/admin/articles/${a.id}`;
  const forms: SafeHtml[] = [];
  if (can.submit && a.status === 'draft') {
    forms.push(
      postForm(ctx, `${path}/submit`, submitButton('Submit for review'), {
        className: 'form form--bare',
        label: 'Submit for review',
      }),
    );
  }
  if (can.editor && a.status === 'review') {
    forms.push(
      postForm(
        ctx,
        `${path}/return`,
        html`<div class="field">
            <label for="return-note">Note to the author (optional)</label>
            <p class="hint" id="return-note-hint">Shown on this page until it is submitted again.</p>
            <textarea id="return-note" name="note" rows="3" maxlength="2000" aria-describedby="return-note-hint"></textarea>
          </div>
          ${submitButton('Send back to draft', 'secondary')}`,
        { className: 'form', label: 'Send back to draft' },
      ),
    );
  }
  if (can.editor && ['draft', 'review', 'scheduled', 'unpublished'].includes(a.status)) {
    forms.push(
      postForm(ctx, `${path}/publish`, submitButton('Publish now'), {
        className: 'form form--bare',
        label: 'Publish now',
      }),
    );
    forms.push(
      postForm(
        ctx,
        `${path}/publish`,
        html`<div class="field">
            <label for="publish-at">Publish at (UTC)</label>
            <input id="publish-at" name="at" type="datetime-local" required value="${a.publishAt ? a.publishAt.slice(0, 16) : ''}" />
          </div>
          ${submitButton(a.status === 'scheduled' ? 'Reschedule' : 'Schedule', 'secondary')}`,
        { className: 'form form--row', label: 'Schedule' },
      ),
    );
  }
  if (can.editor && (a.status === 'published' || a.status === 'scheduled')) {
    forms.push(
      postForm(
        ctx,
        `${path}/unpublish`,
        submitButton(a.status === 'scheduled' ? 'Cancel the schedule' : 'Unpublish', 'danger'),
        {
          className: 'form form--bare',
          label: 'Unpublish',
        },
      ),
    );
  }
  if (forms.length === 0) return html``;
  return html`<section class="panel workflow" aria-labelledby="workflow-heading">
    <h2 id="workflow-heading">Workflow</h2>
    ${forms}
  </section>`;
}

function corrections(ctx: PageContext, a: Article, can: EditorPermissions): SafeHtml {
  if (!can.editor || (a.status !== 'published' && a.status !== 'unpublished')) return html``;
  const path = `/admin/articles/${a.id}/corrections`;
  return html`<section class="panel" aria-labelledby="notices-heading">
    <h2 id="notices-heading">Corrections and updates</h2>
    ${
      a.corrections.length
        ? html`<ul class="notices">
            ${a.corrections.map(
              (c) => html`<li>
                ${correctionNotice(c)}
                ${
                  c.retractedAt
                    ? ''
                    : postForm(
                        ctx,
                        `${path}/${c.id}/retract`,
                        html`<div class="field">
                            <label for="retract-${c.id}">Why it is retracted (shown to readers)</label>
                            <input id="retract-${c.id}" name="note" type="text" maxlength="500" required />
                          </div>
                          ${submitButton('Retract', 'danger')}`,
                        {
                          className: 'form form--row',
                          label: `Retract the ${c.kind} of ${formatDateTime(c.createdAt)}`,
                        },
                      )
                }
              </li>`,
            )}
          </ul>`
        : html`<p>None yet.</p>`
    }
    ${postForm(
      ctx,
      path,
      html`<h3>Add a notice</h3>
        ${select('notice-kind', 'kind', 'Kind', 'correction', [
          { value: 'correction', text: 'Correction' },
          { value: 'clarification', text: 'Clarification' },
          { value: 'update', text: 'Update' },
        ])}
        ${select('notice-priority', 'priority', 'Where', 'normal', [
          { value: 'normal', text: 'Below the article' },
          { value: 'high', text: 'Above the article (high priority)' },
        ])}
        <div class="field">
          <label for="notice-text">Text (shown to readers)</label>
          <textarea id="notice-text" name="text" rows="3" maxlength="2000" required></textarea>
        </div>
        ${submitButton('Add the notice')}`,
      { label: 'Add a correction or update' },
    )}
  </section>`;
}

function commentSettingsForm(ctx: PageContext, a: Article, settings: CommentOverride): SafeHtml {
  return html`<section class="panel" aria-labelledby="comment-settings-heading">
    <h2 id="comment-settings-heading">Comments on this article</h2>
    ${postForm(
      ctx,
      `/admin/articles/${a.id}/comments`,
      html`${select('comments-mode', 'mode', 'Comments', settings.mode ?? '', [
        { value: '', text: 'As the site’s setting' },
        { value: 'open', text: 'Open' },
        { value: 'premoderated', text: 'Pre-moderated (held for review)' },
        { value: 'closed', text: 'Closed' },
      ])}
        <div class="field">
          <label for="comments-auto-close">Close comments after (hours after publishing)</label>
          <p class="hint" id="comments-auto-close-hint">Empty: as the site’s setting. 0: never.</p>
          <input id="comments-auto-close" name="autoCloseHours" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="6" aria-describedby="comments-auto-close-hint" value="${settings.autoCloseHours === null ? '' : String(settings.autoCloseHours)}" />
        </div>
        ${submitButton('Save comment settings', 'secondary')}`,
      { label: 'Comment settings' },
    )}
  </section>`;
}
