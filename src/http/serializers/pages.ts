/** A static page and its revisions as the JSON API gives them. */
import { pagePath, type Page, type PageRevision } from '../../domain/page.js';

export function pageJson(page: Page, baseUrl: string) {
  return {
    id: page.id,
    slug: page.slug,
    url: baseUrl + pagePath(page),
    title: page.title,
    description: page.description,
    body: page.body,
    status: page.status,
    version: page.version,
    createdAt: page.createdAt,
    modifiedAt: page.modifiedAt,
    publishedAt: page.publishedAt,
  };
}

export function pageRevisionJson(r: PageRevision) {
  return {
    version: r.version,
    savedAt: r.savedAt,
    savedBy: r.savedBy,
    note: r.note,
    title: r.content.title,
    slug: r.content.slug,
    description: r.content.description,
    body: r.content.body,
  };
}
