import type { ArticleSummary } from '../../domain/article.js';
import type { Page } from '../../services/reading.js';
import type { Section } from '../../domain/section.js';
import type { PageContext } from '../context.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import { storyCard } from './listing.js';

export function sectionPageView(
  ctx: PageContext,
  section: Section,
  page: Page<ArticleSummary>,
  isFirstPage: boolean,
) {
  const { i18n } = ctx;
  const main = html`<h1 class="page-title">${section.name}</h1>
    ${section.description ? html`<p class="page-intro">${section.description}</p>` : ''}
    ${
      page.items.length
        ? html`<ul class="stories">
            ${page.items.map((a) => storyCard(a, { headingLevel: 2, i18n }))}
          </ul>`
        : html`<p class="page-intro">${i18n.t('reader.section.empty')}</p>`
    }
    ${page.nextCursor ? html`<p class="pager"><a href="/${section.slug}?cursor=${page.nextCursor}" rel="next">${i18n.t('common.page.older')}</a></p>` : ''}`;
  return layout(ctx, {
    title: section.name,
    description:
      section.description ||
      i18n.t('reader.section.description', { section: section.name, site: ctx.siteName }),
    canonical: `${ctx.baseUrl}/${section.slug}`,
    currentSection: section.slug,
    feeds: [{ title: `${ctx.siteName}: ${section.name}`, path: `/${section.slug}` }],
    ...(isFirstPage ? {} : { robots: 'noindex, follow' }),
    main,
  });
}
