/**
 * schema.org's LiveBlogPosting for a live article (https://schema.org/LiveBlogPosting): the
 * article's own NewsArticle fields that BlogPosting also has, the coverage's start and end, and
 * the updates the page shows as `liveBlogUpdate` BlogPostings, each with its permalink.
 */
import { articlePath, type Article } from '../domain/article.js';
import { imageIdsIn } from '../domain/body.js';
import { fallbackOf, imagePath } from '../domain/image.js';
import type { LiveCoverage, LiveUpdate } from '../domain/live.js';
import type { SiteContext } from './context.js';
import { updatePath } from './live.js';

export interface LiveData {
  coverage: LiveCoverage;
  /** The updates the page shows (newest first or oldest first). */
  updates: readonly LiveUpdate[];
}

/**
 * Plain text of an update's Markdown, for `articleBody`: without its `[[image:…]]` and
 * `[[related:…]]` lines (the images travel as `image`), links as their text.
 */
export const plainUpdateText = (body: string): string =>
  body
    .replace(/^[ \t]*\[\[(?:related|image):[^\]]*\]\][ \t]*$/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const plain = plainUpdateText;

const withImages = (image: object[]) => (image.length ? { image } : {});

/** The pictures an update places that are uploaded, as ImageObjects with absolute addresses. */
function placedImages(ctx: SiteContext, u: LiveUpdate) {
  const images = u.placed ? imageIdsIn(u.body).flatMap((id) => u.placed?.images.get(id) ?? []) : [];
  return images.flatMap((image) => {
    const file = fallbackOf(image);
    return file
      ? [
          {
            '@type': 'ImageObject',
            url: ctx.baseUrl + imagePath(file.file),
            contentUrl: ctx.baseUrl + imagePath(file.file),
            width: file.width,
            height: file.height,
            ...(image.caption ? { caption: image.caption } : {}),
          },
        ]
      : [];
  });
}

export function liveBlogJsonLd(article: object, ctx: SiteContext, a: Article, live: LiveData) {
  const path = articlePath(a);
  // `dateline` belongs to NewsArticle only; everything else NewsArticle says, BlogPosting has.
  const fields = { ...(article as Record<string, unknown>) };
  delete fields.dateline;
  const last = live.updates.reduce<string | null>(
    (latest, u) => (latest === null || u.postedAt > latest ? u.postedAt : latest),
    null,
  );
  return {
    ...fields,
    '@type': 'LiveBlogPosting',
    coverageStartTime: live.coverage.startedAt,
    ...(live.coverage.endedAt ? { coverageEndTime: live.coverage.endedAt } : {}),
    ...(last && last > String(fields.dateModified ?? '') ? { dateModified: last } : {}),
    liveBlogUpdate: live.updates.map((u) => ({
      '@type': 'BlogPosting',
      '@id': `${ctx.baseUrl}${updatePath(path, u.id)}`,
      url: `${ctx.baseUrl}${updatePath(path, u.id)}`,
      headline: u.title ?? plain(u.body).slice(0, 110),
      articleBody: plain(u.body),
      datePublished: u.postedAt,
      ...(u.editedAt ? { dateModified: u.editedAt } : {}),
      ...withImages(placedImages(ctx, u)),
      author: u.authors.map((p) => ({
        '@type': 'Person',
        name: p.name,
        url: `${ctx.baseUrl}/author/${p.slug}`,
      })),
    })),
  };
}
