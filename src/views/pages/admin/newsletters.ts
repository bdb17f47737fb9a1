/**
 * /admin/newsletters: what waits to go and what went (editors), one issue's edit form with its
 * preview and send/hold/release buttons, the settings and the bounced addresses (admins), and
 * the subscribers' search, CSV export and import (admins).
 */
import type { ArticleSummary } from '../../../domain/article.js';
import type {
  DeliveryCounts,
  IssueStatus,
  NewsletterIssue,
  Subscriber,
} from '../../../domain/newsletter.js';
import { subscriberStatuses } from '../../../domain/newsletter.js';
import type { CsvRowProblem } from '../../../domain/subscriber-csv.js';
import type { MessageKey } from '../../../i18n/translator.js';
import type { NewsletterClicks } from '../../../services/insights-report.js';
import type { NewsletterSettings } from '../../../services/newsletter-desk.js';
import type { ListChoice, SubscriberImportReport } from '../../../services/newsletters.js';
import type { PageContext } from '../../context.js';
import {
  csrfField,
  doneBanner,
  errorSummary,
  field,
  postForm,
  submitButton,
  type FormProblem,
} from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { clickRate } from './insights.js';
import { adminPage } from './page.js';
import { recordAction, recordTable } from './record-table.js';

export const newsletterNotices = {
  saved: 'newsletters.edit.saved',
  held: 'newsletters.edit.held',
  released: 'newsletters.edit.released',
  settings: 'newsletters.admin.saved',
  cleared: 'newsletters.admin.cleared',
} as const satisfies Record<string, MessageKey>;

const hidden = (text: string) => html`<span class="visually-hidden">${text}</span>`;

const kindName = (ctx: PageContext, issue: NewsletterIssue) =>
  ctx.i18n.t(`newsletters.kind.${issue.kind}`);
const statusName = (ctx: PageContext, status: IssueStatus) =>
  ctx.i18n.t(`newsletters.admin.status.${status}`);
const issueHref = (issue: NewsletterIssue) => `/admin/newsletters/${encodeURIComponent(issue.id)}`;

function unsentTable(ctx: PageContext, issues: NewsletterIssue[]) {
  const { t } = ctx.i18n;
  return recordTable({
    labelledBy: 'nl-unsent',
    columns: [
      t('newsletters.admin.subject'),
      t('newsletters.admin.kind'),
      t('newsletters.admin.status'),
      t('newsletters.admin.when'),
    ],
    rows: issues.map(
      (i) => html`<tr>
        <th scope="row"><a href="${issueHref(i)}">${i.subject}</a></th>
        <td>${kindName(ctx, i)}</td>
        <td>${statusName(ctx, i.status)}</td>
        <td>${i.sendAt ? ctx.i18n.dateTime(i.sendAt) : '—'}</td>
      </tr>`,
    ),
    empty: t('newsletters.admin.noneUnsent'),
  });
}

const countsText = (ctx: PageContext, c: DeliveryCounts) =>
  ctx.i18n.t('newsletters.admin.counts', {
    sent: ctx.i18n.number(c.sent),
    queued: ctx.i18n.number(c.queued),
    sending: ctx.i18n.number(c.sending),
    failed: ctx.i18n.number(c.failed),
  });

function sentTable(ctx: PageContext, sent: { issue: NewsletterIssue; counts: DeliveryCounts }[]) {
  const { t } = ctx.i18n;
  return recordTable({
    labelledBy: 'nl-sent',
    columns: [
      t('newsletters.admin.subject'),
      t('newsletters.admin.kind'),
      t('newsletters.admin.when'),
      t('newsletters.admin.deliveries'),
    ],
    rows: sent.map(
      ({ issue, counts }) => html`<tr>
        <th scope="row"><a href="${issueHref(issue)}">${issue.subject}</a></th>
        <td>${kindName(ctx, issue)}</td>
        <td>${issue.queuedAt ? ctx.i18n.dateTime(issue.queuedAt) : '—'}</td>
        <td>${countsText(ctx, counts)}</td>
      </tr>`,
    ),
    empty: t('newsletters.admin.noneSent'),
  });
}

