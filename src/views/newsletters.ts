/**
 * Readers' newsletter pages: the subscribe box (article and front page), the subscribe page with
 * the archive, the confirmation and manage pages reached from emails, an archived issue, and the
 * panel on /account. Every form works without JavaScript.
 */
import { articlePath, type ArticleSummary, type SectionRef } from '../domain/article.js';
import {
  alertsList,
  briefingList,
  sectionList,
  type NewsletterIssue,
  type Subscriber,
} from '../domain/newsletter.js';
import type { ListChoice } from '../services/newsletters.js';
import type { PageContext } from './context.js';
import { errorSummary, field, postForm, submitButton, type FormProblem } from './forms.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';
import { accountPage } from './pages/account/page.js';

function listChoices(
  ctx: PageContext,
  idPrefix: string,
  lists: readonly ListChoice[],
  checked: ReadonlySet<string>,
  legend: string,
): SafeHtml {
  return html`<fieldset class="fieldset newsletter-lists">
    <legend>${legend}</legend>
    ${lists.map(
      (l, i) => html`<div class="field field--checkbox">
        <input type="checkbox" id="${idPrefix}-${i}" name="lists" value="${l.list}" ${checked.has(l.list) ? html`checked` : ''} />
        <label for="${idPrefix}-${i}">${l.label}</label>
      </div>`,
    )}
  </fieldset>`;
}

/**
 * The box at the foot of an article and on the front page: an address and a few lists (the
 * briefing, alerts, and the article's section's digest when there is one). The same for every
 * reader, so cached pages can carry it.
 */
export function subscribeBox(
  ctx: PageContext,
  options: { id: string; section?: SectionRef },
): SafeHtml {
  const { t } = ctx.i18n;
  const heading = `${options.id}-heading`;
  const lists: ListChoice[] = [
    { list: briefingList, label: t('newsletters.list.briefing') },
    { list: alertsList, label: t('newsletters.list.alerts') },
    ...(options.section
      ? [
          {
            list: sectionList(options.section.slug),
            label: t('newsletters.list.section', { name: options.section.name }),
          },
        ]
      : []),
  ];
  return html`<section class="newsletter-box panel" aria-labelledby="${heading}">
    <h2 id="${heading}">${t('newsletters.box.heading')}</h2>
    <p>${t('newsletters.box.intro')}</p>
    ${postForm(
      ctx,
      '/newsletters/subscribe',
      html`${field({ id: `${options.id}-email`, name: 'email', type: 'email', label: t('newsletters.box.email'), autocomplete: 'email', required: true })}
      ${listChoices(ctx, `${options.id}-list`, lists, new Set([briefingList]), t('newsletters.box.lists'))}
      ${submitButton(t('newsletters.box.submit'))}`,
    )}
  </section>`;
}

function kindName(ctx: PageContext, issue: NewsletterIssue): string {
  return ctx.i18n.t(`newsletters.kind.${issue.kind}`);
}

/** /newsletters: the subscribe form, then every issue sent, newest first. */
export function archiveView(
  ctx: PageContext,
  props: {
    lists: ListChoice[];
    issues: NewsletterIssue[];
    olderHref: string | null;
    problem?: FormProblem | undefined;
    email?: string;
    chosen?: readonly string[];
  },
): SafeHtml {
  const { t, dateTime } = ctx.i18n;
  const chosen = new Set(props.chosen ?? props.lists.slice(0, 1).map((l) => l.list));
  return layout(ctx, {
    title: props.problem
      ? t('errors.form.title', { title: t('newsletters.subscribe.title') })
      : t('newsletters.subscribe.title'),
    main: html`<div class="form-page newsletters">
      <h1>${t('newsletters.subscribe.title')}</h1>
      <p>${t('newsletters.subscribe.intro')}</p>
      ${errorSummary(props.problem, undefined, ctx.i18n)}
      ${postForm(
        ctx,
        '/newsletters/subscribe',
        html`${field({ id: 'email', name: 'email', type: 'email', label: t('newsletters.box.email'), autocomplete: 'email', required: true, value: props.email ?? '', problem: props.problem, i18n: ctx.i18n })}
        ${listChoices(ctx, 'list', props.lists, chosen, t('newsletters.box.lists'))}
        ${submitButton(t('newsletters.box.submit'))}`,
        { id: 'subscribe' },
      )}
      <section class="panel" aria-labelledby="archive-heading">
        <h2 id="archive-heading">${t('newsletters.archive.title')}</h2>
        <p>${t('newsletters.archive.intro')}</p>
        ${
          props.issues.length === 0
            ? html`<p>${t('newsletters.archive.empty')}</p>`
            : html`<ul class="newsletter-archive">
                ${props.issues.map(
                  (i) => html`<li>
                    <a href="/newsletters/${i.slug}">${i.subject}</a>
                    <span class="meta">${kindName(ctx, i)} · <time datetime="${i.queuedAt ?? i.createdAt}">${dateTime(i.queuedAt ?? i.createdAt)}</time></span>
                  </li>`,
                )}
              </ul>`
        }
        ${props.olderHref ? html`<p><a href="${props.olderHref}">${t('newsletters.archive.older')}</a></p>` : ''}
      </section>
    </div>`,
  });
}

