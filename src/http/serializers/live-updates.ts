/** A live update as the JSON API gives it (the stream adds its HTML as the page draws it). */
import type { LiveUpdate } from '../../domain/live.js';

export function liveUpdateJson(update: LiveUpdate) {
  return {
    id: update.id,
    articleId: update.articleId,
    postedAt: update.postedAt,
    authors: update.authors,
    title: update.title,
    body: update.body,
    keyEvent: update.keyEvent,
    pinned: update.pinned,
    closing: update.closing,
    editedAt: update.editedAt,
  };
}
