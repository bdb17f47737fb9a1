/**
 * Benchmark 1 (issue 9), first form: the article page served by Broadsheet against nginx serving
 * the identical bytes as a static file, both measured by autocannon with the same settings in
 * the same run. Prints a table and writes docs/performance.md.
 *
 *   npm run bench            (CONNECTIONS=50 DURATION=8 by default)
 *
 * Comments do not exist yet, so the page is a demo article without its 200 comments.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { openStore } from '../src/store/index.js';

const connections = Number(process.env.CONNECTIONS ?? 50);
const duration = Number(process.env.DURATION ?? 8);

interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function measure(name: string, url: string): Promise<Figures> {
  const result = await autocannon({
    url,
    connections,
    duration,
    headers: { 'accept-encoding': 'gzip' },
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function startNginx(
  dir: string,
  body: Buffer,
): Promise<{ url: string; stop(): void } | null> {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  if (!nginx) return null;
  writeFileSync(path.join(dir, 'article.html'), body);
  const port = 18000 + Math.floor(Math.random() * 1000);
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off; worker_processes auto; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  gzip on; gzip_types text/html; gzip_min_length 1000;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; root ${dir}; default_type text/html; location / { try_files /article.html =404; } } }
`,
  );
  const child = spawn(nginx, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      if (res.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-'));
const store = await openStore({ databaseUrl: null, dataDir: dir });
await loadDemoIfEmpty(store);
const config = loadConfig({
  DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  DEMO: '0',
  HOST: '127.0.0.1',
  PORT: '0',
});
const { server } = await buildApp({ config, store, logger: pino({ level: 'silent' }) });
await server.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
const lead = (await (await fetch(`${base}/api/v1/articles?limit=1`)).json()) as {
  items: { url: string }[];
};
const articlePath = new URL(lead.items[0]!.url).pathname;
const body = Buffer.from(await (await fetch(base + articlePath)).arrayBuffer());

const rows: Figures[] = [await measure('Broadsheet article page', base + articlePath)];
const nginx = await startNginx(dir, body);
if (nginx) {
  rows.push(await measure('nginx, same bytes as a static file', nginx.url));
  nginx.stop();
}
await server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

const ratio = rows[1] ? (rows[0]!.requestsPerSecond / rows[1].requestsPerSecond).toFixed(2) : 'n/a';
const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
const table = [
  '| what | req/s | p50 ms | p99 ms | errors | non-2xx |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`,
  ),
].join('\n');
console.log(table);
console.log(`ratio Broadsheet / nginx: ${ratio}  (target ≥ 0.5, p99 ≤ 10 ms)`);

const git = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  } catch {
    return 'unknown';
  }
})();
writeFileSync(
  'docs/performance.md',
  `# Performance

Figures as they came out of \`npm run bench\` (autocannon, ${connections} connections, ${duration} s,
\`Accept-Encoding: gzip\`), at commit ${git}, on ${machine}. The load generator runs on the same
machine as the server.

## Article page (${body.length} bytes uncompressed; no comments yet)

${table}

Ratio Broadsheet / nginx: **${ratio}** (target ≥ 0.5 with p99 ≤ 10 ms, issue 9).

The page is rendered on every request today; a cache of rendered pages for anonymous readers is
the next step (issue 9).
`,
);