/** One sent issue on the web: its own address, the stories as links. */
export function issueView(
  ctx: PageContext,
  props: { issue: NewsletterIssue; articles: ArticleSummary[] },
): SafeHtml {
  const { t, dateTime } = ctx.i18n;
  const { issue, articles } = props;
  const when = issue.queuedAt ?? issue.createdAt;
  return layout(ctx, {
    title: issue.subject,
    main: html`<article class="form-page newsletter-issue" aria-labelledby="issue-title">
      <p class="meta">${kindName(ctx, issue)} · ${t('newsletters.issue.sent', { when: dateTime(when) })}</p>
      <h1 id="issue-title">${issue.subject}</h1>
      ${issue.intro ? html`<p class="standfirst">${issue.intro}</p>` : ''}
      ${
        articles.length === 0
          ? html`<p>${t('newsletters.issue.gone')}</p>`
          : html`<ol class="newsletter-stories">
              ${articles.map(
                (a) => html`<li>
                  <p class="meta">${a.section.name}</p>
                  <h2><a href="${articlePath(a)}">${a.headline}</a></h2>
                  ${a.standfirst ? html`<p>${a.standfirst}</p>` : ''}
                </li>`,
              )}
            </ol>`
      }
      <p><a href="/newsletters">${t('newsletters.issue.archive')}</a></p>
    </article>`,
  });
}

/** After the subscribe form: what to do next (the same whatever the address's state). */
export function sentView(ctx: PageContext, email: string): SafeHtml {
  const { t } = ctx.i18n;
  return accountPage(ctx, {
    title: t('newsletters.sent.title'),
    main: html`<h1>${t('newsletters.sent.title')}</h1>
      <p role="status">${t('newsletters.sent.message', { email })}</p>`,
  });
}

/** The confirmation link's page: one button, so a link scanner confirms nothing. */
export function confirmView(ctx: PageContext, token: string, subscriber: Subscriber): SafeHtml {
  const { t } = ctx.i18n;
  return accountPage(ctx, {
    title: t('newsletters.confirmPage.title'),
    main: html`<h1>${t('newsletters.confirmPage.title')}</h1>
      <p>${t('newsletters.confirmPage.intro', { email: subscriber.email })}</p>
      ${postForm(
        ctx,
        `/newsletters/confirm?token=${encodeURIComponent(token)}`,
        submitButton(t('newsletters.confirmPage.button')),
      )}`,
  });
}

/** The page every mail's link opens: the lists, and leaving everything. */
export function manageView(
  ctx: PageContext,
  props: { token: string; subscriber: Subscriber; lists: ListChoice[]; saved: boolean },
): SafeHtml {
  const { t } = ctx.i18n;
  const { subscriber } = props;
  const query = `?token=${encodeURIComponent(props.token)}`;
  return accountPage(ctx, {
    title: t('newsletters.manage.title'),
    main: html`<h1>${t('newsletters.manage.title')}</h1>
      ${props.saved ? html`<p class="done-banner" role="status">${t('newsletters.manage.saved')}</p>` : ''}
      ${subscriber.status === 'bounced' ? html`<p class="notice">${t('newsletters.manage.bounced')}</p>` : ''}
      <p>${t('newsletters.manage.intro', { email: subscriber.email })}</p>
      ${postForm(
        ctx,
        `/newsletters/manage${query}`,
        html`${listChoices(ctx, 'manage-list', props.lists, new Set(subscriber.status === 'left' ? [] : subscriber.lists), t('newsletters.manage.lists'))}
        ${submitButton(t('newsletters.manage.save'))}`,
      )}
      <p>${t('newsletters.manage.leaveIntro')}</p>
      ${postForm(ctx, `/newsletters/leave${query}`, submitButton(t('newsletters.manage.leave'), 'danger'))}`,
  });
}

/** A page that only says what happened. */
export function newsletterResult(
  ctx: PageContext,
  props: { title: string; message: string },
): SafeHtml {
  const { t } = ctx.i18n;
  return accountPage(ctx, {
    title: props.title,
    main: html`<h1>${props.title}</h1>
      <p role="status">${props.message}</p>
      <p><a href="/newsletters">${t('newsletters.issue.archive')}</a></p>`,
  });
}

/** The panel on /account: the lists, saved at once for a confirmed address. */
export function accountNewsletters(
  ctx: PageContext,
  props: { email: string; lists: ListChoice[]; subscriber: Subscriber | null },
): SafeHtml {
  const { t } = ctx.i18n;
  const { subscriber } = props;
  const chosen = new Set(subscriber && subscriber.status !== 'left' ? subscriber.lists : []);
  return html`<section class="panel" aria-labelledby="newsletters-heading">
    <h2 id="newsletters-heading">${t('newsletters.account.heading')}</h2>
    <p>${t('newsletters.account.intro', { email: props.email })}</p>
    ${subscriber?.status === 'bounced' ? html`<p class="notice">${t('newsletters.account.bounced')}</p>` : ''}
    ${postForm(
      ctx,
      '/account/newsletters',
      html`${listChoices(ctx, 'account-list', props.lists, chosen, t('newsletters.manage.lists'))}
      ${submitButton(t('newsletters.account.save'), 'secondary')}`,
    )}
  </section>`;
}
