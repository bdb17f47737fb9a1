/** An article as the JSON API gives it: URLs made absolute, the main image included. */
import { articlePath, type Article } from '../../domain/article.js';
import { imageJson } from './images.js';

export function articleJson(article: Article, baseUrl: string) {
  return {
    id: article.id,
    slug: article.slug,
    url: baseUrl + articlePath(article),
    headline: article.headline,
    standfirst: article.standfirst,
    body: article.body,
    section: article.section,
    tags: article.tags,
    authors: article.authors,
    dateline: article.dateline,
    status: article.status,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    publishAt: article.publishAt,
    version: article.version,
    commentCount: article.commentCount,
    corrections: article.corrections,
    returned: article.returned,
    mainImage: article.mainImage ? imageJson(article.mainImage, baseUrl) : null,
  };
}
