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
