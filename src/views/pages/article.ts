import { articlePath } from '../../domain/article.js';
import type { ArticlePage } from '../../services/reading.js';
import type { Translator } from '../../i18n/translator.js';
import type { PageContext } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import { icons } from '../icons.js';
import { layout } from '../layout.js';
import { articleMetadata } from '../structured-data.js';
import { adjustPanel } from './adjust-panel.js';
import { articleBody, articleHeader, mainImage } from './article-content.js';
import { correctionsBlock } from './corrections.js';
import type { CommentMode } from '../../domain/comment-settings.js';
import { threadSettingsPanel } from './thread-settings.js';
import { subscribeBox } from '../newsletters.js';
import { commentsSection, type CommentFormState, type PersonalComments } from './comments.js';
import type { CommentsPage, CommentViewerState } from '../../services/comment-threads.js';
import type { LiveView } from '../../services/live.js';
import { liveSection } from '../live.js';
import type { MostReadItem } from '../../services/insights-report.js';
import { mostReadBlock } from './front.js';

function toolbar(ctx: PageContext, page: ArticlePage, path: string): SafeHtml {
  const { i18n } = ctx;
  const n = page.article.commentCount;
  // "Include comments" only does something with JavaScript (it sets a class on <html> that the
  // print style sheet reads), so it is shown only then; without JavaScript the print view offers
  // the same choice as a link.
  return html`<div class="toolbar" role="group" aria-label="${i18n.t('reader.article.tools')}">
    ${adjustPanel(ctx, path)}
    <a class="tool" href="#comments">${icons.comment}<span aria-hidden="true">${i18n.t('reader.article.comment')}</span><span class="badge" aria-hidden="true">${i18n.number(n)}</span><span class="visually-hidden">${i18n.t('reader.article.commentCount', { count: n })}</span></a>
    <a class="tool" href="${path}/print" data-print>${icons.print}<span>${i18n.t('reader.article.print')}</span></a>
    <label class="print-option"
      ><input type="checkbox" data-print-comments autocomplete="off" /><span
        >${i18n.rich('reader.article.printComments', {}, { hidden: (c) => html`<span class="visually-hidden">${c}</span>` })}</span
      ></label
    >
  </div>`;
}

/**
 * Where the print-out came from and when. The article page is the same bytes for every reader,
 * so there the date is left empty and reader.js fills it in on `beforeprint`; the print view,
 * which exists for readers without JavaScript, carries the day it was served (the script still
 * replaces it with the exact time when there is one).
 */
function printSource(i18n: Translator, url: string, printedAt: Date | undefined): SafeHtml {
  const iso = printedAt?.toISOString();
  const on = i18n.t('reader.print.on');
  const source = i18n.rich(
    'reader.print.source',
    { address: url },
    { url: (c) => html`<span class="print-url">${c}</span>` },
  );
  return html`<p class="print-source print-only" data-print-on="${on}">
    ${source}<span data-print-date
      >${iso ? html` ${on} <time datetime="${iso.slice(0, 10)}">${i18n.day(iso)}</time>` : ''}</span
    >
  </p>`;
}

function printNotice(i18n: Translator, path: string, withComments: boolean): SafeHtml {
  return html`<div class="print-notice">
    <p>${i18n.t('reader.print.notice')}</p>
    <p>
      ${
        withComments
          ? html`${i18n.t('reader.print.included')} <a href="${path}/print">${i18n.t('reader.print.leaveOut')}</a>`
          : html`${i18n.t('reader.print.leftOut')} <a href="${path}/print?comments=1">${i18n.t('reader.print.include')}</a>`
      }
      · <a href="${path}">${i18n.t('reader.print.back')}</a>
    </p>
  </div>`;
}

/** The thread's settings, for moderators and admins (a hole in the page drawn for everyone). */
function settingsPart(ctx: PageContext, settings: ThreadSettingsState | undefined): SafeHtml {
  return settings ? threadSettingsPanel(ctx, settings) : html``;
}

type ThreadSettingsState = { articleId: string; mode: CommentMode | null; done: boolean };

