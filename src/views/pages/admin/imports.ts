/** /admin/import: upload a WordPress or Disqus export, watch it import, read its report. */
import type { ImportJobView } from '../../../services/imports/index.js';
import { formatNames, reportLines, type ImportReport } from '../../../services/imports/report.js';
import type { PageContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { csrfField, errorSummary, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

function statusText(job: ImportJobView): string {
  if (job.status === 'running') return 'Importing';
  if (job.status === 'done') return 'Imported';
  return 'Refused or failed';
}

function percent(job: ImportJobView): number {
  return job.bytesTotal > 0 ? Math.floor((job.bytesDone / job.bytesTotal) * 100) : 100;
}

export function importsView(
  ctx: PageContext,
  props: { jobs: ImportJobView[]; maxMb: number; problem?: FormProblem; format?: string },
): SafeHtml {
  const { problem } = props;
  const format = props.format ?? 'wxr';
  const invalid = (id: string) => problem?.field === id;
  const main = html`<h1>Import</h1>
    <p>
      Bring articles and comments from WordPress, or comments from Disqus. The whole file is
      imported or nothing is; importing the same file again changes nothing. The operators’ guide
      (docs/import.md) says what maps to what.
    </p>
    ${errorSummary(problem)}
    <section class="panel" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Import a file</h2>
      <form
        method="post"
        action="/admin/import"
        enctype="multipart/form-data"
        class="form import-form"
        novalidate
      >
        ${csrfField(ctx)}
        <fieldset class="field${invalid('format-wxr') ? ' field--invalid' : ''}">
          <legend>What kind of file</legend>
          <div class="choice">
            <input type="radio" id="format-wxr" name="format" value="wxr" ${format === 'wxr' ? html`checked` : ''} />
            <label for="format-wxr">WordPress export (Tools → Export, an .xml file)</label>
          </div>
          <div class="choice">
            <input type="radio" id="format-disqus" name="format" value="disqus" ${format === 'disqus' ? html`checked` : ''} />
            <label for="format-disqus">Disqus export (comments only, onto articles already here)</label>
          </div>
        </fieldset>
        <div class="field${invalid('import-file') ? ' field--invalid' : ''}">
          <label for="import-file">File</label>
          <p class="hint" id="import-file-hint">An .xml file of at most ${props.maxMb} MB.</p>
          ${
            invalid('import-file')
              ? html`<p class="field-error" id="import-file-error">
                  <span class="visually-hidden">Error:</span> ${problem?.message}
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
        <button type="submit" class="button button--primary">Upload and import</button>
      </form>
    </section>
    <section aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Recent imports</h2>
      ${
        props.jobs.length === 0
          ? html`<p class="muted">Nothing imported yet.</p>`
          : html`<table class="table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                ${props.jobs.map(
                  (job) => html`<tr>
                    <th scope="row"><a href="/admin/import/${job.id}">${job.fileName || 'upload'}</a></th>
                    <td>${formatNames[job.format as 'wxr'] ?? job.format}</td>
                    <td><time datetime="${job.createdAt}">${formatDateTime(job.createdAt, ctx.identity.timeZone)}</time></td>
                    <td>${statusText(job)}${job.status === 'running' ? ` (${percent(job)}%)` : ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  return adminPage(ctx, { title: 'Import', current: '/admin/import', problem, main });
}

function reportView(report: ImportReport): SafeHtml {
  const [title, ...lines] = reportLines(report);
  const skipped = report.skipped;
  return html`<section class="panel" aria-labelledby="report-heading">
    <h2 id="report-heading">Report</h2>
    <p>${title}</p>
    <ul>
      ${lines.filter((l) => !l.startsWith('Skipped') && !l.startsWith('  ') && !l.startsWith('Note')).map((l) => html`<li>${l}</li>`)}
    </ul>
    ${
      report.notes.length
        ? html`<h3>Notes</h3>
            <ul>
              ${report.notes.map((n) => html`<li>${n.count} × ${n.reason} (${n.examples.join('; ')})</li>`)}
            </ul>`
        : ''
    }
    <h3>Skipped</h3>
    ${
      skipped.length === 0
        ? html`<p>Nothing was skipped.</p>`
        : html`<table class="table">
            <thead>
              <tr>
                <th scope="col">How many</th>
                <th scope="col">Why</th>
                <th scope="col">For example</th>
              </tr>
            </thead>
            <tbody>
              ${skipped.map(
                (g) => html`<tr>
                  <td>${g.count}</td>
                  <td>${g.reason}</td>
                  <td>${g.examples.join('; ')}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

export function importJobView(ctx: PageContext, job: ImportJobView): SafeHtml {
  const running = job.status === 'running';
  const main = html`<h1>Import of ${job.fileName || 'an upload'}</h1>
    <p>
      ${formatNames[job.format as 'wxr'] ?? job.format}, ${megabytes(job.bytesTotal)}, started
      <time datetime="${job.createdAt}">${formatDateTime(job.createdAt, ctx.identity.timeZone)}</time>.
    </p>
    ${
      running
        ? html`<div class="import-progress" data-import-progress="${job.id}">
            <label for="import-progress-bar">Reading the file</label>
            <progress id="import-progress-bar" max="${job.bytesTotal}" value="${job.bytesDone}">
              ${percent(job)}%
            </progress>
            <p id="import-progress-text" role="status">
              ${percent(job)}% — ${megabytes(job.bytesDone)} of ${megabytes(job.bytesTotal)} read.
              Nothing shows on the site until the whole file is in.
            </p>
            <p><a href="/admin/import/${job.id}">Refresh to see how far it has got</a></p>
          </div>`
        : job.status === 'done' && job.parsedReport
          ? html`<p class="done-banner" role="status">
                Imported, finished
                <time datetime="${job.finishedAt ?? ''}">${formatDateTime(job.finishedAt ?? job.createdAt, ctx.identity.timeZone)}</time>.
              </p>
              ${reportView(job.parsedReport)}`
          : html`<div class="error-summary" role="alert" aria-labelledby="import-failed-title">
              <h2 id="import-failed-title">Nothing was imported</h2>
              <p>${job.error ?? 'The import failed.'}</p>
            </div>`
    }
    <p><a href="/admin/import">Back to imports</a></p>`;
  return adminPage(ctx, {
    title: running ? 'Importing…' : `Import of ${job.fileName}`,
    current: '/admin/import',
    main,
    ...(running
      ? { head: html`<script src="${ctx.assetUrl('import-progress.js')}" defer></script>` }
      : {}),
  });
}
