/** Story cards shared by the front page, section, tag and author pages. */
import { articlePath, type ArticleSummary } from '../../domain/article.js';
import { html, type SafeHtml } from '../html.js';
import { formatDateTime, joinNames, plural } from '../format.js';
import { imgTag, sizes } from '../image.js';

export function storyMeta(a: ArticleSummary, timeZone: string): SafeHtml {
  return html`<p class="story-meta">
    ${a.authors.length ? html`By ${joinNames(a.authors.map((x) => x.name))} · ` : ''}${
      a.publishedAt
        ? html`<time datetime="${a.publishedAt}">${formatDateTime(a.publishedAt, timeZone)}</time>`
        : ''
    }${a.commentCount > 0 ? html` · <a class="comment-count" href="${articlePath(a)}#comments">${plural(a.commentCount, 'comment', 'comments')}</a>` : ''}
  </p>`;
}

export function storyCard(
  a: ArticleSummary,
  options: { headingLevel: 2 | 3; kicker?: boolean; timeZone: string },
): SafeHtml {
  const link = html`<a href="${articlePath(a)}">${a.headline}</a>`;
  return html`<li class="story${a.mainImage ? ' story--image' : ''}">
    ${a.mainImage ? imgTag(a.mainImage, { sizes: sizes.card, lazy: true, className: 'story__image' }) : ''}
    ${options.kicker ? html`<p class="kicker"><a href="/${a.section.slug}">${a.section.name}</a></p>` : ''}
    ${options.headingLevel === 2 ? html`<h2>${link}</h2>` : html`<h3>${link}</h3>`}
    ${a.standfirst ? html`<p class="standfirst">${a.standfirst}</p>` : ''} ${storyMeta(a, options.timeZone)}
  </li>`;
}
