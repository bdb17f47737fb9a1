/** The editor's corrections panel: the notices with their retract forms, and a form to add one. */
import type { Article } from '../../../domain/article.js';
import type { PageContext } from '../../context.js';
import { postForm, submitButton } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { correctionNotice } from '../corrections.js';
import { select } from './article-fields.js';
import type { EditorPermissions } from './article-status.js';

export function correctionsPanel(ctx: PageContext, a: Article, can: EditorPermissions): SafeHtml {
  if (!can.editor || (a.status !== 'published' && a.status !== 'unpublished')) return html``;
  const { t } = ctx.i18n;
  const path = `/admin/articles/${a.id}/corrections`;
  return html`<section class="panel" aria-labelledby="notices-heading">
    <h2 id="notices-heading">${t('newsroom.corrections.heading')}</h2>
    ${
      a.corrections.length
        ? html`<ul class="notices">
            ${a.corrections.map(
              (c) => html`<li>
                ${correctionNotice(c, ctx.i18n)}
                ${
                  c.retractedAt
                    ? ''
                    : postForm(
                        ctx,
                        `${path}/${c.id}/retract`,
                        html`<div class="field">
                            <label for="retract-${c.id}">${t('newsroom.corrections.why')}</label>
                            <input id="retract-${c.id}" name="note" type="text" maxlength="500" required />
                          </div>
                          ${submitButton(t('newsroom.corrections.retract'), 'danger')}`,
                        {
                          className: 'form form--row',
                          label: t('newsroom.corrections.retractLabel', {
                            kind: c.kind,
                            when: ctx.i18n.dateTime(c.createdAt),
                          }),
                        },
                      )
                }
              </li>`,
            )}
          </ul>`
        : html`<p>${t('newsroom.corrections.none')}</p>`
    }
    ${postForm(
      ctx,
      path,
      html`<h3>${t('newsroom.corrections.add')}</h3>
        ${select('notice-kind', 'kind', t('newsroom.corrections.kind'), 'correction', [
          { value: 'correction', text: t('newsroom.corrections.correction') },
          { value: 'clarification', text: t('newsroom.corrections.clarification') },
          { value: 'update', text: t('newsroom.corrections.update') },
        ])}
        ${select('notice-priority', 'priority', t('newsroom.corrections.where'), 'normal', [
          { value: 'normal', text: t('newsroom.corrections.below') },
          { value: 'high', text: t('newsroom.corrections.above') },
        ])}
        <div class="field">
          <label for="notice-text">${t('newsroom.corrections.text')}</label>
          <textarea id="notice-text" name="text" rows="3" maxlength="2000" required></textarea>
        </div>
        ${submitButton(t('newsroom.corrections.submit'))}`,
      { label: t('newsroom.corrections.formLabel') },
    )}
  </section>`;
}
