/**
 * The static page editor: one plain form (title, address, description, Markdown body) with Save
 * and Preview, the status line, a stale save's conflict panel, and the publish or unpublish
 * button below the form.
 */
import { pagePath, type Page } from '../../../domain/page.js';
import type { PageContext } from '../../context.js';
import { textDiff } from '../../diff.js';
import { doneBanner, errorSummary, field, postForm, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { staticPageContent } from '../static-page.js';
import { pageStatusTag } from './static-page-list.js';
import { adminPage } from './page.js';

/** The editor's values as form fields: what the form shows and sends back. */
export interface PageForm {
  title: string;
  slug: string;
  description: string;
  body: string;
  version: number;
}

export function pageFormOf(p: Page): PageForm {
  return {
    title: p.title,
    slug: p.slug,
    description: p.description,
    body: p.body,
    version: p.version,
  };
}

export const blankPageForm = (): PageForm => ({
  title: '',
  slug: '',
  description: '',
  body: '',
  version: 0,
});

export const pageNotices = {
  created: 'The draft has been created.',
  saved: 'Saved.',
  published: 'Published: readers can open it now.',
  unpublished: 'Unpublished: the page is a draft again, and its address answers “not found”.',
  restored: 'The old version has been restored as the newest one.',
} as const;

function textArea(
  id: keyof PageForm,
  label: string,
  value: string,
  opts: { rows: number; hint?: string; maxlength: number; problem: FormProblem | undefined },
): SafeHtml {
  const invalid = opts.problem?.field === id;
  const described = [opts.hint ? `${id}-hint` : '', invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
    <label for="${id}">${label}</label>
    ${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}
    ${invalid ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${opts.problem?.message}</p>` : ''}
    <textarea id="${id}" name="${id}" rows="${opts.rows}" maxlength="${opts.maxlength}"
      ${described ? html` aria-describedby="${described}"` : ''}
      ${invalid ? html` aria-invalid="true"` : ''}>${value}</textarea>
  </div>`;
}

/** Someone saved first: their text beside a diff to the text this person sent (kept in the form). */
function conflictPanel(theirs: Page, mine: PageForm): SafeHtml {
  const rows: [string, string, string][] = [
    ['Title', theirs.title, mine.title],
    ['Description', theirs.description, mine.description],
    ['Body', theirs.body, mine.body],
  ];
  return html`<section class="conflict panel" aria-labelledby="conflict-heading">
    <h2 id="conflict-heading">Someone else saved this page while you were editing</h2>
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
  </section>`;
}

/** The unsaved form drawn as readers would see the page. */
function previewPanel(form: PageForm): SafeHtml {
  return html`<section class="preview" aria-labelledby="preview-heading">
    <h2 id="preview-heading">Preview</h2>
    ${staticPageContent(form, { heading: 'paragraph' })}
  </section>`;
}

function statusPanel(ctx: PageContext, p: Page): SafeHtml {
  const action = p.status === 'published' ? 'unpublish' : 'publish';
  return html`<section class="panel workflow" aria-labelledby="workflow-heading">
    <h2 id="workflow-heading">Publishing</h2>
    <p>
      ${
        p.status === 'published'
          ? html`Readers find this page at <a href="${pagePath(p)}">${ctx.baseUrl}${pagePath(p)}</a>.
              Saving changes it for them at once.`
          : html`Only staff can see this draft. Publishing puts it at ${ctx.baseUrl}${pagePath(p)}.`
      }
    </p>
    ${postForm(
      ctx,
      `/admin/pages/${p.id}/${action}`,
      html`<button type="submit" class="button button--${action === 'publish' ? 'primary' : 'danger'}">${action === 'publish' ? 'Publish' : 'Unpublish'}</button>`,
      { className: 'form form--bare', label: action === 'publish' ? 'Publish' : 'Unpublish' },
    )}
  </section>`;
}

export function staticPageEditorView(
  ctx: PageContext,
  props: {
    page: Page | null;
    form: PageForm;
    problem?: FormProblem | undefined;
    done?: string | undefined;
    preview?: boolean;
    conflict?: Page | undefined;
    revisionCount: number;
    limits: { title: number; description: number; body: number };
  },
): SafeHtml {
  const { page: p, form, problem } = props;
  const action = p ? `/admin/pages/${p.id}` : '/admin/pages';
  const fields = html`<input type="hidden" name="version" value="${form.version}" />
    ${field({ name: 'title', label: 'Title', value: form.title, required: true, maxlength: props.limits.title, problem })}
    ${field({
      name: 'slug',
      label: 'Address (slug)',
      value: form.slug,
      maxlength: 120,
      hint: p
        ? `The page is at /${p.slug}. Changing it keeps the old address working.`
        : 'Leave empty to make it from the title, e.g. “about” for /about.',
      problem,
    })}
    ${textArea('description', 'Description (optional)', form.description, {
      rows: 2,
      maxlength: props.limits.description,
      hint: 'Shown under the title and to search engines.',
      problem,
    })}
    ${textArea('body', 'Text', form.body, {
      rows: 18,
      maxlength: props.limits.body,
      hint: 'Markdown: ## for a heading, a blank line between paragraphs, [words](https://…) for a link.',
      problem,
    })}
    <div class="form-actions">
      <button type="submit" class="button button--primary" name="intent" value="save">${p?.status === 'published' ? 'Save' : 'Save draft'}</button>
      <button type="submit" class="button button--secondary" name="intent" value="preview">Preview</button>
    </div>`;
  const main = html`<h1>${p ? 'Edit page' : 'New page'}</h1>
    ${doneBanner(props.done)} ${errorSummary(problem)}
    ${
      p
        ? html`<p class="article-status">
            ${pageStatusTag(p.status)} · version ${p.version}
            ${p.status === 'published' ? html` · <a href="${pagePath(p)}">View on the site</a>` : ''}
            · <a href="/admin/pages/${p.id}/revisions">Revisions (${props.revisionCount})</a>
          </p>`
        : ''
    }
    ${props.conflict ? conflictPanel(props.conflict, form) : ''}
    ${props.preview ? previewPanel(form) : ''}
    ${postForm(ctx, action, fields, { className: 'form article-form', label: 'Page' })}
    ${p ? statusPanel(ctx, p) : ''}`;
  return adminPage(ctx, {
    title: p ? `Edit page: ${p.title}` : 'New page',
    current: '/admin/pages',
    problem,
    main,
  });
}
