/** /admin/import: upload a WordPress or Disqus export, watch it import, read its report. */
import type { Translator } from '../../../i18n/translator.js';
import type { ImportJobView } from '../../../services/imports/index.js';
import {
  reasons,
  type ImportReport,
  type ReasonName,
  type SkipGroup,
} from '../../../services/imports/report.js';
import type { PageContext } from '../../context.js';
import { csrfField, errorSummary, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';

/** "1.0 MB" / "1,0 MB": one decimal, in the page's language (import-progress.js does the same). */
function megabytes(i18n: Translator, bytes: number): string {
  const size = new Intl.NumberFormat(i18n.lang, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bytes / 1_000_000);
  return i18n.t('admin.import.megabytes', { size });
}

function percent(job: ImportJobView): number {
  return job.bytesTotal > 0 ? Math.floor((job.bytesDone / job.bytesTotal) * 100) : 100;
}

function statusText(i18n: Translator, job: ImportJobView): string {
  return i18n.t('admin.import.status', { status: job.status, percent: percent(job) });
}

const formatName = (i18n: Translator, format: string) => i18n.t('admin.import.format', { format });

/** A reason by its recorded text (`reasons`), to show it in the page's language. */
const reasonNames = new Map<string, ReasonName>(
  Object.entries(reasons).map(([name, text]) => [text, name as ReasonName]),
);

function reasonText(i18n: Translator, reason: string): string {
  const name = reasonNames.get(reason);
  if (name) return i18n.t(`admin.import.reason.${name}`);
  const type = /^items of type “(.*)” are not articles$/.exec(reason);
  if (type) return i18n.t('admin.import.reason.otherType', { type: type[1]! });
  const status = /^posts with the status “(.*)” are not imported$/.exec(reason);
  if (status) return i18n.t('admin.import.reason.status', { status: status[1]! });
  return reason;
}

/** An example as the importer records it ("comment 12", "“Title” (id 4)"), translated. */
function exampleText(i18n: Translator, example: string): string {
  let m = /^comment (\d+)$/.exec(example);
  if (m) return i18n.t('admin.import.example.comment', { id: m[1]! });
  m = /^thread (\S+)$/.exec(example);
  if (m) return i18n.t('admin.import.example.thread', { id: m[1]! });
  m = /^post (\S+) \(parent (\S+)\)$/.exec(example);
  if (m) return i18n.t('admin.import.example.post', { id: m[1]!, parent: m[2]! });
  m = /^“(.*)” \(id (\d+)\)$/.exec(example);
  if (m) return i18n.t('admin.import.example.item', { title: m[1]!, id: m[2]! });
  return example;
}

function examplesText(i18n: Translator, group: SkipGroup): string {
  const examples = group.examples.map((e) => exampleText(i18n, e)).join('; ');
  const more = group.count - group.examples.length;
  return more > 0 ? i18n.t('admin.import.report.more', { examples, more }) : examples;
}

export function importsView(
  ctx: PageContext,
  props: {
    jobs: ImportJobView[];
    maxMb: number;
    problem?: FormProblem;
    format?: string;
  },
): SafeHtml {
  const { problem } = props;
  const { t, dateTime } = ctx.i18n;
  const format = props.format ?? 'wxr';
  const invalid = (id: string) => problem?.field === id;
  const main = html`<h1>${t('admin.import.title')}</h1>
    <p>${t('admin.import.intro')}</p>
    ${errorSummary(problem)}
    <section class="panel" aria-labelledby="upload-heading">
      <h2 id="upload-heading">${t('admin.import.form.heading')}</h2>
      <form
        method="post"
        action="/admin/import"
        enctype="multipart/form-data"
        class="form import-form"
        novalidate
      >
        ${csrfField(ctx)}
        <fieldset class="field${invalid('format-wxr') ? ' field--invalid' : ''}">
          <legend>${t('admin.import.kind.legend')}</legend>
          <div class="choice">
            <input type="radio" id="format-wxr" name="format" value="wxr" ${format === 'wxr' ? html`checked` : ''} />
            <label for="format-wxr">${t('admin.import.kind.wxr')}</label>
          </div>
          <div class="choice">
            <input type="radio" id="format-disqus" name="format" value="disqus" ${format === 'disqus' ? html`checked` : ''} />
            <label for="format-disqus">${t('admin.import.kind.disqus')}</label>
          </div>
        </fieldset>
        <div class="field${invalid('import-file') ? ' field--invalid' : ''}">
          <label for="import-file">${t('admin.import.file.label')}</label>
          <p class="hint" id="import-file-hint">
            ${t('admin.import.file.hint', { max: props.maxMb })}
          </p>
          ${
            invalid('import-file')
              ? html`<p class="field-error" id="import-file-error">
                  <span class="visually-hidden">${t('admin.form.error')}</span> ${problem?.message}
                </p>`
              : ''
          }
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".xml,application/xml,text/xml"
            required
            aria-describedby="import-file-hint${invalid('import-file') ? ' import-file-error' : ''}"
            ${invalid('import-file') ? html` aria-invalid="true"` : ''}
          />
        </div>
        <button type="submit" class="button button--primary">${t('admin.import.submit')}</button>
      </form>
    </section>
    <section aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">${t('admin.import.recent.heading')}</h2>
      ${
        props.jobs.length === 0
          ? html`<p class="muted">${t('admin.import.recent.none')}</p>`
          : html`<div class="table-scroll" role="region" aria-labelledby="jobs-heading" tabindex="0">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">${t('admin.import.column.file')}</th>
                    <th scope="col">${t('admin.import.column.kind')}</th>
                    <th scope="col">${t('admin.import.column.started')}</th>
                    <th scope="col">${t('admin.import.column.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${props.jobs.map(
                    (job) => html`<tr>
                      <th scope="row">
                        <a href="/admin/import/${job.id}">${job.fileName || t('admin.import.unnamed')}</a>
                      </th>
                      <td>${formatName(ctx.i18n, job.format)}</td>
                      <td><time datetime="${job.createdAt}">${dateTime(job.createdAt)}</time></td>
                      <td>${statusText(ctx.i18n, job)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  return adminPage(ctx, {
    title: t('admin.import.title'),
    current: '/admin/import',
    problem,
    main,
  });
}

/** The report's counts, one line each, as the terminal's report has them. */
function reportCounts(i18n: Translator, report: ImportReport): string[] {
  const { t } = i18n;
  const { created, comments, unchanged, inFile } = report;
  const lines =
    report.format === 'wxr'
      ? [t('admin.import.report.inFile.wxr', { posts: inFile.posts, comments: inFile.comments })]
      : [
          t('admin.import.report.inFile.disqus', {
            threads: inFile.threads,
            comments: inFile.comments,
          }),
          t('admin.import.report.threadsMatched', {
            matched: report.threadsMatched,
            threads: inFile.threads,
          }),
        ];
  if (report.format === 'wxr') lines.push(t('admin.import.report.created', { ...created }));
  lines.push(t('admin.import.report.comments', { ...comments, comments: created.comments }));
  if (unchanged.articles + unchanged.comments > 0) {
    lines.push(t('admin.import.report.unchanged', { ...unchanged }));
  }
  return lines;
}

function reportView(i18n: Translator, report: ImportReport): SafeHtml {
  const { t } = i18n;
  const format = formatName(i18n, report.format);
  const skipped = report.skipped;
  return html`<section class="panel" aria-labelledby="report-heading">
    <h2 id="report-heading">${t('admin.import.report.heading')}</h2>
    <p>
      ${report.source ? t('admin.import.report.source', { format, source: report.source }) : format}
    </p>
    <ul>
      ${reportCounts(i18n, report).map((l) => html`<li>${l}</li>`)}
    </ul>
    ${
      report.notes.length
        ? html`<h3>${t('admin.import.report.notes')}</h3>
            <ul>
              ${report.notes.map(
                (n) =>
                  html`<li>
                    ${t('admin.import.report.note', {
                      count: n.count,
                      reason: reasonText(i18n, n.reason),
                      examples: examplesText(i18n, n),
                    })}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    <h3 id="skipped-heading">${t('admin.import.report.skipped')}</h3>
    ${
      skipped.length === 0
        ? html`<p>${t('admin.import.report.skippedNone')}</p>`
        : html`<div class="table-scroll" role="region" aria-labelledby="skipped-heading" tabindex="0">
            <table class="data-table import-report">
              <thead>
                <tr>
                  <th scope="col" class="num">${t('admin.import.report.column.count')}</th>
                  <th scope="col">${t('admin.import.report.column.reason')}</th>
                  <th scope="col">${t('admin.import.report.column.examples')}</th>
                </tr>
              </thead>
              <tbody>
                ${skipped.map(
                  (g) => html`<tr>
                    <td class="num">${i18n.number(g.count)}</td>
                    <td>${reasonText(i18n, g.reason)}</td>
                    <td>${examplesText(i18n, g)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

export function importJobView(ctx: PageContext, job: ImportJobView): SafeHtml {
  const { i18n } = ctx;
  const { t, rich, dateTime } = i18n;
  const running = job.status === 'running';
  const time = (iso: string) => (text: SafeHtml) => html`<time datetime="${iso}">${text}</time>`;
  // The words the progress script writes, with {percent}, {done}, {total} and {size} to fill in.
  const words = {
    read: t('admin.import.progress.read', {
      percent: '{percent}',
      done: '{done}',
      total: '{total}',
    }),
    percent: t('admin.import.progress.percent', { percent: '{percent}' }),
    megabytes: t('admin.import.megabytes', { size: '{size}' }),
  };
  const main = html`<h1>
      ${
        job.fileName
          ? t('admin.import.job.heading', { name: job.fileName })
          : t('admin.import.job.headingUnnamed')
      }
    </h1>
    <p>
      ${rich(
        'admin.import.job.about',
        {
          format: formatName(i18n, job.format),
          size: megabytes(i18n, job.bytesTotal),
          when: dateTime(job.createdAt),
        },
        { time: time(job.createdAt) },
      )}
    </p>
    ${
      running
        ? html`<div
            class="import-progress"
            data-import-progress="${job.id}"
            data-words-read="${words.read}"
            data-words-percent="${words.percent}"
            data-words-megabytes="${words.megabytes}"
          >
            <label for="import-progress-bar">${t('admin.import.progress.label')}</label>
            <progress id="import-progress-bar" max="${job.bytesTotal}" value="${job.bytesDone}">
              ${t('admin.import.progress.percent', { percent: percent(job) })}
            </progress>
            <p id="import-progress-text" role="status" data-percent="${percent(job)}">
              ${t('admin.import.progress.read', {
                percent: percent(job),
                done: megabytes(i18n, job.bytesDone),
                total: megabytes(i18n, job.bytesTotal),
              })}
            </p>
            <p><a href="/admin/import/${job.id}">${t('admin.import.progress.refresh')}</a></p>
          </div>`
        : job.status === 'done' && job.parsedReport
          ? html`<p class="done-banner" role="status">
                ${rich(
                  'admin.import.job.finished',
                  { when: dateTime(job.finishedAt ?? job.createdAt) },
                  { time: time(job.finishedAt ?? '') },
                )}
              </p>
              ${reportView(i18n, job.parsedReport)}`
          : html`<div class="error-summary" role="alert" aria-labelledby="import-failed-title">
              <h2 id="import-failed-title">${t('admin.import.job.failed.heading')}</h2>
              <p>${job.error ?? t('admin.import.job.failed')}</p>
            </div>`
    }
    <p><a href="/admin/import">${t('admin.import.back')}</a></p>`;
  return adminPage(ctx, {
    title: running
      ? t('admin.import.job.titleRunning')
      : t('admin.import.job.title', { name: job.fileName }),
    current: '/admin/import',
    main,
    ...(running
      ? { head: html`<script src="${ctx.assetUrl('import-progress.js')}" defer></script>` }
      : {}),
  });
}
