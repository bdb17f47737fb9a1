/**
 * Throughput with wrk (Debian's package): a C load generator that drives far more requests per
 * second than any Node one on this machine (autocannon saturated near 9,000 req/s here and then
 * measured itself; issue 19). A small Lua script sets the headers, optionally gives every
 * request the next of several cookies, and prints its summary as one JSON line from `done()`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const connections = Number(process.env.CONNECTIONS ?? 50);
export const duration = Number(process.env.DURATION ?? 8);
export const threads = Number(process.env.WRK_THREADS ?? 2);

export interface Figures {
  name: string;
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  /** Socket errors (connect, read, write) and timeouts. */
  errors: number;
  /** Answers with a status of 400 or above (wrk counts those). */
  non2xx: number;
  requests: number;
}

export function findWrk(): string | null {
  return ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p)) ?? null;
}

export const wrkMissing =
  "wrk is not installed, so nothing can be measured: install Debian's wrk (`sudo apt-get install -y wrk`) and run again.";

// Cookies come from the environment, one per line; request() hands them out in turn, so that
// the connections of a signed-in run are several readers, not one.
const script = `
local cookies = {}
for c in string.gmatch(os.getenv("WRK_COOKIES") or "", "[^\\n]+") do cookies[#cookies + 1] = c end
local n = 0
wrk.headers["Accept-Encoding"] = os.getenv("WRK_ACCEPT_ENCODING") or "gzip"
for name, value in string.gmatch(os.getenv("WRK_HEADERS") or "", "([^:\\n]+): ([^\\n]+)") do wrk.headers[name] = value end
if #cookies > 0 then
  request = function()
    n = n % #cookies + 1
    wrk.headers["Cookie"] = cookies[n]
    return wrk.format()
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"socket_errors":%d,"timeouts":%d,"status_errors":%d,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect + e.read + e.write, e.timeout,
    e.status, latency:percentile(50), latency:percentile(99)))
end
`;

let scriptFile: string | null = null;
function scriptPath(): string {
  if (scriptFile === null) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-wrk-'));
    scriptFile = path.join(dir, 'summary.lua');
    writeFileSync(scriptFile, script);
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return scriptFile;
}

export interface WrkOptions {
  seconds?: number;
  connections?: number;
  /** Cookie header values, handed out one per request in turn. */
  cookies?: readonly string[];
  /** Accept-Encoding sent (default gzip). */
  acceptEncoding?: string;
  /** More request headers (a browser's, say), sent with every request. */
  headers?: Readonly<Record<string, string>>;
}

/** One wrk run against a URL: requests per second, p50, p99, errors. */
export function wrk(name: string, url: string, options: WrkOptions = {}): Promise<Figures> {
  const bin = findWrk();
  if (!bin) return Promise.reject(new Error(wrkMissing));
  const seconds = options.seconds ?? duration;
  const args = [
    `-t${threads}`,
    `-c${options.connections ?? connections}`,
    `-d${seconds}s`,
    '--timeout',
    '10s',
    '-s',
    scriptPath(),
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      {
        env: {
          ...process.env,
          WRK_COOKIES: (options.cookies ?? []).join('\n'),
          WRK_ACCEPT_ENCODING: options.acceptEncoding ?? 'gzip',
          WRK_HEADERS: Object.entries(options.headers ?? {})
            .map(([name, value]) => `${name}: ${value}`)
            .join('\n'),
        },
        maxBuffer: 1 << 20,
      },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`wrk failed: ${error.message}\n${stderr}`));
        const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
        if (!line) return reject(new Error(`wrk printed no summary:\n${stdout}${stderr}`));
        resolve(parseSummary(name, line.slice('WRK_JSON '.length)));
      },
    );
  });
}

/** The figures from the JSON line the Lua `done()` prints. */
export function parseSummary(name: string, json: string): Figures {
  const s = JSON.parse(json) as {
    requests: number;
    duration_us: number;
    socket_errors: number;
    timeouts: number;
    status_errors: number;
    p50_us: number;
    p99_us: number;
  };
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    name,
    requests: s.requests,
    requestsPerSecond: Math.round(s.requests / (s.duration_us / 1e6)),
    p50: ms(s.p50_us),
    p99: ms(s.p99_us),
    errors: s.socket_errors + s.timeouts,
    non2xx: s.status_errors,
  };
}
