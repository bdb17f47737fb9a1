/**
 * The one place that reads process.env. Every setting is parsed, validated and frozen at boot;
 * a bad value stops the boot with one line naming the variable and what is wrong.
 */
import { isIP } from 'node:net';
import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const logLevels: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

export interface Config {
  /** PORT: TCP port to listen on. */
  readonly port: number;
  /** HOST: interface to bind. */
  readonly host: string;
  /** DATA_DIR: where the SQLite database and uploaded images (DATA_DIR/images) live. Absolute. */
  readonly dataDir: string;
  /** DATABASE_URL: postgres://… selects PostgreSQL; null = SQLite in dataDir. */
  readonly databaseUrl: string | null;
  /** BASE_URL: public origin used in links, feeds and emails, without a trailing slash. */
  readonly baseUrl: string;
  /** SMTP_URL: null = mail goes to the outbox table and the log. */
  readonly smtpUrl: string | null;
  /** DEMO: load demo content into an empty database. */
  readonly demo: boolean;
  /** LOG_LEVEL */
  readonly logLevel: LogLevel;
  /** TRUST_PROXY: false = the client is the socket's peer; else the proxy addresses to trust. */
  readonly trustProxy: false | readonly string[];
  /** WORKERS: server processes on this machine. */
  readonly workers: number;
  /** PAGE_CACHE_MB: memory for rendered anonymous pages, per process; 0 turns the cache off. */
  readonly pageCacheMb: number;
  /** LIVE_STREAMS_PER_CLIENT: open live comment streams per client address (then 429). */
  readonly liveStreamsPerClient: number;
  /** IMAGE_MAX_MB: the largest image upload, in megabytes (then 413). */
  readonly imageMaxMb: number;
  /** IMAGE_MAX_MEGAPIXELS: the most pixels an uploaded image may have (then 422). */
  readonly imageMaxMegapixels: number;
  /** IMPORT_MAX_MB: the largest file /admin/import accepts, in megabytes. */
  readonly importMaxMb: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    // One line, whatever the value held.
    super(`${variable}: ${problem}`.replace(/[\r\n]+/g, ' '));
    this.name = 'ConfigError';
  }
}

/** A value quoted for an error message: escapes newlines and quotes. */
const quote = (raw: string) => JSON.stringify(raw);

/** A URL for an error message, without the password it may carry. */
function redacted(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@');
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got ${quote(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function url(name: string, raw: string, protocols: readonly string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL: ${quote(redacted(raw))}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(
      name,
      `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${quote(redacted(raw))}`,
    );
  }
  return parsed;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be 1 or 0, got ${quote(raw)}`);
}

/** Names proxy-addr understands besides addresses and CIDR ranges. */
const proxyRangeNames = ['loopback', 'linklocal', 'uniquelocal'];

function proxyAddress(entry: string): boolean {
  if (proxyRangeNames.includes(entry)) return true;
  const [address = '', range, ...extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d+$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4; // a netmask such as 255.255.0.0
}

function trustedProxies(env: Env): false | readonly string[] {
  const raw = read(env, 'TRUST_PROXY');
  if (raw === undefined) return false;
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !proxyAddress(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      'TRUST_PROXY',
      `must be a comma-separated list of IP addresses or CIDR ranges, got ${quote(bad)}`,
    );
  }
  return Object.freeze(entries);
}

/** BASE_URL is prefixed to paths, so it cannot carry a query or fragment of its own. */
function baseUrlFrom(raw: string): string {
  const parsed = url('BASE_URL', raw, ['http:', 'https:']);
  if (parsed.search || parsed.hash) {
    throw new ConfigError('BASE_URL', `must not have a query or fragment, got ${quote(raw)}`);
  }
  return parsed.toString().replace(/\/+$/, '');
}

/** The origin a browser would use for HOST:PORT; wildcard binds are reached as localhost. */
function defaultBaseUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${isIP(name) === 6 ? `[${name}]` : name}:${port}`;
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = read(env, 'HOST') ?? 'localhost';
  const dataDir = path.resolve(cwd, read(env, 'DATA_DIR') ?? './data');

  const rawDatabaseUrl = read(env, 'DATABASE_URL');
  const databaseUrl =
    rawDatabaseUrl === undefined
      ? null
      : url('DATABASE_URL', rawDatabaseUrl, ['postgres:', 'postgresql:']).toString();

  const rawBaseUrl = read(env, 'BASE_URL');
  const baseUrl = rawBaseUrl === undefined ? defaultBaseUrl(host, port) : baseUrlFrom(rawBaseUrl);

  const rawSmtpUrl = read(env, 'SMTP_URL');
  const smtpUrl =
    rawSmtpUrl === undefined ? null : url('SMTP_URL', rawSmtpUrl, ['smtp:', 'smtps:']).toString();

  const rawLevel = read(env, 'LOG_LEVEL') ?? 'info';
  if (!logLevels.includes(rawLevel as LogLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      `must be one of ${logLevels.join(', ')}, got ${quote(rawLevel)}`,
    );
  }

  const trustProxy = trustedProxies(env);

  return Object.freeze({
    port,
    host,
    dataDir,
    databaseUrl,
    baseUrl,
    smtpUrl,
    demo: flag(env, 'DEMO', true),
    logLevel: rawLevel as LogLevel,
    trustProxy,
    workers: integer(env, 'WORKERS', 1, 1, 64),
    pageCacheMb: integer(env, 'PAGE_CACHE_MB', 64, 0, 16_384),
    liveStreamsPerClient: integer(env, 'LIVE_STREAMS_PER_CLIENT', 20, 1, 100_000),
    imageMaxMb: integer(env, 'IMAGE_MAX_MB', 10, 1, 200),
    imageMaxMegapixels: integer(env, 'IMAGE_MAX_MEGAPIXELS', 50, 1, 1_000),
    importMaxMb: integer(env, 'IMPORT_MAX_MB', 512, 1, 100_000),
  });
}

/** Documentation of each variable, printed by `broadsheet --help` and kept in the README. */
export const configDocs: readonly (readonly [string, string, string])[] = [
  ['PORT', '3000', 'TCP port to listen on'],
  ['HOST', 'localhost', 'interface to bind (0.0.0.0 for all)'],
  ['DATA_DIR', './data', 'folder for the SQLite database and uploaded images (DATA_DIR/images)'],
  ['DATABASE_URL', '(unset)', 'postgres://… selects PostgreSQL; unset = SQLite in DATA_DIR'],
  ['BASE_URL', 'http://HOST:PORT', 'public URL used in links, feeds and emails'],
  ['SMTP_URL', '(unset)', 'smtp:// or smtps:// mail server; unset = outbox + log'],
  ['DEMO', '1', '0 = do not load demo content into an empty database'],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  [
    'TRUST_PROXY',
    '(unset)',
    'comma-separated proxy addresses/CIDRs whose X-Forwarded-For is trusted',
  ],
  ['WORKERS', '1', 'server processes on this machine'],
  [
    'LIVE_STREAMS_PER_CLIENT',
    '20',
    'open live comment streams per client address, per process (then 429)',
  ],
  ['IMAGE_MAX_MB', '10', 'largest image upload in megabytes (then 413)'],
  [
    'IMAGE_MAX_MEGAPIXELS',
    '50',
    'most pixels an uploaded image may have, in millions (then 422; guards against decompression bombs)',
  ],
  ['IMPORT_MAX_MB', '512', 'largest WordPress or Disqus file the admin import page accepts'],
];
