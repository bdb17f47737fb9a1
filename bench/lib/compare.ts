/**
 * Benchmarks 1 and 2 (issue 9): one page served by Broadsheet (the real server process, with
 * WORKERS=1 and, if asked, more) against nginx serving the identical bytes (identity and the
 * same gzip bytes, gzip_static) as static files; same autocannon settings for both, in the same
 * run. Also the server's resident memory idle and at its peak under the load (benchmark 6).
 */
import { request } from 'node:http';
import { rmSync } from 'node:fs';
import autocannon from 'autocannon';
import {
  connections,
  duration,
  findNginx,
  measure,
  nginxMissing,
  printResult,
  startBroadsheet,
  startNginx,
  table,
  withPeak,
  type Figures,
  type Memory,
  type ResultRow,
} from './load.js';
import { createBenchSite, type BenchSite } from './site.js';

function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            headers: res.headers,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

const warmUp = (url: string) =>
  autocannon({ url, connections, duration: 2, headers: { 'accept-encoding': 'gzip' } });

export async function comparePage(options: {
  bench: string;
  label: string;
  pathOf: (site: BenchSite) => string;
}): Promise<void> {
  const workerCounts = (process.env.WORKERS_LIST ?? '1')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n >= 1);
  const command = `WORKERS_LIST=${workerCounts.join(',')} CONNECTIONS=${connections} DURATION=${duration} npx tsx bench/${options.bench}.ts`;
  if (!findNginx()) {
    console.error(nginxMissing);
    printResult(options.bench, command, [
      {
        figure: `${options.label}: ratio to nginx`,
        value: 'not measured (no nginx)',
        target: '≥ 0.5',
        met: false,
      },
    ]);
    process.exitCode = 1;
    return;
  }
  const site = await createBenchSite();
  const path = options.pathOf(site);
  const rows: Figures[] = [];
  const memory: { workers: number; idle: Memory; peak: Memory }[] = [];
  let bytes: { identity: Buffer; gzip: Buffer } | null = null;
  try {
    for (const workers of workerCounts) {
      const server = await startBroadsheet(site.dataDir, { WORKERS: String(workers) });
      try {
        const url = server.url + path;
        const identity = await get(url, {});
        const gzip = await get(url, { 'accept-encoding': 'gzip' });
        if (identity.status !== 200 || gzip.headers['content-encoding'] !== 'gzip')
          throw new Error(`unexpected answer from ${url}: ${identity.status}`);
        bytes ??= { identity: identity.body, gzip: gzip.body };
        const idle = server.memory();
        await warmUp(url);
        const { result, peak } = await withPeak(server.memory, () =>
          measure(`Broadsheet, WORKERS=${workers}`, url),
        );
        rows.push(result);
        memory.push({ workers, idle, peak });
        const after = await get(url, { 'accept-encoding': 'gzip' });
        if (!after.body.equals(bytes.gzip)) throw new Error('the page changed during the run');
      } finally {
        await server.stop();
      }
    }
    if (!bytes) throw new Error('no Broadsheet run');
    const nginx = await startNginx(site.dataDir, { 'page.html': bytes });
    try {
      await warmUp(`${nginx.url}page.html`);
      const check = await get(`${nginx.url}page.html`, { 'accept-encoding': 'gzip' });
      if (!check.body.equals(bytes.gzip)) throw new Error('nginx does not send the same bytes');
      rows.push(await measure('nginx, the same bytes as a static file', `${nginx.url}page.html`));
    } finally {
      nginx.stop();
    }
  } finally {
    rmSync(site.dataDir, { recursive: true, force: true });
  }

  const nginxRow = rows[rows.length - 1]!;
  console.log(
    `${options.label}: ${bytes.identity.length} bytes, ${bytes.gzip.length} gzipped; ${connections} connections, ${duration} s, Accept-Encoding: gzip`,
  );
  console.log(table(rows));
  const results: ResultRow[] = [];
  for (const row of rows.slice(0, -1)) {
    const ratio = row.requestsPerSecond / nginxRow.requestsPerSecond;
    console.log(`${row.name}: ratio to nginx ${ratio.toFixed(2)}, p99 ${row.p99} ms`);
    results.push(
      {
        figure: `${options.label}, ${row.name}: req/s (nginx ${nginxRow.requestsPerSecond}, p99 ${nginxRow.p99} ms)`,
        value: `${row.requestsPerSecond} (p50 ${row.p50} ms, errors ${row.errors}, non-2xx ${row.non2xx})`,
      },
      {
        figure: `${options.label}, ${row.name}: ratio to nginx`,
        value: ratio.toFixed(2),
        target: '≥ 0.5',
        met: ratio >= 0.5,
      },
      {
        figure: `${options.label}, ${row.name}: p99`,
        value: `${row.p99} ms`,
        target: '≤ 10 ms',
        met: row.p99 <= 10 && row.errors === 0 && row.non2xx === 0,
      },
    );
  }
  // The target is per process (decisions/0028-memory-per-process.md): with WORKERS=1 the one
  // process; with more, the largest (a worker), with the sums beside it.
  const mib = (n: number) => `${n.toFixed(0)} MiB`;
  for (const m of memory) {
    const { workers, idle, peak } = m;
    console.log(
      `memory WORKERS=${workers}: idle RSS ${mib(idle.rssLargest)} largest process, ${mib(idle.rssTotal)} all, PSS ${mib(idle.pssTotal)} all; ` +
        `peak under load RSS ${mib(peak.rssLargest)} largest, ${mib(peak.rssTotal)} all, PSS ${mib(peak.pssTotal)} all`,
    );
    const which = workers === 1 ? 'the one process' : 'largest process';
    for (const [when, figures] of [
      ['idle', idle],
      [`under the ${options.label.toLowerCase()} load`, peak],
    ] as const) {
      results.push({
        figure: `Memory (RSS, ${which}), WORKERS=${workers}, ${when}`,
        value: mib(figures.rssLargest),
        target: '≤ 200 MB',
        met: figures.rssLargest <= 200,
      });
      if (workers > 1) {
        results.push({
          figure: `Memory, all ${workers + 1} processes, WORKERS=${workers}, ${when}: RSS added up (PSS added up)`,
          value: `${mib(figures.rssTotal)} (${mib(figures.pssTotal)})`,
        });
      }
    }
  }
  printResult(options.bench, command, results);
}
