/**
 * nginx, the Broadsheet server process, and the machine, for benchmarks. The load itself comes
 * from wrk (wrk.ts).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figures } from './wrk.js';

export { connections, duration, type Figures } from './wrk.js';
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function waitFor(url: string, child: ChildProcess, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer ${url}`);
}

export const freePort = () => 20000 + Math.floor(Math.random() * 20000);

export function findNginx(): string | null {
  return ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? null;
}

export const nginxMissing =
  "nginx is not installed, so there is no baseline: install Debian's nginx-light (`sudo apt-get install -y nginx-light`) and run again.";

/**
 * nginx serving files as static files, with the precompressed .gz beside each (gzip_static), so
 * it sends the very bytes Broadsheet sends. Access log off, like Broadsheet's request log in the
 * benchmark (LOG_LEVEL=warn).
 */
export async function startNginx(
  dir: string,
  files: Record<string, { identity: Buffer; gzip: Buffer }>,
): Promise<{ url: string; stop(): void }> {
  const nginx = findNginx();
  if (!nginx) throw new Error(nginxMissing);
  for (const [name, body] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), body.identity);
    writeFileSync(path.join(dir, `${name}.gz`), body.gzip);
  }
  const port = freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off; worker_processes auto; pid ${dir}/nginx.pid; error_log ${dir}/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  gzip_static on; gzip_vary on;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; root ${dir}; default_type text/html; } }
`,
  );
  const child = spawn(nginx, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  const first = Object.keys(files)[0]!;
  await waitFor(`http://127.0.0.1:${port}/${first}`, child, 'nginx');
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

export interface Memory {
  /** Resident set size of every process added up, in MiB (shared pages counted in each). */
  rssTotal: number;
  /** Resident set size of the largest process, in MiB. */
  rssLargest: number;
  /**
   * Proportional set size added up, in MiB: each page shared by n processes (the node binary,
   * libraries) counted 1/n in each, so the sum is what the processes take from the machine.
   */
  pssTotal: number;
}

export interface Broadsheet {
  url: string;
  /** Resident set size of the server and its workers, in MiB. */
  rss(): number;
  /** Memory of the server and its workers, from /proc. */
  memory(): Memory;
  /** CPU time (user + system) the server and its workers have used so far, in seconds. */
  cpuSeconds(): number;
  /** The process ids: the server first, then its workers. */
  pids(): number[];
  stop(): Promise<void>;
}

export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

function pssOf(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = /^Pss:\s+(\d+)/m.exec(rollup)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The larger of each figure: for peaks sampled over a run. */
export function maxMemory(a: Memory, b: Memory): Memory {
  return {
    rssTotal: Math.max(a.rssTotal, b.rssTotal),
    rssLargest: Math.max(a.rssLargest, b.rssLargest),
    pssTotal: Math.max(a.pssTotal, b.pssTotal),
  };
}

const ticks = Number(
  (() => {
    try {
      return execFileSync('getconf', ['CLK_TCK']).toString().trim();
    } catch {
      return '100';
    }
  })(),
);

export function cpuOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)])
      .toString()
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

let built = false;

/**
 * The server as production runs it: `npm run build` (tsc into dist/, incremental) and
 * `node dist/cli/main.js serve`. BENCH_TSX=1 runs the sources through tsx instead (no build;
 * its loader adds memory and start-up time).
 */
function serverCommand(): string[] {
  if (process.env.BENCH_TSX === '1') return ['--import', 'tsx', path.join(root, 'src/cli/main.ts')];
  if (!built) {
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    built = true;
  }
  return [path.join(root, 'dist/cli/main.js')];
}

/** The real server (`broadsheet serve`) in its own process, on a data folder. */
export async function startBroadsheet(
  dataDir: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Broadsheet> {
  const port = freePort();
  const child = spawn(process.execPath, [...nodeArgs, ...serverCommand(), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: '0',
      // Fixed, so that every server started on the same data sends the same bytes.
      BASE_URL: 'http://broadsheet.bench',
      LOG_LEVEL: 'warn',
      WORKERS: '1',
      ...env,
    },
    // BENCH_SERVER_STDOUT=1 shows the server's standard output (e.g. with --trace-gc).
    stdio: ['ignore', process.env.BENCH_SERVER_STDOUT === '1' ? 'inherit' : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/readyz`, child, 'Broadsheet');
  // With WORKERS > 1 every worker must be listening before the load starts.
  const workers = Number(env.WORKERS ?? 1);
  for (let i = 0; i < 100 && workers > 1 && childrenOf(child.pid!).length < workers; i++)
    await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, workers > 1 ? 1500 : 200));
  return {
    url,
    rss: () => [child.pid!, ...childrenOf(child.pid!)].reduce((n, pid) => n + rssOf(pid), 0),
    memory: () => {
      const pids = [child.pid!, ...childrenOf(child.pid!)];
      const rss = pids.map(rssOf);
      return {
        rssTotal: rss.reduce((a, b) => a + b, 0),
        rssLargest: Math.max(...rss),
        pssTotal: pids.reduce((n, pid) => n + pssOf(pid), 0),
      };
    },
    cpuSeconds: () => [child.pid!, ...childrenOf(child.pid!)].reduce((n, pid) => n + cpuOf(pid), 0),
    pids: () => [child.pid!, ...childrenOf(child.pid!)],
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Samples memory every 200 ms while work runs; returns the work's result and the peaks. */
export async function withPeak<T>(
  sample: () => Memory,
  work: () => Promise<T>,
): Promise<{ result: T; peak: Memory }> {
  let peak = sample();
  const timer = setInterval(() => (peak = maxMemory(peak, sample())), 200);
  try {
    const result = await work();
    return { result, peak: maxMemory(peak, sample()) };
  } finally {
    clearInterval(timer);
  }
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
}

export interface ResultRow {
  figure: string;
  value: string;
  target?: string;
  met?: boolean;
}

/** The contract with bench/run.ts: the last line of output. */
export function printResult(bench: string, command: string, rows: ResultRow[]): void {
  console.log(`BENCH_RESULT ${JSON.stringify({ bench, command, rows })}`);
}

export function table(rows: Figures[]): string {
  return [
    '| what | req/s | p50 ms | p99 ms | errors | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`,
    ),
  ].join('\n');
}

/**
 * The soft limit on open files (Infinity when unlimited or unreadable). A live-stream bench holds
 * one descriptor per stream here and one in the server: below `streams + 200`, `connect` fails
 * with EMFILE part-way, so the benches say so up front and stop. Node has already raised its soft
 * limit to the hard one when this runs, so a low figure here is the hard limit (`ulimit -Hn`).
 */
export function requireOpenFiles(bench: string, streams: number, what: string): void {
  let soft = Infinity;
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const value = line?.split(/\s{2,}/)[1];
    if (value !== undefined && value !== 'unlimited') soft = Number(value);
  } catch {
    // No /proc: nothing to check.
  }
  console.log(`open files: soft limit ${soft}, ${streams} streams to hold`);
  if (soft < streams + 200) {
    console.error(
      `${bench}: ${streams} streams need about ${streams + 200} open files; the soft limit is ` +
        `${soft}, which Node has raised to the hard limit already. Raise the hard limit ` +
        `(ulimit -Hn, as root) or set ${what} lower.`,
    );
    process.exit(1);
  }
}
