/** The editor's form for one article's comment settings (each may follow the site's). */
import type { Article } from '../../../domain/article.js';
import type { CommentOverride } from '../../../domain/comment-settings.js';
import type { PageContext } from '../../context.js';
import { postForm, submitButton } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { select } from './article-fields.js';

export function commentSettingsPanel(
  ctx: PageContext,
  a: Article,
  settings: CommentOverride,
): SafeHtml {
  const { t } = ctx.i18n;
  return html`<section class="panel" aria-labelledby="comment-settings-heading">
    <h2 id="comment-settings-heading">${t('newsroom.comments.heading')}</h2>
    ${postForm(
      ctx,
      `/admin/articles/${a.id}/comments`,
      html`${select('comments-mode', 'mode', t('newsroom.comments.mode'), settings.mode ?? '', [
        { value: '', text: t('newsroom.comments.site') },
        { value: 'open', text: t('newsroom.comments.open') },
        { value: 'premoderated', text: t('newsroom.comments.premoderated') },
        { value: 'closed', text: t('newsroom.comments.closed') },
      ])}
        <div class="field">
          <label for="comments-auto-close">${t('newsroom.comments.autoClose')}</label>
          <p class="hint" id="comments-auto-close-hint">${t('newsroom.comments.autoCloseHint')}</p>
          <input id="comments-auto-close" name="autoCloseHours" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="6" aria-describedby="comments-auto-close-hint" value="${settings.autoCloseHours === null ? '' : String(settings.autoCloseHours)}" />
        </div>
        ${submitButton(t('newsroom.comments.save'), 'secondary')}`,
      { label: t('newsroom.comments.formLabel') },
    )}
  </section>`;
}
