import type { ArticleSummary } from '../../domain/article.js';
import { bylineOf, type User } from '../../domain/user.js';
import type { Page } from '../../services/reading.js';
import type { PageContext } from '../context.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import { storyCard } from './listing.js';

/** A listing page: an author's or a tag's articles, newest first, with an "older" link. */
export function listingPageView(
  ctx: PageContext,
  props: {
    title: string;
    intro: string;
    path: string;
    page: Page<ArticleSummary>;
    /** This listing has feeds at path/feed.xml and path/atom.xml. */
    hasFeeds?: boolean;
    isFirstPage: boolean;
    kicker?: string;
    /** An author's photo (a path on this site). */
    photo?: { src: string; alt: string };
  },
) {
  const { page } = props;
  const { i18n } = ctx;
  const main = html`<header${props.photo ? html` class="page-header--photo"` : ''}>
      ${props.photo ? html`<img class="author-photo" src="${props.photo.src}" alt="${props.photo.alt}" width="96" height="96" />` : ''}
      ${props.kicker ? html`<p class="kicker">${props.kicker}</p>` : ''}
      <h1 class="page-title">${props.title}</h1>
      ${props.intro ? html`<p class="page-intro">${props.intro}</p>` : ''}
    </header>
    ${
      page.items.length
        ? html`<ul class="stories">
          ${page.items.map((a) => storyCard(a, { headingLevel: 2, kicker: true, i18n }))}
        </ul>`
        : html`<p class="page-intro">${i18n.t('reader.listing.empty')}</p>`
    }
    ${
      page.nextCursor
        ? html`<p class="pager"><a href="${props.path}?cursor=${page.nextCursor}" rel="next">${i18n.t('common.page.older')}</a></p>`
        : ''
    }`;
  return layout(ctx, {
    title: props.title,
    description:
      props.intro ||
      i18n.t('reader.listing.description', { title: props.title, site: ctx.siteName }),
    canonical: ctx.baseUrl + props.path,
    ...(props.isFirstPage ? {} : { robots: 'noindex, follow' }),
    ...(props.hasFeeds
      ? { feeds: [{ title: `${ctx.siteName}: ${props.title}`, path: props.path }] }
      : {}),
    main,
  });
}

export function authorPageView(
  ctx: PageContext,
  author: User,
  page: Page<ArticleSummary>,
  isFirstPage: boolean,
) {
  return listingPageView(ctx, {
    kicker: ctx.i18n.t('reader.author.kicker'),
    title: bylineOf(author),
    intro: author.bio,
    ...(author.photoUrl
      ? {
          photo: {
            src: author.photoUrl,
            alt: ctx.i18n.t('reader.author.photo', { name: bylineOf(author) }),
          },
        }
      : {}),
    path: `/author/${author.slug}`,
    page,
    isFirstPage,
    hasFeeds: true,
  });
}

export function tagPageView(
  ctx: PageContext,
  tag: { slug: string; name: string },
  page: Page<ArticleSummary>,
  isFirstPage: boolean,
) {
  return listingPageView(ctx, {
    kicker: ctx.i18n.t('reader.tag.kicker'),
    title: tag.name,
    intro: '',
    path: `/tag/${tag.slug}`,
    page,
    isFirstPage,
    hasFeeds: true,
  });
}