/** A bounced address with the admin's button to clear it. */
function clearBounceButton(ctx: PageContext, s: Subscriber) {
  const { t } = ctx.i18n;
  return recordAction(ctx, {
    action: `/admin/newsletters/subscribers/${encodeURIComponent(s.id)}/clear-bounce`,
    label: t('newsletters.admin.clearBounce'),
    forRecord: t('newsletters.admin.clearBounceLabel', { email: s.email }),
  });
}

export interface NewsletterSettingsValues {
  briefingTime: string;
  sendAsBuilt: boolean;
  ratePerSecond: string;
}

function settingsForm(
  ctx: PageContext,
  values: NewsletterSettingsValues,
  problem: FormProblem | undefined,
) {
  const { t } = ctx.i18n;
  return postForm(
    ctx,
    '/admin/newsletters/settings',
    html`${field({ id: 'nl-briefing-time', name: 'briefingTime', label: t('newsletters.admin.briefingTime', { zone: ctx.identity.timeZone }), hint: t('newsletters.admin.briefingTimeHint'), value: values.briefingTime, maxlength: 5, problem, i18n: ctx.i18n })}
      <div class="field field--checkbox">
        <input type="checkbox" id="nl-send-as-built" name="sendAsBuilt" value="on" ${values.sendAsBuilt ? html`checked` : ''} />
        <label for="nl-send-as-built">${t('newsletters.admin.sendAsBuilt')}</label>
      </div>
      ${field({ id: 'nl-rate', name: 'ratePerSecond', label: t('newsletters.admin.rate'), value: values.ratePerSecond, maxlength: 6, problem, i18n: ctx.i18n })}
      ${submitButton(t('newsletters.admin.save'))}`,
    { id: 'nl-settings' },
  );
}

export const settingsValues = (s: NewsletterSettings): NewsletterSettingsValues => ({
  briefingTime: s.briefingTime,
  sendAsBuilt: s.sendAsBuilt,
  ratePerSecond: String(s.ratePerSecond),
});

export function newslettersView(
  ctx: PageContext,
  props: {
    unsent: NewsletterIssue[];
    sent: { issue: NewsletterIssue; counts: DeliveryCounts }[];
    bounced: Subscriber[];
    listCounts: { label: string; count: number }[];
    settings: NewsletterSettingsValues;
    admin: boolean;
    done?: MessageKey | undefined;
    problem?: FormProblem | undefined;
  },
): SafeHtml {
  const { t } = ctx.i18n;
  const main = html`<h1>${t('newsletters.admin.title')}</h1>
    ${errorSummary(props.problem, undefined, ctx.i18n)} ${doneBanner(props.done && t(props.done))}
    <p>${t('newsletters.admin.intro')}</p>
    <section aria-labelledby="nl-unsent">
      <h2 id="nl-unsent">${t('newsletters.admin.unsent')}</h2>
      ${unsentTable(ctx, props.unsent)}
    </section>
    <section aria-labelledby="nl-sent">
      <h2 id="nl-sent">${t('newsletters.admin.sentHeading')}</h2>
      ${sentTable(ctx, props.sent)}
    </section>
    <section aria-labelledby="nl-subscribers">
      <h2 id="nl-subscribers">${t('newsletters.admin.subscribers')}</h2>
      <ul>
        ${props.listCounts.map(
          (l) =>
            html`<li>${t('newsletters.admin.listCount', { list: l.label, count: ctx.i18n.number(l.count) })}</li>`,
        )}
      </ul>
      ${props.admin ? html`<p><a href="/admin/newsletters/subscribers">${t('newsletters.admin.subscribersLink')}</a></p>` : ''}
    </section>
    ${
      props.admin
        ? html`<section aria-labelledby="nl-settings-heading">
              <h2 id="nl-settings-heading">${t('newsletters.admin.settings')}</h2>
              ${settingsForm(ctx, props.settings, props.problem)}
            </section>
            <section aria-labelledby="nl-bounced">
              <h2 id="nl-bounced">${t('newsletters.admin.bounced')}</h2>
              ${
                props.bounced.length
                  ? html`<ul class="plain-list">
                      ${props.bounced.map(
                        (s) =>
                          html`<li>
                            ${t('newsletters.admin.bounceReason', { email: s.email, reason: s.bounceReason ?? '' })}
                            ${clearBounceButton(ctx, s)}
                          </li>`,
                      )}
                    </ul>`
                  : html`<p>${t('newsletters.admin.noneBounced')}</p>`
              }
            </section>`
        : ''
    }`;
  return adminPage(ctx, {
    title: t('newsletters.admin.title'),
    current: '/admin/newsletters',
    problem: props.problem,
    main,
  });
}

