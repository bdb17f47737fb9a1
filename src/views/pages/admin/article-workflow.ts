/** The editor's workflow panel: submit, send back, publish, schedule, unpublish (as allowed). */
import type { Article } from '../../../domain/article.js';
import {
  choiceLabel,
  instantsOf,
  localInputValue,
  localTimeValue,
  parseLocalDateTime,
} from '../../../domain/local-time.js';
import type { PageContext } from '../../context.js';
import { postForm, submitButton, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import type { EditorPermissions } from './article-status.js';
import { defaultLanguage, languageOf } from '../../../i18n/languages.js';
import type { Translator } from '../../../i18n/translator.js';

/** The language zones are named in: English's names for English and the pseudo-languages. */
function zoneLanguage(i18n: Translator): string {
  return i18n.lang === defaultLanguage || languageOf(i18n.lang)?.pseudo ? 'en' : i18n.lang;
}

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
  const { i18n } = ctx;
  const { t } = i18n;
  const id = scheduleFieldId;
  const typed = sent ? parseLocalDateTime(sent.at) : null;
  // What was typed comes back as the input's own form (a date typed the German way, say, in a
  // browser without a date picker), so the picker shows it and sends it again as it is.
  const value = sent
    ? typed
      ? localTimeValue(typed)
      : sent.at
    : a.publishAt
      ? localInputValue(a.publishAt, zone)
      : '';
  const invalid = sent?.problem.field === id;
  const local = invalid ? typed : null;
  const found = local ? instantsOf(local, zone) : null;
  const choices = found && found.kind !== 'exact' ? found.choices : [];
  const described = [`${id}-hint`, `${id}-browser`, invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${invalid ? ' field--invalid' : ''}">
      <label for="${id}">${t('newsroom.schedule.label', { zone })}</label>
      <p class="hint" id="${id}-hint">${t('newsroom.schedule.hint')}</p>
      <p class="hint" id="${id}-browser" data-site-zone="${zone}" hidden></p>
      ${
        invalid
          ? html`<p class="field-error" id="${id}-error">
              <span class="visually-hidden">${t('newsroom.field.error')}</span> ${sent?.problem.message}
            </p>`
          : ''
      }
      <input id="${id}" name="at" type="datetime-local" required value="${value}"
        aria-describedby="${described}"${invalid ? html` aria-invalid="true"` : ''} />
    </div>
    ${
      choices.length
        ? html`<fieldset class="fieldset schedule-choice">
            <legend>${t('newsroom.schedule.which', { time: value.slice(11, 16) })}</legend>
            ${choices.map(
              (c, i) => html`<div class="choice">
                <input type="radio" id="${id}-choice-${i}" name="choice" value="${c}"${i === 0 ? html` checked` : ''} />
                <label for="${id}-choice-${i}">${choiceLabel(c, zone, zoneLanguage(i18n))}</label>
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
  const { t } = ctx.i18n;
  const forms: SafeHtml[] = [];
  if (can.submit && a.status === 'draft') {
    forms.push(
      postForm(ctx, `${path}/submit`, submitButton(t('newsroom.workflow.submit')), {
        className: 'form form--bare',
        label: t('newsroom.workflow.submit'),
      }),
    );
  }
  if (can.editor && a.status === 'review') {
    forms.push(
      postForm(
        ctx,
        `${path}/return`,
        html`<div class="field">
            <label for="return-note">${t('newsroom.workflow.returnNote')}</label>
            <p class="hint" id="return-note-hint">${t('newsroom.workflow.returnHint')}</p>
            <textarea id="return-note" name="note" rows="3" maxlength="2000" aria-describedby="return-note-hint"></textarea>
          </div>
          ${submitButton(t('newsroom.workflow.return'), 'secondary')}`,
        { className: 'form', label: t('newsroom.workflow.return') },
      ),
    );
  }
  if (can.editor && ['draft', 'review', 'scheduled', 'unpublished'].includes(a.status)) {
    forms.push(
      postForm(
        ctx,
        `${path}/publish`,
        html`${alertChoice(ctx, 'alert-now')}${submitButton(t('newsroom.workflow.publishNow'))}`,
        { className: 'form form--bare', label: t('newsroom.workflow.publishNow') },
      ),
    );
    forms.push(
      postForm(
        ctx,
        `${path}/publish`,
        html`${scheduleFields(ctx, a, schedule)} ${alertChoice(ctx, 'alert-scheduled')}
          ${submitButton(
            a.status === 'scheduled'
              ? t('newsroom.workflow.reschedule')
              : t('newsroom.workflow.schedule'),
            'secondary',
          )}`,
        { className: 'form form--row', label: t('newsroom.workflow.schedule') },
      ),
    );
  }
  if (can.editor && (a.status === 'published' || a.status === 'scheduled')) {
    forms.push(
      postForm(
        ctx,
        `${path}/unpublish`,
        submitButton(
          a.status === 'scheduled'
            ? t('newsroom.workflow.cancelSchedule')
            : t('newsroom.workflow.unpublish'),
          'danger',
        ),
        {
          className: 'form form--bare',
          label: t('newsroom.workflow.unpublish'),
        },
      ),
    );
  }
  if (forms.length === 0) return html``;
  return html`<section class="panel workflow" aria-labelledby="workflow-heading">
    <h2 id="workflow-heading">${t('newsroom.workflow.heading')}</h2>
    ${forms}
  </section>`;
}

/** "Send as alert" beside publishing (issue 21): the alert goes once, when the article is out. */
function alertChoice(ctx: PageContext, id: string) {
  const { t } = ctx.i18n;
  return html`<div class="field field--checkbox">
    <input type="checkbox" id="${id}" name="alert" value="on" aria-describedby="${id}-hint" />
    <label for="${id}">${t('newsletters.alert.checkbox')}</label>
  </div>
  <p class="hint" id="${id}-hint">${t('newsletters.alert.hint')}</p>`;
}
