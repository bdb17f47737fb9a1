/**
 * The article page's data, read in two parts (issue 19, decision 0080): the article part (the
 * article, related stories, inline headlines, images) is kept in the page cache as a part while
 * no change of the article touches it, and the first page of comments is read fresh every time,
 * with the count. A new comment then costs reading the comments only.
 */
import type { CommentThreadService, CommentView } from '../services/comment-threads.js';
import type { ArticleLookup, ArticlePart, ReadingService } from '../services/reading.js';
import { articlePartTag, type PageCache } from './page-cache.js';

/** What reading an article page takes. */
export interface ArticleReading {
  reading: Pick<ReadingService, 'articleAt'>;
  threads: Pick<CommentThreadService, 'pageFor'>;
}

const articleTags = (articles: Iterable<{ id: string }>) =>
  [...articles].map((a) => `article:${a.id}`);

/**
 * The article page's data. The first page of comments is read fresh every time, the rest (the
 * article, related stories, images) is kept as a part in the page cache while no change of the
 * article touches it: a new comment then reads only the comments (decision 0080).
 */
export async function articlePageData(
  services: ArticleReading,
  cache: PageCache | undefined,
  path: string,
  slug: string,
  commentView: CommentView | undefined,
): Promise<ArticleLookup> {
  const firstPage =
    commentView === undefined || (commentView.kind === 'page' && !commentView.cursor);
  if (!cache || !firstPage) return services.reading.articleAt(path, slug, commentView);
  const key = `article-part ${path}`;
  const part = cache.part<ArticlePart>(key);
  if (part === undefined) {
    const ticket = cache.begin();
    const lookup = await services.reading.articleAt(path, slug, commentView);
    if (lookup.kind === 'found') {
      const { article, related, inline, images, renderedBody } = lookup.page;
      const read: ArticlePart = { article, related, inline, images, renderedBody };
      cache.putPart(
        ticket,
        key,
        read,
        [articlePartTag(article.id), ...articleTags([...related, ...inline.values()])],
        // The text twice (Markdown and HTML, two bytes a character) and the rest, roughly.
        4 * (article.body.length + (article.bodyHtml?.length ?? 0)) + 16_384,
      );
    }
    return lookup;
  }
  const comments = await services.threads.pageFor(
    part.article,
    commentView ?? { kind: 'page', sort: 'oldest' },
  );
  const commentCount = comments.commentCount ?? part.article.commentCount;
  return {
    kind: 'found',
    page: { ...part, article: { ...part.article, commentCount }, comments },
  };
}