export interface IssueFormValues {
  subject: string;
  intro: string;
  /** The stories in the order shown, each with its position and whether it stays. */
  stories: { article: ArticleSummary; position: string; included: boolean }[];
}

export const issueValues = (
  issue: NewsletterIssue,
  articles: ArticleSummary[],
): IssueFormValues => ({
  subject: issue.subject,
  intro: issue.intro,
  stories: articles.map((article, i) => ({ article, position: String(i + 1), included: true })),
});

function storiesTable(ctx: PageContext, values: IssueFormValues) {
  const { t } = ctx.i18n;
  if (values.stories.length === 0) return html`<p>${t('newsletters.edit.noStories')}</p>`;
  return html`<table class="data-table">
    <thead>
      <tr>
        <th scope="col">${t('newsletters.edit.include')}</th>
        <th scope="col">${t('newsletters.edit.headline')}</th>
      </tr>
    </thead>
    <tbody>
      ${values.stories.map(({ article, position, included }, i) => {
        const id = `nl-story-${i}`;
        return html`<tr>
          <td>
            <input type="hidden" name="ids" value="${article.id}" />
            <input type="checkbox" id="${id}" name="articles" value="${article.id}" ${included ? html`checked` : ''} />
            <label for="${id}-pos" class="visually-hidden">${t('newsletters.edit.position', { headline: article.headline })}</label>
            <input type="number" id="${id}-pos" name="positions" value="${position}" min="1" max="99" inputmode="numeric" class="input--narrow" />
          </td>
          <td><label for="${id}">${article.headline}</label></td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

export function newsletterIssueView(
  ctx: PageContext,
  props: {
    issue: NewsletterIssue;
    listLabel: string;
    values: IssueFormValues;
    counts?: DeliveryCounts | undefined;
    /** A sent issue's clicks (decisions/0091). */
    clicks?: NewsletterClicks | undefined;
    done?: MessageKey | undefined;
    doneText?: string | undefined;
    problem?: FormProblem | undefined;
  },
): SafeHtml {
  const { t } = ctx.i18n;
  const { issue, values, problem } = props;
  const base = issueHref(issue);
  const unsent = issue.status !== 'queued';
  const action = (path: string, label: string, variant: 'primary' | 'secondary') =>
    postForm(ctx, `${base}/${path}`, submitButton(label, variant), {
      className: 'form form--bare',
    });
  const state =
    issue.status === 'queued'
      ? t('newsletters.edit.sentAt', { when: ctx.i18n.dateTime(issue.queuedAt ?? issue.createdAt) })
      : issue.status === 'held'
        ? t('newsletters.edit.held')
        : issue.status === 'waiting'
          ? t('newsletters.edit.waiting')
          : t('newsletters.edit.goesAt', {
              when: issue.sendAt ? ctx.i18n.dateTime(issue.sendAt) : '—',
            });
  const main = html`<p><a href="/admin/newsletters">${t('newsletters.edit.back')}</a></p>
    <h1>${t('newsletters.edit.title', { subject: issue.subject })}</h1>
    ${errorSummary(problem, undefined, ctx.i18n)}
    ${doneBanner(props.doneText ?? (props.done && t(props.done)))}
    <p>${kindName(ctx, issue)} · ${t('newsletters.edit.list', { list: props.listLabel })}</p>
    <p id="nl-state">${state}</p>
    ${props.counts ? html`<p>${countsText(ctx, props.counts)}</p>` : ''}
    ${
      props.clicks
        ? html`<p id="nl-clicks">${t('newsletters.edit.clicks', {
            clicks: ctx.i18n.number(props.clicks.clicks),
            rate: clickRate(ctx, props.clicks),
          })}</p>`
        : ''
    }
    <p>
      <a href="${base}/preview" target="_blank">${t('newsletters.edit.previewHtml')}</a> ·
      <a href="${base}/preview.txt" target="_blank">${t('newsletters.edit.previewText')}</a>
    </p>
    ${
      unsent
        ? html`${postForm(
            ctx,
            base,
            html`${field({ id: 'nl-subject', name: 'subject', label: t('newsletters.edit.subject'), value: values.subject, required: true, maxlength: 200, problem, i18n: ctx.i18n })}
              <div class="field">
                <label for="nl-intro">${t('newsletters.edit.intro')}</label>
                <textarea id="nl-intro" name="intro" rows="4" maxlength="2000">${values.intro}</textarea>
              </div>
              <fieldset class="field">
                <legend>${t('newsletters.edit.stories')}</legend>
                <p class="hint">${t('newsletters.edit.orderHint')}</p>
                ${storiesTable(ctx, values)}
              </fieldset>
              ${submitButton(t('newsletters.edit.save'))}`,
            { id: 'nl-edit' },
          )}
          <section aria-labelledby="nl-actions">
            <h2 id="nl-actions">${t('newsletters.edit.actions')}</h2>
            <div class="actions">
              ${issue.status === 'draft' || issue.status === 'held' ? action('send', t('newsletters.edit.sendNow'), 'primary') : ''}
              ${issue.status === 'draft' ? action('hold', t('newsletters.edit.hold'), 'secondary') : ''}
              ${issue.status === 'held' ? action('release', t('newsletters.admin.release'), 'secondary') : ''}
            </div>
          </section>`
        : ''
    }`;
  return adminPage(ctx, {
    title: t('newsletters.edit.title', { subject: issue.subject }),
    current: '/admin/newsletters',
    problem,
    main,
  });
}

export function problemText(ctx: PageContext, p: CsvRowProblem): string {
  const { t } = ctx.i18n;
  const line = ctx.i18n.number(p.line);
  switch (p.problem) {
    case 'email':
      return t('newsletters.subs.problem.email', { line });
    case 'list':
      return t('newsletters.subs.problem.list', { line, value: p.value });
    case 'consent':
      return t('newsletters.subs.problem.consent', { line, value: p.value });
    case 'duplicate':
      return t('newsletters.subs.problem.duplicate', { line, email: p.email });
    case 'status':
      return t('newsletters.subs.problem.status', { line, value: p.value });
  }
}

export interface SubscriberQuery {
  search: string;
  list: string;
  status: string;
  page: number;
}

function queryString(q: SubscriberQuery, page: number): string {
  const params = new URLSearchParams();
  if (q.search) params.set('search', q.search);
  if (q.list) params.set('list', q.list);
  if (q.status) params.set('status', q.status);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function subscriberRow(ctx: PageContext, s: Subscriber, labels: Map<string, string>) {
  const { t } = ctx.i18n;
  return html`<tr>
    <th scope="row">${s.email}</th>
    <td>
      ${t(`newsletters.status.${s.status}`)}
      ${s.consentAt ? html`<br /><span class="muted">${t('newsletters.subs.attestedBy', { when: ctx.i18n.dateTime(s.consentAt) })}</span>` : ''}
      ${s.status === 'bounced' ? clearBounceButton(ctx, s) : ''}
    </td>
    <td>${s.lists.length ? s.lists.map((l) => labels.get(l) ?? l).join(', ') : t('newsletters.admin.none')}</td>
    <td>${ctx.i18n.dateTime(s.createdAt)}</td>
  </tr>`;
}

export function subscribersView(
  ctx: PageContext,
  props: {
    query: SubscriberQuery;
    lists: ListChoice[];
    items: Subscriber[];
    total: number;
    perPage: number;
    report?: SubscriberImportReport | undefined;
    problem?: FormProblem | undefined;
  },
): SafeHtml {
  const { t } = ctx.i18n;
  const { query, report, problem } = props;
  const labels = new Map(props.lists.map((l) => [l.list, l.label]));
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  const main = html`<p><a href="/admin/newsletters">${t('newsletters.edit.back')}</a></p>
    <h1>${t('newsletters.subs.title')}</h1>
    ${errorSummary(problem, 'nl-file', ctx.i18n)}
    ${
      report
        ? html`<section class="done-banner" role="status" aria-labelledby="nl-report">
            <h2 id="nl-report">${t('newsletters.subs.report.title')}</h2>
            <p>${t('newsletters.subs.report.counts', { attested: report.attested, confirming: report.confirming, existing: report.existing })}</p>
            ${
              report.problems.length
                ? html`<h3>${t('newsletters.subs.report.problems')}</h3>
                    <ul id="nl-problems">
                      ${report.problems.map((p) => html`<li>${problemText(ctx, p)}</li>`)}
                    </ul>`
                : ''
            }
          </section>`
        : ''
    }
    <form method="get" action="/admin/newsletters/subscribers" class="form" role="search">
      ${field({ id: 'nl-search', name: 'search', type: 'search', label: t('newsletters.subs.search'), value: query.search, maxlength: 254 })}
      <div class="field">
        <label for="nl-list">${t('newsletters.subs.list')}</label>
        <select id="nl-list" name="list">
          <option value="">${t('newsletters.subs.allLists')}</option>
          ${props.lists.map((l) => html`<option value="${l.list}" ${query.list === l.list ? html`selected` : ''}>${l.label}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="nl-status">${t('newsletters.subs.state')}</label>
        <select id="nl-status" name="status">
          <option value="">${t('newsletters.subs.allStates')}</option>
          ${subscriberStatuses.map((s) => html`<option value="${s}" ${query.status === s ? html`selected` : ''}>${t(`newsletters.status.${s}`)}</option>`)}
        </select>
      </div>
      ${submitButton(t('newsletters.subs.searchButton'), 'secondary')}
    </form>
    <section aria-labelledby="nl-results">
      <h2 id="nl-results">${t('newsletters.subs.total', { count: props.total })}</h2>
      ${recordTable({
        labelledBy: 'nl-results',
        columns: [
          t('newsletters.subs.email'),
          t('newsletters.subs.status'),
          t('newsletters.subs.lists'),
          t('newsletters.subs.since'),
        ],
        rows: props.items.map((s) => subscriberRow(ctx, s, labels)),
        empty: t('newsletters.subs.none'),
      })}
      ${
        pages > 1
          ? html`<nav aria-label="${t('newsletters.subs.page', { page: query.page })}" class="pager">
              ${query.page > 1 ? html`<a href="/admin/newsletters/subscribers${queryString(query, query.page - 1)}" rel="prev">${t('newsletters.subs.previous')}</a>` : ''}
              ${query.page < pages ? html`<a href="/admin/newsletters/subscribers${queryString(query, query.page + 1)}" rel="next">${t('newsletters.subs.next')}</a>` : ''}
            </nav>`
          : ''
      }
    </section>
    <section aria-labelledby="nl-export">
      <h2 id="nl-export">${t('newsletters.subs.exportHeading')}</h2>
      <p>${t('newsletters.subs.exportHint')}</p>
      <p><a class="button button--secondary" href="/admin/newsletters/subscribers.csv" download>${t('newsletters.subs.export')}</a></p>
    </section>
    <section aria-labelledby="nl-import">
      <h2 id="nl-import">${t('newsletters.subs.importHeading')}</h2>
      <form method="post" action="/admin/newsletters/subscribers/import" enctype="multipart/form-data" class="form" novalidate>
        ${csrfField(ctx)}
        <div class="field${problem ? ' field--invalid' : ''}">
          <label for="nl-file">${t('newsletters.subs.file')}</label>
          <p class="hint" id="nl-file-hint">${t('newsletters.subs.importFormat')}</p>
          ${problem ? html`<p class="field-error" id="nl-file-error">${hidden(t('errors.form.error'))} ${problem.message}</p>` : ''}
          <input type="file" id="nl-file" name="file" accept=".csv,text/csv" required aria-describedby="nl-file-hint${problem ? ' nl-file-error' : ''}" ${problem ? html`aria-invalid="true"` : ''} />
        </div>
        <div class="field field--checkbox">
          <input type="checkbox" id="nl-attest" name="attest" value="on" aria-describedby="nl-attest-hint" />
          <label for="nl-attest">${t('newsletters.subs.attest')}</label>
          <p class="hint" id="nl-attest-hint">${t('newsletters.subs.attestHint')}</p>
        </div>
        ${submitButton(t('newsletters.subs.importButton'))}
      </form>
    </section>`;
  return adminPage(ctx, {
    title: t('newsletters.subs.title'),
    current: '/admin/newsletters',
    problem,
    main,
  });
}
