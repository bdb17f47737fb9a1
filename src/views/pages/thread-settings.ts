/**
 * The thread's comment mode for moderators (issue 18): a plain form that closes, pre-moderates
 * or reopens an article's comments, shown in the moderation queue and on the article page.
 */
import type { CommentMode } from '../../domain/comment-settings.js';
import type { MessageKey } from '../../i18n/translator.js';
import type { PageContext } from '../context.js';
import { postForm } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { hiddenTag } from '../rich-tags.js';

const choices: { value: CommentMode | ''; text: MessageKey }[] = [
  { value: 'open', text: 'comments.thread.mode.open' },
  { value: 'premoderated', text: 'comments.thread.mode.premoderated' },
  { value: 'closed', text: 'comments.thread.mode.closed' },
  { value: '', text: 'comments.thread.mode.site' },
];

/** The mode as the form's name says it: "…, now open". */
const nowLabels: Record<CommentMode | '', MessageKey> = {
  open: 'comments.thread.now.open',
  premoderated: 'comments.thread.now.premoderated',
  closed: 'comments.thread.now.closed',
  '': 'comments.thread.now.site',
};

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
  const { i18n } = ctx;
  const id = `${props.idPrefix}-thread-mode`;
  const about = { headline: props.headline ?? '' };
  const tags = { hidden: hiddenTag };
  const label = props.headline
    ? i18n.rich('comments.thread.label', about, tags)
    : i18n.t('comments.thread.labelPlain');
  const save = props.headline
    ? i18n.rich('comments.thread.save', about, tags)
    : i18n.t('comments.thread.savePlain');
  return postForm(
    ctx,
    '/admin/moderation/thread',
    html`<input type="hidden" name="articleId" value="${props.articleId}" />
      ${props.back ? html`<input type="hidden" name="back" value="${props.back}" />` : ''}
      <div class="field">
        <label for="${id}">${label}</label>
        <select id="${id}" name="mode">
          ${choices.map(
            (c) =>
              html`<option value="${c.value}" ${c.value === (props.mode ?? '') ? html` selected` : ''}>${i18n.t(c.text)}</option>`,
          )}
        </select>
      </div>
      <button type="submit" class="button button--secondary">${save}</button>`,
    {
      className: 'form form--row thread-settings',
      label: i18n.t('comments.thread.form', { mode: i18n.t(nowLabels[props.mode ?? '']) }),
    },
  );
}

/** On the article page, for moderators and admins (their page is private, never cached). */
export function threadSettingsPanel(
  ctx: PageContext,
  props: { articleId: string; mode: CommentMode | null; done: boolean },
): SafeHtml {
  const { i18n } = ctx;
  const queue = (status: string) => (words: SafeHtml) =>
    html`<a href="/admin/moderation?status=${status}&amp;article=${props.articleId}">${words}</a>`;
  return html`<section class="panel thread-panel" id="thread-settings" aria-labelledby="thread-settings-heading">
    <h2 id="thread-settings-heading">${i18n.t('comments.thread.heading')}</h2>
    ${props.done ? html`<p class="done-banner" role="status">${i18n.t('comments.thread.saved')}</p>` : ''}
    <p class="hint">
      ${i18n.rich('comments.thread.hint', {}, { pending: queue('pending'), reported: queue('reported') })}
    </p>
    ${threadSettingsForm(ctx, { articleId: props.articleId, mode: props.mode, back: '', idPrefix: 'article' })}
  </section>`;
}
