/** The editor's corrections panel: the notices with their retract forms, and a form to add one. */
import type { Article } from '../../../domain/article.js';
import type { PageContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { postForm, submitButton } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { correctionNotice } from '../corrections.js';
import { select } from './article-fields.js';
import type { EditorPermissions } from './article-status.js';

export function correctionsPanel(ctx: PageContext, a: Article, can: EditorPermissions): SafeHtml {
  if (!can.editor || (a.status !== 'published' && a.status !== 'unpublished')) return html``;
  const path = `/admin/articles/${a.id}/corrections`;
  return html`<section class="panel" aria-labelledby="notices-heading">
    <h2 id="notices-heading">Corrections and updates</h2>
    ${
      a.corrections.length
        ? html`<ul class="notices">
            ${a.corrections.map(
              (c) => html`<li>
                ${correctionNotice(c, ctx.identity.timeZone)}
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
                          label: `Retract the ${c.kind} of ${formatDateTime(c.createdAt, ctx.identity.timeZone)}`,
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
