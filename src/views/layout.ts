import { localDay } from '../domain/local-time.js';
import { imagePath } from '../domain/image.js';
import { defaultFooter, onlySections, type MenuItem } from '../domain/menu.js';
import { logoDisplaySize, type SiteIdentity } from '../domain/site.js';
import { staffRoles } from '../domain/user.js';
import { headScript } from './head-script.js';
import { html, raw, type Renderable, type SafeHtml } from './html.js';
import type { PageContext, PageViewer } from './context.js';
import type { MessageKey, Translator } from '../i18n/translator.js';

export interface LayoutProps {
  title: string;
  description?: string;
  /** Absolute canonical URL */
  canonical?: string;
  /** Section slug to mark as current in the navigation */
  currentSection?: string;
  /** Static page id to mark as current in the menus */
  currentPage?: string;
  head?: Renderable;
  /** Extra classes on <html> (e.g. print view) */
  htmlClass?: string;
  main: SafeHtml;
  now?: Date;
  robots?: string;
  /**
   * Feeds of this page's subject besides the site's own (which every page advertises): the path
   * they live under, e.g. `/news` for /news/feed.xml and /news/atom.xml.
   */
  feeds?: { title: string; path: string }[];
}

/** <link rel="alternate"> for the RSS and Atom feeds under a path ('' for the site's). */
function feedLinks(i18n: Translator, baseUrl: string, title: string, path: string): SafeHtml {
  return html`<link
      rel="alternate"
      type="application/rss+xml"
      title="${i18n.t('common.feed.rss', { title })}"
      href="${baseUrl}${path}/feed.xml"
    />
    <link
      rel="alternate"
      type="application/atom+xml"
      title="${i18n.t('common.feed.atom', { title })}"
      href="${baseUrl}${path}/atom.xml"
    />`;
}

export function layout(ctx: PageContext, props: LayoutProps): SafeHtml {
  const title = props.title === ctx.siteName ? ctx.siteName : `${props.title} | ${ctx.siteName}`;
  const { i18n } = ctx;
  const navLabel = i18n.t(
    onlySections(ctx.menus.masthead) ? 'common.nav.sections' : 'common.nav.site',
  );
  return html`<!doctype html>
    <html lang="${ctx.i18n.lang}" dir="${ctx.i18n.dir}" ${props.htmlClass ? html` class="${props.htmlClass}"` : ''}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <script>${headScriptMarkup}</script>
        <link rel="stylesheet" href="${ctx.assetUrl('site.css')}" />
        <link
          rel="preload"
          href="${ctx.assetUrl('source-serif-4-latin-wght-normal.woff2')}"
          as="font"
          type="font/woff2"
          crossorigin
        />
        ${props.description ? html`<meta name="description" content="${props.description}" />` : ''}
        ${props.canonical ? html`<link rel="canonical" href="${props.canonical}" />` : ''}
        ${props.robots ? html`<meta name="robots" content="${props.robots}" />` : ''}
        ${feedLinks(i18n, ctx.baseUrl, ctx.siteName, '')}
        ${(props.feeds ?? []).map((f) => feedLinks(i18n, ctx.baseUrl, f.title, f.path))}
        ${iconLinks(ctx.identity)}
        <meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)" />
        <meta name="theme-color" content="#141414" media="(prefers-color-scheme: dark)" />
        ${props.head}
        <script src="${ctx.assetUrl('reader.js')}" defer></script>
      </head>
      <body data-time-zone="${ctx.identity.timeZone}">
        <a class="skip-link" href="#main">${i18n.t('common.skip')}</a>
        <header class="masthead">
          <div class="wrap">
            <div class="masthead__top">
              <time datetime="${localDay((props.now ?? ctx.now).getTime(), ctx.identity.timeZone)}"
                >${i18n.day(props.now ?? ctx.now)}</time
              >${
                ctx.identity.tagline
                  ? html`<span class="masthead__motto">${ctx.identity.tagline}</span>`
                  : ''
              }<span class="masthead__tools"
                ><a class="masthead__search" href="/search">${i18n.t('common.search')}</a>${
                  ctx.slots
                    ? ctx.slots.add({
                        render: (v) => accountArea(v.ctx.i18n, v.ctx.viewer ?? null),
                      })
                    : accountArea(i18n, ctx.viewer ?? null)
                }</span
              >
            </div>
            <p class="masthead__title"><a href="/">${masthead(ctx.identity)}</a></p>
          </div>
          <nav class="sections" aria-label="${navLabel}">
            <ul class="wrap">
              <li>
                <a href="/" ${props.currentSection === '' ? html` aria-current="page"` : ''}
                  >${i18n.t('common.home')}</a
                >
              </li>
              ${ctx.menus.masthead.map((item) => html`<li>${menuLink(item, props)}</li>`)}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <div class="wrap">${props.main}</div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            ${ctx.identity.footerText ? html`<p>${ctx.identity.footerText}</p>` : ''}
            <p>
              ${ctx.siteName}${ctx.identity.credit ? ` · ${i18n.t('common.credit')}` : ''}
            </p>
            ${
              ctx.menus.footer.length
                ? html`<nav class="footer-links" aria-label="${i18n.t('common.nav.footer')}">
                    <ul>
                      ${ctx.menus.footer.map((item) => html`<li>${menuLink(footerItem(i18n, item), props)}</li>`)}
                    </ul>
                  </nav>`
                : ''
            }
          </div>
        </footer>
      </body>
    </html> `;
}