export function articlePageView(
  ctx: PageContext,
  page: ArticlePage,
  options: {
    print?: boolean;
    printComments?: boolean;
    /** The whole discussion for the print view with comments, and how many it holds of how many. */
    printedComments?: { page: CommentsPage; shown: number; total: number };
    now?: Date;
    commentForm?: CommentFormState;
    /** Only for a signed-in reader (their page is private, never cached). */
    personal?: PersonalComments;
    /** The signed-in reader's reactions, edit links and pending comments. */
    commentViewer?: CommentViewerState | null;
    /** For moderators and admins: the thread's comment mode, and whether it was just saved. */
    threadSettings?: ThreadSettingsState;
    /** A live article's updates (docs/live-coverage.md). */
    live?: LiveView | null;
    /** "Most read" in the article's section (docs/insights.md); not shown when empty. */
    mostRead?: { items: readonly MostReadItem[]; sectionName: string };
  } = {},
) {
  const a = page.article;
  const path = articlePath(a);
  const url = ctx.baseUrl + path;
  // High-priority notices stand above the body; the rest follow it. Retracted ones stay visible.
  const topNotices = a.corrections.filter((c) => c.priority === 'high');
  const bottomNotices = a.corrections.filter((c) => c.priority !== 'high');
  const print = options.print === true;
  const printComments = print && options.printComments === true;
  const { i18n } = ctx;
  const main = html`${print ? printNotice(i18n, path, printComments) : ''}
    <article class="article" aria-labelledby="headline">
      ${articleHeader(a, {
        headline: 'h1',
        links: true,
        timeZone: ctx.identity.timeZone,
        i18n,
        ...(print ? {} : { tools: toolbar(ctx, page, path) }),
        footer: printSource(i18n, url, print ? (options.now ?? new Date()) : undefined),
      })}
      ${mainImage(a.mainImage)}
      ${correctionsBlock(topNotices, 'top', 'corrections-heading', i18n)}
      ${articleBody(a.body, page, { notes: false, i18n })}
      ${options.live ? liveSection(i18n, options.live, path) : ''}
      ${correctionsBlock(bottomNotices, 'bottom', topNotices.length ? 'corrections-more-heading' : 'corrections-heading', i18n)}
      ${
        a.tags.length
          ? html`<p class="article-tags">
              ${i18n.t('reader.article.topics')}
              ${a.tags.map((t, i) => html`${i === 0 ? '' : ', '}<a href="/tag/${t.slug}">${t.name}</a>`)}
            </p>`
          : ''
      }
      ${
        page.related.length
          ? html`<aside class="related" aria-labelledby="related-heading">
              <h2 id="related-heading">${i18n.t('reader.article.related')}</h2>
              <ul>
                ${page.related.map((r) => html`<li><a href="${articlePath(r)}">${r.headline}</a></li>`)}
              </ul>
            </aside>`
          : ''
      }
    </article>
    ${
      !print && options.mostRead?.items.length
        ? mostReadBlock(
            ctx,
            options.mostRead.items,
            i18n.t('insights.mostRead.section', { section: options.mostRead.sectionName }),
          )
        : ''
    }
    ${print ? '' : subscribeBox(ctx, { id: 'newsletter', section: a.section })}
    ${
      print && !printComments
        ? ''
        : commentsSection(ctx, {
            path,
            count: options.printedComments?.total ?? a.commentCount,
            page: options.printedComments?.page ?? page.comments,
            ...(print
              ? {
                  print: {
                    shown: options.printedComments?.shown ?? page.comments.threads.length,
                    url: `${url}#comments`,
                  },
                }
              : {}),
            ...(print ? {} : { liveArticleId: a.id }),
            ...(options.commentForm ? { form: options.commentForm } : {}),
            ...(options.personal && !print ? { personal: options.personal } : {}),
            viewer: options.commentViewer ?? null,
          })
    }
    ${
      print
        ? ''
        : ctx.slots
          ? ctx.slots.add({ render: (v) => settingsPart(v.ctx, v.threadSettings) })
          : settingsPart(ctx, options.threadSettings)
    }`;

  return layout(ctx, {
    title: a.headline,
    description: a.standfirst || a.headline,
    canonical: url,
    currentSection: a.section.slug,
    now: options.now,
    ...(print
      ? {
          robots: 'noindex, follow',
          htmlClass: printComments ? 'print-view print-comments' : 'print-view',
        }
      : {}),
    head: html`${print ? '' : html`<script src="${ctx.assetUrl('live-comments.js')}" defer></script>`}
      ${articleMetadata(ctx, a, options.live ?? undefined)}
      ${print ? '' : html`<script src="${ctx.assetUrl('comments.js')}" defer></script>`}
      ${options.live && !print ? html`<script src="${ctx.assetUrl('live-updates.js')}" defer></script>` : ''}`,
    main,
  });
}
