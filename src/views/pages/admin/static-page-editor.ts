/**
 * The static page editor: one plain form (title, address, description, Markdown body) with Save
 * and Preview, the status line, a stale save's conflict panel, and the publish or unpublish
 * button below the form.
 */
import { pagePath, type Page } from '../../../domain/page.js';
import type { PageContext } from '../../context.js';
import { doneBanner, errorSummary, field, postForm, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { staticPageContent } from '../static-page.js';
import type { Translator } from '../../../i18n/translator.js';
import { pageNotices, pageStatusTag, type PageNotice } from './static-page-list.js';
import { adminPage } from './page.js';
import { fieldDiffs } from './static-page-revisions.js';
import { fieldParts, noticeText } from './structure-parts.js';

export { pageNotices, type PageNotice };

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

function textArea(
  i18n: Translator,
  id: keyof PageForm,
  label: string,
  value: string,
  opts: { rows: number; hint?: string; maxlength: number; problem: FormProblem | undefined },
): SafeHtml {
  const v = fieldParts(i18n, id, opts.hint, opts.problem);
  return html`<div class="field${v.className}">
    <label for="${id}">${label}</label>
    ${v.before}
    <textarea id="${id}" name="${id}" rows="${opts.rows}" maxlength="${opts.maxlength}" ${v.attributes}>${value}</textarea>
  </div>`;
}

/** Someone saved first: their text beside a diff to the text this person sent (kept in the form). */
function conflictPanel(i18n: Translator, theirs: Page, mine: PageForm): SafeHtml {
  const { t } = i18n;
  return html`<section class="conflict panel" aria-labelledby="conflict-heading">
    <h2 id="conflict-heading">${t('structure.page.conflict.heading')}</h2>
    <p>${t('structure.page.conflict.text', { version: theirs.version })}</p>
    ${fieldDiffs(
      i18n,
      [
        [t('structure.page.label.title'), theirs.title, mine.title],
        [t('structure.page.label.description'), theirs.description, mine.description],
        [t('structure.page.label.body'), theirs.body, mine.body],
      ],
      false,
    )}
  </section>`;
}

/** The unsaved form drawn as readers would see the page. */
function previewPanel(i18n: Translator, form: PageForm): SafeHtml {
  return html`<section class="preview" aria-labelledby="preview-heading">
    <h2 id="preview-heading">${i18n.t('structure.page.preview')}</h2>
    ${staticPageContent(form, { heading: 'paragraph' })}
  </section>`;
}

function statusPanel(ctx: PageContext, p: Page): SafeHtml {
  const { t } = ctx.i18n;
  const publish = p.status !== 'published';
  const address = `${ctx.baseUrl}${pagePath(p)}`;
  const label = t(publish ? 'structure.page.publish' : 'structure.page.unpublish');
  return html`<section class="panel workflow" aria-labelledby="workflow-heading">
    <h2 id="workflow-heading">${t('structure.page.publishing')}</h2>
    <p>
      ${
        publish
          ? t('structure.page.publishing.draft', { address })
          : ctx.i18n.rich(
              'structure.page.publishing.published',
              { address },
              { link: (text) => html`<a href="${pagePath(p)}">${text}</a>` },
            )
      }
    </p>
    ${postForm(
      ctx,
      `/admin/pages/${p.id}/${publish ? 'publish' : 'unpublish'}`,
      html`<button type="submit" class="button button--${publish ? 'primary' : 'danger'}">${label}</button>`,
      { className: 'form form--bare', label },
    )}
  </section>`;
}

export function staticPageEditorView(
  ctx: PageContext,
  props: {
    page: Page | null;
    form: PageForm;
    problem?: FormProblem | undefined;
    done?: PageNotice | undefined;
    preview?: boolean;
    conflict?: Page | undefined;
    revisionCount: number;
    limits: { title: number; description: number; body: number };
  },
): SafeHtml {
  const { page: p, form, problem } = props;
  const { i18n } = ctx;
  const { t } = i18n;
  const action = p ? `/admin/pages/${p.id}` : '/admin/pages';
  const fields = html`<input type="hidden" name="version" value="${form.version}" />
    ${field({ name: 'title', label: t('structure.page.field.title'), value: form.title, required: true, maxlength: props.limits.title, problem })}
    ${field({
      name: 'slug',
      label: t('structure.page.field.slug'),
      value: form.slug,
      maxlength: 120,
      hint: p
        ? t('structure.page.field.slug.hint.edit', { slug: p.slug })
        : t('structure.page.field.slug.hint.new'),
      problem,
    })}
    ${textArea(i18n, 'description', t('structure.page.field.description'), form.description, {
      rows: 2,
      maxlength: props.limits.description,
      hint: t('structure.page.field.description.hint'),
      problem,
    })}
    ${textArea(i18n, 'body', t('structure.page.field.body'), form.body, {
      rows: 18,
      maxlength: props.limits.body,
      hint: t('structure.page.field.body.hint'),
      problem,
    })}
    <div class="form-actions">
      <button type="submit" class="button button--primary" name="intent" value="save">${t(p?.status === 'published' ? 'structure.page.save' : 'structure.page.save.draft')}</button>
      <button type="submit" class="button button--secondary" name="intent" value="preview">${t('structure.page.preview')}</button>
    </div>`;
  const main = html`<h1>${t(p ? 'structure.page.edit' : 'structure.page.new')}</h1>
    ${doneBanner(noticeText(i18n, pageNotices, props.done))} ${errorSummary(problem)}
    ${
      p
        ? html`<p class="article-status">
            ${pageStatusTag(i18n, p.status)} · ${t('structure.page.version', { version: p.version })}
            ${p.status === 'published' ? html` · <a href="${pagePath(p)}">${t('structure.page.view')}</a>` : ''}
            · <a href="/admin/pages/${p.id}/revisions">${t('structure.page.revisions', { count: props.revisionCount })}</a>
          </p>`
        : ''
    }
    ${props.conflict ? conflictPanel(i18n, props.conflict, form) : ''}
    ${props.preview ? previewPanel(i18n, form) : ''}
    ${postForm(ctx, action, fields, { className: 'form article-form', label: t('structure.page.form') })}
    ${p ? statusPanel(ctx, p) : ''}`;
  return adminPage(ctx, {
    title: p ? t('structure.page.edit.title', { title: p.title }) : t('structure.page.new'),
    current: '/admin/pages',
    problem,
    main,
  });
}
