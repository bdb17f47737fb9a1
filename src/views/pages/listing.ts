/** Story cards shared by the front page, section, tag and author pages. */
import { articlePath, type ArticleSummary } from '../../domain/article.js';
import type { Translator } from '../../i18n/translator.js';
import { html, type SafeHtml } from '../html.js';
import { nameList } from '../format.js';
import { imgTag, sizes } from '../image.js';

export function storyMeta(a: ArticleSummary, i18n: Translator): SafeHtml {
  const names = a.authors.map((x) => x.name);
  return html`<p class="story-meta">
    ${a.live ? html`<span class="live-label">${i18n.t('live.label')}</span> ` : ''}${a.authors.length ? html`${i18n.rich('reader.byline', {}, { names: () => nameList(i18n, names) })} · ` : ''}${
      a.publishedAt
        ? html`<time datetime="${a.publishedAt}">${i18n.dateTime(a.publishedAt)}</time>`
        : ''
    }${a.commentCount > 0 ? html` · <a class="comment-count" href="${articlePath(a)}#comments">${i18n.t('common.comments', { count: a.commentCount })}</a>` : ''}
  </p>`;
}

export function storyCard(
  a: ArticleSummary,
  options: { headingLevel: 2 | 3; kicker?: boolean; i18n: Translator },
): SafeHtml {
  const link = html`<a href="${articlePath(a)}">${a.headline}</a>`;
  return html`<li class="story${a.mainImage ? ' story--image' : ''}">
    ${a.mainImage ? imgTag(a.mainImage, { sizes: sizes.card, lazy: true, className: 'story__image' }) : ''}
    ${options.kicker ? html`<p class="kicker"><a href="/${a.section.slug}">${a.section.name}</a></p>` : ''}
    ${options.headingLevel === 2 ? html`<h2>${link}</h2>` : html`<h3>${link}</h3>`}
    ${a.standfirst ? html`<p class="standfirst">${a.standfirst}</p>` : ''} ${storyMeta(a, options.i18n)}
  </li>`;
}
