/**
 * Where an article stands, as every newsroom article page says it: the status names and tag, the
 * times, what the viewer may do with it, and the notice after a form did something.
 */
import type { Article } from '../../../domain/article.js';
import { formatDateTime } from '../../format.js';
import { html, type SafeHtml } from '../../html.js';

export const articleNotices = {
  created: 'The draft has been created.',
  saved: 'Saved.',
  submitted: 'Submitted for review. An editor will take it from here.',
  returned: 'Sent back to draft. The author sees your note on this page.',
  published: 'Published.',
  scheduled: 'Scheduled.',
  unpublished: 'Unpublished: its address now says it was withdrawn.',
  cancelled: 'The schedule was cancelled; the article is back in review.',
  corrected: 'The notice has been added to the article.',
  retracted: 'The notice has been retracted; it stays visible with your note.',
  restored: 'The old version has been restored as the newest one.',
  comments: 'The comment settings have been saved.',
  image: 'The main image has been saved.',
  imageRemoved: 'The main image has been removed.',
  imageSaved: 'The image has been saved.',
  imagePlaced: 'The image has been uploaded and placed at the end of the body.',
  deleted: 'The draft has been deleted. An admin can recover it for 30 days.',
  recovered: 'The draft has been recovered as it was, with its revisions.',
} as const;

export const statusNames: Record<Article['status'], string> = {
  draft: 'Draft',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

export interface EditorPermissions {
  edit: boolean;
  submit: boolean;
  /** Publish, schedule, unpublish, mark substantive, corrections. */
  editor: boolean;
  /** Delete the draft (never published; authors their own). */
  delete?: boolean;
}

export function when(iso: string | null, timeZone: string): SafeHtml {
  return iso ? html`<time datetime="${iso}">${formatDateTime(iso, timeZone)}</time>` : html``;
}

export function statusTag(
  a: { status: Article['status']; publishAt: string | null },
  timeZone: string,
): SafeHtml {
  return html`<span class="tag tag--${a.status}">${statusNames[a.status]}</span>${
    a.status === 'scheduled' && a.publishAt ? html` for ${when(a.publishAt, timeZone)}` : ''
  }`;
}
