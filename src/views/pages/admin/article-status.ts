/**
 * Where an article stands, as every newsroom article page says it: the status names and tag, the
 * times, what the viewer may do with it, and the notice after a form did something.
 */
import { hiddenTag, timeTag } from '../../rich-tags.js';
import type { Article } from '../../../domain/article.js';
import { deletedDraftRetentionDays } from '../../../domain/draft-deletion.js';
import { defaultLanguage } from '../../../i18n/languages.js';
import { translator, type MessageKey, type Translator } from '../../../i18n/translator.js';
import { html, type SafeHtml } from '../../html.js';

/** The notices a `?done=` key names, by their catalogue message. */
export const articleNotices = {
  created: 'newsroom.notice.created',
  saved: 'newsroom.notice.saved',
  submitted: 'newsroom.notice.submitted',
  returned: 'newsroom.notice.returned',
  published: 'newsroom.notice.published',
  scheduled: 'newsroom.notice.scheduled',
  unpublished: 'newsroom.notice.unpublished',
  cancelled: 'newsroom.notice.cancelled',
  corrected: 'newsroom.notice.corrected',
  retracted: 'newsroom.notice.retracted',
  restored: 'newsroom.notice.restored',
  comments: 'newsroom.notice.comments',
  image: 'newsroom.notice.image',
  imageRemoved: 'newsroom.notice.imageRemoved',
  imageSaved: 'newsroom.notice.imageSaved',
  imagePlaced: 'newsroom.notice.imagePlaced',
  deleted: 'newsroom.notice.deleted',
  recovered: 'newsroom.notice.recovered',
} as const satisfies Record<string, MessageKey>;

export type ArticleNotice = keyof typeof articleNotices;

/** The notice a `?done=` key names; unknown keys (and `__proto__`) name none. */
export function articleNotice(key: string | undefined): ArticleNotice | undefined {
  return key !== undefined && Object.hasOwn(articleNotices, key)
    ? (key as ArticleNotice)
    : undefined;
}

/** A notice's words in the page's language. */
export function noticeText(
  i18n: Translator,
  notice: ArticleNotice | undefined,
): string | undefined {
  return notice ? i18n.t(articleNotices[notice], { days: deletedDraftRetentionDays }) : undefined;
}

const statusKeys = {
  draft: 'newsroom.status.draft',
  review: 'newsroom.status.review',
  scheduled: 'newsroom.status.scheduled',
  published: 'newsroom.status.published',
  unpublished: 'newsroom.status.unpublished',
} as const satisfies Record<Article['status'], MessageKey>;

/** The statuses in the order the list's filter offers them. */
export const statuses = Object.keys(statusKeys) as Article['status'][];

/** A status's name ("In review"). */
export function statusName(i18n: Translator, status: Article['status']): string {
  return i18n.t(statusKeys[status]);
}

export interface EditorPermissions {
  edit: boolean;
  submit: boolean;
  /** Publish, schedule, unpublish, mark substantive, corrections. */
  editor: boolean;
  /** Delete the draft (never published; authors their own). */
  delete?: boolean;
}

/**
 * An instant as a `<time>`, in the page's language and the site's zone. (Given a zone instead of
 * a translator, in the default language: for callers not yet moved to `ctx.i18n`.)
 */
export function when(iso: string | null, i18n: Translator | string): SafeHtml {
  const t = typeof i18n === 'string' ? translator(defaultLanguage, i18n) : i18n;
  return iso ? html`<time datetime="${iso}">${t.dateTime(iso)}</time>` : html``;
}

export function statusTag(
  a: { status: Article['status']; publishAt: string | null },
  i18n: Translator,
): SafeHtml {
  return html`<span class="tag tag--${a.status}">${statusName(i18n, a.status)}</span>${
    a.status === 'scheduled' && a.publishAt
      ? html` ${i18n.rich('newsroom.status.for', { when: i18n.dateTime(a.publishAt) }, { time: timeTag(a.publishAt) })}`
      : ''
  }`;
}

/** "Ann, Bob and Cy" in the page's language. */
export function joinNames(i18n: Translator, names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return i18n.t('newsroom.names.and', {
    first: names.slice(0, -1).join(', '),
    last: names[names.length - 1]!,
  });
}

// The tags rich messages use, shared with the reader's pages.
export { hiddenTag, timeTag };
