/** The editor's workflow panel: submit, send back, publish, schedule, unpublish (as allowed). */
import type { Article } from '../../../domain/article.js';
import {
  choiceLabel,
  instantsOf,
  localInputValue,
  parseLocalDateTime,
} from '../../../domain/local-time.js';
import type { PageContext } from '../../context.js';
import { postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import type { EditorPermissions } from './article-status.js';

/** The schedule form's id: where its problems point. */
export const scheduleFieldId = 'publish-at';

/** The schedule form as sent, when it came back refused. */
export interface ScheduleForm {
  at: string;
  problem: FormProblem;
}

/**
 * Publish at a local time in the site's zone. When the time typed happens twice or never (the
 * clocks change), the two instants it could mean are offered as a choice; newsroom.js adds the
 * editor's own zone alongside when it is another.
 */
function scheduleFields(ctx: PageContext, a: Article, sent: ScheduleForm | undefined): SafeHtml {
  const zone = ctx.identity.timeZone;
  const id = scheduleFieldId;
  const value = sent ? sent.at : a.publishAt ? localInputValue(a.publishAt, zone) : '';
  const invalid = sent?.problem.field === id;
  const local = invalid ? parseLocalDateTime(value) : null;
  const found = local ? instantsOf(local, zone) : null;
  const choices = found && found.kind !== 'exact' ? found.choices : [];
  const described = [`${id}-hint`, `${id}-browser`, invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
      <label for="${id}">Publish at (${zone})</label>
      <p class="hint" id="${id}-hint">
        The site’s time zone. A time that has passed is refused: use Publish now instead.
      </p>
      <p class="hint" id="${id}-browser" data-site-zone="${zone}" hidden></p>
      ${
        invalid
          ? html`<p class="field-error" id="${id}-error">
              <span class="visually-hidden">Error:</span> ${sent?.problem.message}
            </p>`
          : ''
      }
      <input id="${id}" name="at" type="datetime-local" required value="${value}"
        aria-describedby="${described}"${invalid ? html` aria-invalid="true"` : ''} />
    </div>
    ${
      choices.length
        ? html`<fieldset class="fieldset schedule-choice">
            <legend>Which ${value.slice(11, 16)}?</legend>
            ${choices.map(
              (c, i) => html`<div class="choice">
                <input type="radio" id="${id}-choice-${i}" name="choice" value="${c}"${i === 0 ? html` checked` : ''} />
                <label for="${id}-choice-${i}">${choiceLabel(c, zone)}</label>
              </div>`,
            )}
          </fieldset>`
        : ''
    }`;
}

export function workflowPanel(
  ctx: PageContext,
  a: Article,
  can: EditorPermissions,
  schedule?: ScheduleForm,
): SafeHtml {
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
        html`${scheduleFields(ctx, a, schedule)}
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
