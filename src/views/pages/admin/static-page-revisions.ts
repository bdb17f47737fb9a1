/**
 * A static page's revisions: the list, a readable comparison of any two, and restoring one.
 * The parts are written for any versioned text (the rows compared, the columns listed are the
 * caller's), so the article revisions page can be drawn from them too.
 */
import type { Page, PageRevision, PageRevisionSummary } from '../../../domain/page.js';
import type { Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { diffCounts, textDiff } from '../../diff.js';
import { postForm, submitButton } from '../../forms.js';
import { html, type Renderable, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';
import { timeOf } from './structure-parts.js';

/** One field of two versions: what it is called, its text before and after. */
export type FieldPair = readonly [label: string, before: string, after: string];

/**
 * Each field's words marked removed or added between two texts; `counted` adds how many words
 * changed (or that none did) to each field's name.
 */
export function fieldDiffs(
  i18n: Translator,
  rows: readonly FieldPair[],
  counted: boolean,
): SafeHtml {
  return html`<dl class="conflict__fields">
    ${rows.map(([label, x, y]) => {
      const counts = diffCounts(x, y);
      const change = !counted
        ? ''
        : x === y
          ? ` ${i18n.t('structure.revisions.compare.unchanged')}`
          : ` ${i18n.t('structure.revisions.compare.changed', counts)}`;
      return html`<dt>${label}${change}</dt>
        <dd class="diff">${textDiff(x, y, i18n)}</dd>`;
    })}
  </dl>`;
}

/** Two versions compared, field by field. */
export function versionComparison(
  i18n: Translator,
  a: number,
  b: number,
  rows: readonly FieldPair[],
): SafeHtml {
  const { t } = i18n;
  return html`<section class="panel" aria-labelledby="compare-heading">
    <h2 id="compare-heading">${t('structure.revisions.compare.heading', { a, b })}</h2>
    <p class="hint">${t('structure.revisions.compare.hint', { a, b })}</p>
    ${fieldDiffs(i18n, rows, true)}
  </section>`;
}

/** A saved version as the list shows it. */
export interface VersionRow {
  version: number;
  savedAt: string;
  savedBy: { name: string } | null;
  note: Renderable;
}

/**
 * Every saved version, newest first, with a pair of radio buttons to compare any two (a GET
 * form to `${base}/revisions/compare`); `columns` come after the radio buttons.
 */
export function versionList<R extends VersionRow>(
  ctx: PageContext,
  props: {
    base: string;
    versions: readonly R[];
    current: number;
    pickA: number;
    pickB: number;
    columns?: readonly { heading: string; cell: (row: R) => Renderable }[];
  },
): SafeHtml {
  const { t } = ctx.i18n;
  const columns = props.columns ?? [];
  return html`<form method="get" action="${props.base}/revisions/compare" class="form" aria-label="${t('structure.revisions.compare.form')}">
      <div class="table-scroll" role="region" aria-labelledby="revisions-caption" tabindex="0">
        <table class="data-table">
          <caption id="revisions-caption">${t('structure.revisions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('structure.revisions.column.version')}</th>
              <th scope="col">${t('structure.revisions.column.from')}</th>
              <th scope="col">${t('structure.revisions.column.to')}</th>
              ${columns.map((c) => html`<th scope="col">${c.heading}</th>`)}
              <th scope="col">${t('structure.revisions.column.saved')}</th>
              <th scope="col">${t('structure.revisions.column.by')}</th>
              <th scope="col">${t('structure.revisions.column.note')}</th>
            </tr>
          </thead>
          <tbody>
            ${props.versions.map(
              (r) => html`<tr>
                <th scope="row">${r.version === props.current ? t('structure.revisions.current', { version: r.version }) : r.version}</th>
                <td><input type="radio" name="a" value="${r.version}" aria-label="${t('structure.revisions.from', { version: r.version })}" ${r.version === props.pickA ? html` checked` : ''} /></td>
                <td><input type="radio" name="b" value="${r.version}" aria-label="${t('structure.revisions.to', { version: r.version })}" ${r.version === props.pickB ? html` checked` : ''} /></td>
                ${columns.map((c) => html`<td>${c.cell(r)}</td>`)}
                <td>${timeOf(ctx.i18n, r.savedAt)}</td>
                <td>${r.savedBy?.name ?? '—'}</td>
                <td>${r.note}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${submitButton(t('structure.revisions.compare.submit'), 'secondary')}
    </form>`;
}

/**
 * A Restore button for each version but the current one: each posts the current version (so a
 * stale page is refused) to `${base}/revisions/N/restore`. Nothing when there is none.
 */
export function restorePanel(
  ctx: PageContext,
  props: { base: string; current: number; versions: readonly VersionRow[] },
): SafeHtml {
  const { t } = ctx.i18n;
  const older = props.versions.filter((r) => r.version !== props.current);
  if (older.length === 0) return html``;
  return html`<section class="panel" aria-labelledby="restore-heading">
    <h2 id="restore-heading">${t('structure.revisions.restore.heading')}</h2>
    <p>${t('structure.revisions.restore.intro')}</p>
    <ul class="restore-list">
      ${older.map(
        (r) =>
          html`<li>${postForm(
            ctx,
            `${props.base}/revisions/${r.version}/restore`,
            html`<input type="hidden" name="version" value="${props.current}" />
              <button type="submit" class="button button--secondary button--small">
                ${t('structure.revisions.restore.button', { version: r.version })}<span class="visually-hidden"> (${ctx.i18n.dateTime(r.savedAt)})</span>
              </button>`,
            {
              className: 'form form--bare',
              label: t('structure.revisions.restore.button', { version: r.version }),
            },
          )}</li>`,
      )}
    </ul>
  </section>`;
}

/** A static page's fields, as two versions compare them. */
export function pageFieldPairs(
  i18n: Translator,
  a: Pick<PageRevision['content'], 'title' | 'slug' | 'description' | 'body'>,
  b: Pick<PageRevision['content'], 'title' | 'slug' | 'description' | 'body'>,
): FieldPair[] {
  const { t } = i18n;
  return [
    [t('structure.page.label.title'), a.title, b.title],
    [t('structure.page.label.address'), a.slug, b.slug],
    [t('structure.page.label.description'), a.description, b.description],
    [t('structure.page.label.text'), a.body, b.body],
  ];
}

export function staticPageRevisionsView(
  ctx: PageContext,
  props: {
    page: Page;
    revisions: PageRevisionSummary[];
    compare?: { a: PageRevision; b: PageRevision } | undefined;
  },
): SafeHtml {
  const { page, revisions, compare } = props;
  const { t } = ctx.i18n;
  const base = `/admin/pages/${page.id}`;
  const newest = revisions[0]?.version ?? 1;
  const main = html`<h1>${t('structure.page.revisions.heading', { title: page.title })}</h1>
    <p><a href="${base}">${t('structure.revisions.back')}</a></p>
    ${
      compare
        ? versionComparison(
            ctx.i18n,
            compare.a.version,
            compare.b.version,
            pageFieldPairs(ctx.i18n, compare.a.content, compare.b.content),
          )
        : ''
    }
    ${versionList(ctx, {
      base,
      versions: revisions,
      current: page.version,
      pickA: compare?.a.version ?? revisions[1]?.version ?? newest,
      pickB: compare?.b.version ?? newest,
      columns: [{ heading: t('structure.page.revisions.column.title'), cell: (r) => r.title }],
    })}
    ${restorePanel(ctx, { base, current: page.version, versions: revisions })}`;
  return adminPage(ctx, {
    title: t('structure.page.revisions.title', { title: page.title }),
    current: '/admin/pages',
    main,
  });
}
