/**
 * The thread's comment mode for moderators (issue 18): a plain form that closes, pre-moderates
 * or reopens an article's comments, shown in the moderation queue and on the article page.
 */
import type { CommentMode } from '../../domain/comment-settings.js';
import { threadModeLabels } from '../../services/moderation.js';
import type { PageContext } from '../context.js';
import { postForm } from '../forms.js';
import { html, type SafeHtml } from '../html.js';

const choices: { value: CommentMode | ''; text: string }[] = [
  { value: 'open', text: 'Open' },
  { value: 'premoderated', text: 'Pre-moderated (held for review)' },
  { value: 'closed', text: 'Closed' },
  { value: '', text: 'As the site’s setting' },
];

export function threadSettingsForm(
  ctx: PageContext,
  props: {
    articleId: string;
    mode: CommentMode | null;
    /** Where to come back to: the queue's address, or '' for the article page. */
    back: string;
    /** Makes the ids unique on a page with several forms. */
    idPrefix: string;
    /** Names the article for screen readers when several forms share a page. */
    headline?: string;
  },
): SafeHtml {
  const id = `${props.idPrefix}-thread-mode`;
  const about = props.headline
    ? html`<span class="visually-hidden"> on “${props.headline}”</span>`
    : '';
  return postForm(
    ctx,
    '/admin/moderation/thread',
    html`<input type="hidden" name="articleId" value="${props.articleId}" />
      ${props.back ? html`<input type="hidden" name="back" value="${props.back}" />` : ''}
      <div class="field">
        <label for="${id}">Comments${about}</label>
        <select id="${id}" name="mode">
          ${choices.map(
            (c) =>
              html`<option value="${c.value}" ${c.value === (props.mode ?? '') ? html` selected` : ''}>${c.text}</option>`,
          )}
        </select>
      </div>
      <button type="submit" class="button button--secondary">Save${about}</button>`,
    {
      className: 'form form--row thread-settings',
      label: `Comment settings of the thread, now ${threadModeLabels[props.mode ?? '']}`,
    },
  );
}

/** On the article page, for moderators and admins (their page is private, never cached). */
export function threadSettingsPanel(
  ctx: PageContext,
  props: { articleId: string; mode: CommentMode | null; done: boolean },
): SafeHtml {
  return html`<section class="panel thread-panel" id="thread-settings" aria-labelledby="thread-settings-heading">
    <h2 id="thread-settings-heading">Moderate this thread</h2>
    ${props.done ? html`<p class="done-banner" role="status">The thread’s comment settings were saved.</p>` : ''}
    <p class="hint">
      Close the comments, hold every new one for review, or open them again. The queue for this
      article: <a href="/admin/moderation?status=pending&amp;article=${props.articleId}">pending</a>,
      <a href="/admin/moderation?status=reported&amp;article=${props.articleId}">reported</a>.
    </p>
    ${threadSettingsForm(ctx, { articleId: props.articleId, mode: props.mode, back: '', idPrefix: 'article' })}
  </section>`;
}
