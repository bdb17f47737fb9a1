/**
 * /admin/insights: a day or a range of days — the views over time as an SVG bar chart with the
 * same figures in a table, top articles, sections, where readers came from, campaigns and
 * comments per article. Plus the small panel of one article in the editor.
 */
import {
  clicksPer100,
  type ArticleInsights,
  type InsightReport,
  type NewsletterClicks,
  type ReadingNow,
} from '../../../services/insights-report.js';
import type { MessageKey } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { html, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';
import { readingNowBlock } from './reading-now.js';

export interface InsightsPageProps {
  report: InsightReport | null;
  /** The days asked for (shown in the form even when they are wrong). */
  fromDay: string;
  toDay: string;
  maxDays: number;
  /** Live readers per article, across every process and server (views/pages/admin/reading-now.ts). */
  reading?: ReadingNow;
  /** Each newsletter list's name (`briefing`, `alerts`, `section:sport`) in the site's language. */
  listLabels?: ReadonlyMap<string, string>;
}

interface Bar {
  at: string;
  label: string;
  views: number;
}

/**
 * Bars over time, drawn on the server: one rect per bucket, scaled to the highest. The chart is
 * an image with a name; the figures are in the table that follows it (screen readers, printing).
 */
export function barChart(ctx: PageContext, bars: Bar[], label: string, id: string): SafeHtml {
  const { t, number } = ctx.i18n;
  const width = 720;
  const height = 180;
  const top = Math.max(1, ...bars.map((b) => b.views));
  const step = width / Math.max(1, bars.length);
  const gap = Math.min(2, step / 4);
  return html`<figure class="insight-chart">
    <svg
      viewBox="0 0 ${width} ${height + 1}"
      role="img"
      aria-labelledby="${id}-label"
      class="insight-chart__svg"
      preserveAspectRatio="none"
    >
      <title id="${id}-label">${label}</title>
      <line x1="0" y1="${height}" x2="${width}" y2="${height}" class="insight-chart__axis" />
      ${bars.map((b, i) => {
        const h = Math.round((b.views / top) * (height - 4));
        return html`<rect
          class="insight-chart__bar"
          x="${(i * step + gap / 2).toFixed(2)}"
          y="${height - h}"
          width="${Math.max(1, step - gap).toFixed(2)}"
          height="${h}"
        ><title>${b.label}: ${number(b.views)}</title></rect>`;
      })}
    </svg>
    <figcaption class="insight-chart__scale">
      <span>${bars[0]?.label ?? ''}</span>
      <span>${t('insights.column.views')}: 0–${number(top)}</span>
      <span>${bars[bars.length - 1]?.label ?? ''}</span>
    </figcaption>
    <details class="insight-chart__data">
      <summary>${t('insights.chart.table')}</summary>
      <div class="table-scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">
        <table class="data-table">
          <caption id="${id}-caption">${label}</caption>
          <thead>
            <tr>
              <th scope="col">${t('insights.column.time')}</th>
              <th scope="col">${t('insights.column.views')}</th>
            </tr>
          </thead>
          <tbody>
            ${bars.map(
              (b) =>
                html`<tr>
                  <td><time datetime="${b.at}">${b.label}</time></td>
                  <td>${number(b.views)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>
  </figure>`;
}

/** Hours when the range is a day or two, days otherwise (each in the site's zone). */
function barsOf(ctx: PageContext, report: InsightReport): { bars: Bar[]; unit: 'hour' | 'day' } {
  const zone = ctx.i18n.timeZone;
  if (report.grain === 'hour' && report.series.length <= 49) {
    const hour = new Intl.DateTimeFormat(ctx.i18n.lang, {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      // Figures only, no words: the same in every language (pseudo-languages too).
      ...(report.series.length > 25 ? { day: 'numeric' as const, month: 'numeric' as const } : {}),
    });
    return {
      unit: 'hour',
      bars: report.series.map((b) => ({
        at: b.at,
        label: hour.format(new Date(b.at)),
        views: b.views,
      })),
    };
  }
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' });
  const days = new Map<string, Bar>();
  for (const b of report.series) {
    const key = dayKey.format(new Date(b.at));
    const bar = days.get(key);
    if (bar) bar.views += b.views;
    else days.set(key, { at: key, label: ctx.i18n.date(b.at), views: b.views });
  }
  return { unit: 'day', bars: [...days.values()] };
}

function table(
  ctx: PageContext,
  id: string,
  heading: MessageKey,
  columns: MessageKey[],
  rows: (string | SafeHtml)[][],
  intro: SafeHtml | '' = '',
  none: MessageKey = 'insights.none',
): SafeHtml {
  const { t } = ctx.i18n;
  return html`<section class="insight-block" aria-labelledby="${id}">
    <h2 id="${id}">${t(heading)}</h2>
    ${intro}
    ${
      rows.length === 0
        ? html`<p>${t(none)}</p>`
        : html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
          <table class="data-table">
            <thead>
              <tr>
                ${columns.map((c) => html`<th scope="col">${t(c)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${rows.map((r) => html`<tr>${r.map((cell) => html`<td>${cell}</td>`)}</tr>`)}
            </tbody>
          </table>
        </div>`
    }
  </section>`;
}

export function referrerName(ctx: PageContext, category: string): string {
  const key = `insights.referrer.${category}` as MessageKey;
  return ctx.i18n.t(key);
}

export function insightsView(ctx: PageContext, props: InsightsPageProps): SafeHtml {
  const { t, number, date } = ctx.i18n;
  const { report } = props;
  const query = `from=${encodeURIComponent(props.fromDay)}&to=${encodeURIComponent(props.toDay)}`;
  const form = html`<form method="get" action="/admin/insights" class="insight-range">
    <fieldset>
      <legend>${t('insights.range.legend')}</legend>
      <span class="insight-range__field">
        <label for="insight-from">${t('insights.range.from')}</label>
        <input type="date" id="insight-from" name="from" value="${props.fromDay}" required />
      </span>
      <span class="insight-range__field">
        <label for="insight-to">${t('insights.range.to')}</label>
        <input type="date" id="insight-to" name="to" value="${props.toDay}" required />
      </span>
      <button type="submit">${t('insights.range.show')}</button>
      <a href="/admin/insights">${t('insights.range.today')}</a>
    </fieldset>
  </form>`;
  if (!report) {
    return adminPage(ctx, {
      title: t('insights.title'),
      current: '/admin/insights',
      main: html`<h1>${t('insights.title')}</h1>
        ${form}
        <p class="form-problem" role="alert">${t('insights.range.invalid', { max: props.maxDays })}</p>`,
    });
  }
  const fromLabel = date(`${report.fromDay}T12:00:00Z`);
  const toLabel = date(`${report.toDay}T12:00:00Z`);
  const { bars, unit } = barsOf(ctx, report);
  const chartLabel = t('insights.chart.label', {
    unit: t(unit === 'hour' ? 'insights.chart.hour' : 'insights.chart.day'),
    from: fromLabel,
    to: toLabel,
  });
  return adminPage(ctx, {
    title: t('insights.title'),
    current: '/admin/insights',
    main: html`<h1>${t('insights.title')}</h1>
      <p>${t('insights.intro')}</p>
      ${form}
      <p class="insight-total">
        ${
          report.fromDay === report.toDay
            ? t('insights.total.one', { views: number(report.total), day: fromLabel })
            : t('insights.total', { views: number(report.total), from: fromLabel, to: toLabel })
        }
        · <a href="/admin/insights.csv?${query}" download>${t('insights.csv')}</a>
      </p>
      ${props.reading ? readingNowBlock(ctx, props.reading) : ''}
      <section class="insight-block" aria-labelledby="insight-chart-heading">
        <h2 id="insight-chart-heading">${t('insights.chart.heading')}</h2>
        ${barChart(ctx, bars, chartLabel, 'insight-chart')}
      </section>
      ${table(
        ctx,
        'insight-articles',
        'insights.articles.heading',
        ['insights.column.article', 'insights.column.section', 'insights.column.views'],
        report.articles.map((a) => [
          html`<a href="${a.path}">${a.headline}</a>`,
          a.sectionName,
          number(a.views),
        ]),
      )}
      ${table(
        ctx,
        'insight-sections',
        'insights.sections.heading',
        ['insights.column.section', 'insights.column.views'],
        [
          ...(report.front > 0 ? [[t('insights.sections.front'), number(report.front)]] : []),
          ...report.sections.map((s) => [
            html`<a href="/${s.slug}">${s.name}</a>`,
            number(s.views),
          ]),
        ],
      )}
      ${table(
        ctx,
        'insight-referrers',
        'insights.referrers.heading',
        ['insights.column.source', 'insights.column.host', 'insights.column.views'],
        report.referrers.map((r) => [referrerName(ctx, r.category), r.host, number(r.views)]),
      )}
      ${table(
        ctx,
        'insight-campaigns',
        'insights.campaigns.heading',
        ['insights.column.campaign', 'insights.column.views'],
        report.campaigns.map((c) => [c.campaign, number(c.views)]),
      )}
      ${newsletterBlock(ctx, report, query, props.listLabels)}
      ${table(
        ctx,
        'insight-comments',
        'insights.comments.heading',
        ['insights.column.article', 'insights.column.comments'],
        report.comments.map((c) => [c.headline, number(c.comments)]),
      )}`,
  });
}

/** Clicks per 100 delivered, one decimal; a dash before anything was delivered. */
export function clickRate(ctx: PageContext, n: Pick<NewsletterClicks, 'clicks' | 'delivered'>) {
  const rate = clicksPer100(n);
  return rate === null ? '—' : ctx.i18n.t('insights.newsletters.rate', { rate });
}

/**
 * The newsletter issues sent in the range: deliveries and the views their links brought
 * (decisions/0091), with their own CSV.
 */
function newsletterBlock(
  ctx: PageContext,
  report: InsightReport,
  query: string,
  listLabels: ReadonlyMap<string, string> = new Map(),
): SafeHtml {
  const { t, number, date } = ctx.i18n;
  return html`${table(
    ctx,
    'insight-newsletters',
    'insights.newsletters.heading',
    [
      'insights.column.issue',
      'insights.column.list',
      'insights.column.sent',
      'insights.column.delivered',
      'insights.column.clicks',
      'insights.column.clickRate',
    ],
    report.newsletters.map((n) => [
      html`<a href="/admin/newsletters/${encodeURIComponent(n.issue.id)}">${n.issue.subject}</a>`,
      listLabels.get(n.issue.list) ?? n.issue.list,
      n.issue.queuedAt ? date(n.issue.queuedAt) : '—',
      number(n.delivered),
      number(n.clicks),
      clickRate(ctx, n),
    ]),
    html`<p>${t('insights.newsletters.intro')}
      <a href="/admin/insights/newsletters.csv?${query}" download>${t('insights.newsletters.csv')}</a></p>`,
    'insights.newsletters.none',
  )}`;
}

/** The panel in an article's editor: its first 48 hours and where its readers came from. */
export function articleInsightsPanel(ctx: PageContext, insights: ArticleInsights | null): SafeHtml {
  const { t, number } = ctx.i18n;
  if (!insights) {
    return html`<section class="insight-panel" aria-labelledby="insight-panel-heading">
      <h2 id="insight-panel-heading">${t('insights.panel.heading')}</h2>
      <p>${t('insights.panel.unpublished')}</p>
    </section>`;
  }
  const hour = new Intl.DateTimeFormat(ctx.i18n.lang, {
    timeZone: ctx.i18n.timeZone,
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const bars = insights.firstHours.map((b) => ({
    at: b.at,
    label: hour.format(new Date(b.at)),
    views: b.views,
  }));
  return html`<section class="insight-panel" aria-labelledby="insight-panel-heading">
    <h2 id="insight-panel-heading">${t('insights.panel.heading')}</h2>
    <p>${t('insights.panel.total', { views: number(insights.total) })}</p>
    ${barChart(ctx, bars, t('insights.panel.first'), 'insight-panel-chart')}
    ${
      insights.referrers.length === 0
        ? ''
        : html`<div class="table-scroll" role="region" aria-labelledby="insight-panel-sources" tabindex="0">
          <table class="data-table">
          <caption id="insight-panel-sources">${t('insights.referrers.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('insights.column.source')}</th>
              <th scope="col">${t('insights.column.host')}</th>
              <th scope="col">${t('insights.column.views')}</th>
            </tr>
          </thead>
          <tbody>
            ${insights.referrers.map(
              (r) =>
                html`<tr>
                  <td>${referrerName(ctx, r.category)}</td>
                  <td>${r.host}</td>
                  <td>${number(r.views)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        </div>`
    }
  </section>`;
}
