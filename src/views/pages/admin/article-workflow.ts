/** The editor's workflow panel: submit, send back, publish, schedule, unpublish (as allowed). */
import type { Article } from '../../../domain/article.js';
import type { PageContext } from '../../context.js';
import { postForm, submitButton } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import type { EditorPermissions } from './article-status.js';

export function workflowPanel(ctx: PageContext, a: Article, can: EditorPermissions): SafeHtml {
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
