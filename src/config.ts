/**
 * The one place that reads process.env. Every setting is parsed, validated and frozen at boot;
 * a bad value stops the boot with one line naming the variable and what is wrong.
 */
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
  /** DATA_DIR: where the SQLite database (and later uploads) live. Absolute. */
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
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
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
    throw new ConfigError(name, `is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(
      name,
      `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${raw}"`,
    );
  }
  return parsed;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be 1 or 0, got "${raw}"`);
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
  const baseUrl =
    rawBaseUrl === undefined
      ? `http://${host}:${port}`
      : url('BASE_URL', rawBaseUrl, ['http:', 'https:']).toString().replace(/\/+$/, '');

  const rawSmtpUrl = read(env, 'SMTP_URL');
  const smtpUrl =
    rawSmtpUrl === undefined ? null : url('SMTP_URL', rawSmtpUrl, ['smtp:', 'smtps:']).toString();

  const rawLevel = read(env, 'LOG_LEVEL') ?? 'info';
  if (!logLevels.includes(rawLevel as LogLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}, got "${rawLevel}"`);
  }

  const rawTrust = read(env, 'TRUST_PROXY');
  const trustProxy =
    rawTrust === undefined
      ? false
      : Object.freeze(
          rawTrust
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );

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
  });
}

/** Documentation of each variable, printed by `broadsheet --help` and kept in the README. */
export const configDocs: readonly (readonly [string, string, string])[] = [
  ['PORT', '3000', 'TCP port to listen on'],
  ['HOST', 'localhost', 'interface to bind (0.0.0.0 for all)'],
  ['DATA_DIR', './data', 'folder for the SQLite database and uploads'],
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
];