/** The footer's built-in links (before an admin writes their own), by address. */
const builtInFooter: Readonly<Record<string, MessageKey>> = {
  '/corrections': 'common.footer.corrections',
  '/feed.xml': 'common.footer.rss',
  '/atom.xml': 'common.footer.atom',
};

/**
 * A footer entry as the reader reads it: the built-in links, still with their built-in English
 * labels, in the page's language; what an admin wrote stays as they wrote it.
 */
function footerItem(i18n: Translator, item: MenuItem): MenuItem {
  const key = builtInFooter[item.href];
  const builtIn = defaultFooter.some(
    (e) => e.kind === 'link' && e.url === item.href && e.label === item.text,
  );
  return key && builtIn ? { ...item, text: i18n.t(key) } : item;
}

/** One menu entry's link, marked current on its own section's or page's page. */
function menuLink(item: MenuItem, props: LayoutProps): SafeHtml {
  const current =
    (item.section !== undefined && item.section === props.currentSection) ||
    (item.page !== undefined && item.page === props.currentPage);
  return html`<a href="${item.href}" ${current ? html` aria-current="page"` : ''}>${item.text}</a>`;
}

/** The site's name in letters, or its logo (named by the site's name for screen readers). */
function masthead(identity: SiteIdentity): SafeHtml | string {
  if (!identity.logo) return identity.name;
  const { width, height } = logoDisplaySize(identity.logo);
  return html`<img
    class="masthead__logo"
    src="${imagePath(identity.logo.file)}"
    width="${width}"
    height="${height}"
    alt="${identity.name}"
  />`;
}

/** The site's icons, when an admin has made them (src/http/routes/site-files.ts serves them). */
function iconLinks(identity: SiteIdentity): SafeHtml | string {
  if (!identity.icons) return '';
  return html`<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48" />
    <link rel="icon" type="image/png" sizes="32x32" href="${imagePath(identity.icons.png32)}" />
    <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
    <link rel="manifest" href="/site.webmanifest" />`;
}

/**
 * Signing in and out. Anonymous readers all get the same link (their pages stay identical bytes);
 * a signed-in person sees their name, Admin if they are staff, and a Sign out button.
 */
function accountArea(i18n: Translator, viewer: PageViewer | null): SafeHtml {
  if (!viewer) {
    return html`<nav class="account-nav" aria-label="${i18n.t('common.nav.account')}">
      <a href="/signin">${i18n.t('common.signIn')}</a>
    </nav>`;
  }
  return html`<nav class="account-nav" aria-label="${i18n.t('common.nav.account')}">
    ${staffRoles.includes(viewer.role) ? html`<a href="/admin">${i18n.t('common.admin')}</a>` : ''}
    <a href="/account" class="account-nav__name">${viewer.name}</a>
    <form method="post" action="/signout">
      <input type="hidden" name="_csrf" value="${viewer.csrfToken}" />
      <button type="submit" class="link-button">${i18n.t('common.signOut')}</button>
    </form>
  </nav>`;
}

// The script text must be byte-identical to what the CSP hash was computed from.
const headScriptMarkup = raw(headScript);
