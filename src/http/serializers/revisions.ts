/** A saved revision of an article as the JSON API gives it: who saved it, and the content then. */
import type { ArticleRevision } from '../../domain/newsroom.js';

export function revisionJson(r: ArticleRevision) {
  return {
    version: r.version,
    savedAt: r.savedAt,
    savedBy: r.savedBy,
    substantive: r.substantive,
    note: r.note,
    headline: r.content.headline,
    slug: r.content.slug,
    section: r.content.sectionSlug,
    standfirst: r.content.standfirst,
    body: r.content.body,
    dateline: r.content.dateline,
    authorIds: r.content.authorIds,
    tags: r.content.tags,
    relatedIds: r.content.relatedIds,
  };
}
