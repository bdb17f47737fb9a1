/**
 * The one place that reads process.env. Every setting is parsed, validated and frozen at boot;
 * a bad value stops the boot with one line naming the variable and what is wrong.
 *
 * `configTable` is the only list of settings: `loadConfig`, `broadsheet --help` and README.md's
 * Configuration table (scripts/config-table.ts) are all made from it, and
 * test/config.docs.test.ts fails when one of them disagrees.
 */
import path from 'node:path';
import {
  ConfigError,
  baseUrl,
  flag,
  oneOf,
  originOf,
  proxyList,
  secret,
  url,
  wholeNumber,
} from './config-parsers.js';

export { ConfigError } from './config-parsers.js';

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

/** Each field is one row of `configTable` below, which says what it means. */
export interface Config {
  /** PORT */
  readonly port: number;
  /** HOST */
  readonly host: string;
  /** DATA_DIR, absolute. */
  readonly dataDir: string;
  /** DATABASE_URL; null = SQLite in dataDir. */
  readonly databaseUrl: string | null;
  /** BASE_URL, without a trailing slash. */
  readonly baseUrl: string;
  /** SMTP_URL; null = outbox and log. */
  readonly smtpUrl: string | null;
  /** DEMO */
  readonly demo: boolean;
  /** LOG_LEVEL */
  readonly logLevel: LogLevel;
  /** TRUST_PROXY: false = the client is the socket's peer; else the proxy addresses to trust. */
  readonly trustProxy: false | readonly string[];
  /** WORKERS */
  readonly workers: number;
  /** PAGE_CACHE_MB */
  readonly pageCacheMb: number;
  /** LIVE_STREAMS_PER_CLIENT */
  readonly liveStreamsPerClient: number;
  /** IMAGE_MAX_MB */
  readonly imageMaxMb: number;
  /** IMAGE_MAX_MEGAPIXELS */
  readonly imageMaxMegapixels: number;
  /** IMPORT_MAX_MB */
  readonly importMaxMb: number;
  /** METRICS_TOKEN; null = /metrics answers loopback only. */
  readonly metricsToken: string | null;
  /** REDIS_URL; null = the shared limits are counted in the database. */
  readonly redisUrl: string | null;
  /** DRAIN_SECONDS */
  readonly drainSeconds: number;
  /** IMAGE_STORE: a folder (by default DATA_DIR/images) or an S3 bucket and key prefix. */
  readonly imageStore: ImageStoreLocation;
  /** S3_ENDPOINT; null = AWS's own endpoint for the region. */
  readonly s3Endpoint: string | null;
  /** S3_REGION */
  readonly s3Region: string;
  /** S3_ACCESS_KEY_ID; null = the AWS SDK's own chain (AWS_ACCESS_KEY_ID, a role…). */
  readonly s3AccessKeyId: string | null;
  /** S3_SECRET_ACCESS_KEY; set exactly when S3_ACCESS_KEY_ID is. */
  readonly s3SecretAccessKey: string | null;
  /** S3_FORCE_PATH_STYLE */
  readonly s3ForcePathStyle: boolean;
  /** IMAGE_DELIVERY */
  readonly imageDelivery: ImageDelivery;
  /** WEBHOOKS_ALLOW_PRIVATE */
  readonly webhooksAllowPrivate: boolean;
  /** INSIGHTS */
  readonly insights: boolean;
}

/** Where image files are kept: a folder, or a bucket of an S3-compatible store under a prefix. */
export type ImageStoreLocation =
  | { readonly kind: 'folder'; readonly dir: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string };

export type ImageDelivery = 'proxy' | 'redirect';
const imageDeliveries: readonly ImageDelivery[] = ['proxy', 'redirect'];

/** S3's rules for a bucket name (DNS-safe), and a prefix of plain path segments. */
const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const keyPrefix = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/**
 * `s3://bucket/prefix` or a folder (relative to `cwd`), for IMAGE_STORE and for the `images copy`
 * command's --from and --to; `variable` names what is refused.
 */
export function parseImageStore(raw: string, variable: string, cwd: string): ImageStoreLocation {
  if (!/^s3:\/\//i.test(raw)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
      throw new ConfigError(
        variable,
        `must be s3://bucket/prefix or a folder, got ${JSON.stringify(raw)}`,
      );
    }
    return { kind: 'folder', dir: path.resolve(cwd, raw) };
  }
  const [bucket = '', ...rest] = raw.slice('s3://'.length).split('/');
  const prefix = rest.join('/').replace(/\/+$/, '');
  if (!bucketName.test(bucket) || bucket.includes('..')) {
    throw new ConfigError(
      variable,
      `names no valid bucket (3 to 63 lower-case letters, digits, dots and hyphens): ${JSON.stringify(raw)}`,
    );
  }
  if (
    prefix !== '' &&
    (!keyPrefix.test(prefix) || prefix.split('/').some((s) => /^\.+$/.test(s)))
  ) {
    throw new ConfigError(
      variable,
      `has a prefix that is not plain path segments (letters, digits, . _ -): ${JSON.stringify(raw)}`,
    );
  }
  return { kind: 's3', bucket, prefix };
}

/** What a row may look at besides its own text: the folder paths start from, earlier rows. */
interface Context {
  readonly cwd: string;
  readonly settled: Partial<Config>;
}

interface Row<T> {
  readonly variable: string;
  /** The meaning column of the README (Markdown; `--help` prints it without the backticks). */
  readonly description: string;
  readonly parse: (raw: string, variable: string, context: Context) => T;
}

/** A row whose unset value is also some text: parsed exactly like a set one. */
interface RowWithDefault<T> extends Row<T> {
  readonly default: string;
  readonly unset?: never;
}

/** A row whose unset value no text can express: the value, and how the docs show it. */
interface RowWithUnset<T> extends Row<T> {
  readonly default?: never;
  readonly unset: { readonly shown: string; readonly value: (context: Context) => T };
}

export type Setting<T> = RowWithDefault<T> | RowWithUnset<T>;

const folder = (raw: string, _variable: string, { cwd }: Context) => path.resolve(cwd, raw);

/** `a`, `b` or `c`, for a description. */
const alternatives = (values: readonly string[]) =>
  values
    .map((value) => `\`${value}\``)
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');

/** BASE_URL's default is made of HOST and PORT, so its row comes after theirs. */
function hostOrigin({ settled: { host, port } }: Context): string {
  if (host === undefined || port === undefined) {
    throw new Error('configTable: BASE_URL must come after HOST and PORT');
  }
  return originOf(host, port);
}

const nothing = { shown: 'unset', value: () => null };

/** Every setting, in the order the docs list them (and they are read). */
export const configTable: { readonly [K in keyof Config]: Setting<Config[K]> } = {
  port: {
    variable: 'PORT',
    default: '3000',
    parse: wholeNumber(0, 65535),
    description: 'TCP port to listen on',
  },
  host: {
    variable: 'HOST',
    default: 'localhost',
    parse: (raw) => raw,
    description: 'interface to bind (`0.0.0.0` for all)',
  },
  dataDir: {
    variable: 'DATA_DIR',
    default: './data',
    parse: folder,
    description: 'folder for the SQLite database and uploaded images (`DATA_DIR/images`)',
  },
  databaseUrl: {
    variable: 'DATABASE_URL',
    unset: nothing,
    parse: url(['postgres:', 'postgresql:']),
    description: '`postgres://…` selects PostgreSQL; unset = SQLite in `DATA_DIR`',
  },
  baseUrl: {
    variable: 'BASE_URL',
    unset: { shown: '`http://HOST:PORT`', value: hostOrigin },
    parse: baseUrl(),
    description: 'public URL used in links, canonical URLs, feeds and emails',
  },
  smtpUrl: {
    variable: 'SMTP_URL',
    unset: nothing,
    parse: url(['smtp:', 'smtps:']),
    description:
      '`smtp://` or `smtps://` mail server; unset = mail is kept in an outbox and logged',
  },
  demo: {
    variable: 'DEMO',
    default: '1',
    parse: flag(),
    description: '`0` = never load demo content into an empty database',
  },
  logLevel: {
    variable: 'LOG_LEVEL',
    default: 'info',
    parse: oneOf(logLevels),
    description: alternatives(logLevels),
  },
  trustProxy: {
    variable: 'TRUST_PROXY',
    unset: { shown: 'unset', value: () => false },
    parse: proxyList(),
    description:
      "comma-separated proxy addresses or CIDRs whose `X-Forwarded-For` is trusted; unset = the client is the socket's peer",
  },
  workers: {
    variable: 'WORKERS',
    default: '1',
    parse: wholeNumber(1, 64),
    description: 'server processes on this machine',
  },
  pageCacheMb: {
    variable: 'PAGE_CACHE_MB',
    default: '64',
    parse: wholeNumber(0, 16_384),
    description:
      'memory per process for rendered anonymous pages (see docs/architecture.md); `0` turns the page cache off',
  },
  liveStreamsPerClient: {
    variable: 'LIVE_STREAMS_PER_CLIENT',
    default: '20',
    parse: wholeNumber(1, 100_000),
    description:
      'open live comment streams (SSE) per client address, across the site (every process and server); one more gets 429',
  },
  imageMaxMb: {
    variable: 'IMAGE_MAX_MB',
    default: '10',
    parse: wholeNumber(1, 200),
    description: 'largest image upload in megabytes; a larger one gets 413 and nothing is stored',
  },
  imageMaxMegapixels: {
    variable: 'IMAGE_MAX_MEGAPIXELS',
    default: '50',
    parse: wholeNumber(1, 1_000),
    description:
      'most pixels an uploaded image may have, in millions (422 beyond: guards against decompression bombs)',
  },
  importMaxMb: {
    variable: 'IMPORT_MAX_MB',
    default: '512',
    parse: wholeNumber(1, 100_000),
    description:
      'the largest WordPress or Disqus file `/admin/import` accepts (the command line has no limit)',
  },
  metricsToken: {
    variable: 'METRICS_TOKEN',
    unset: nothing,
    parse: secret(16),
    description:
      '`/metrics` also answers requests with `Authorization: Bearer` this token (16+ characters); unset = only requests from this machine (loopback, not through a proxy) get metrics',
  },
  redisUrl: {
    variable: 'REDIS_URL',
    unset: nothing,
    parse: url(['redis:', 'rediss:']),
    description:
      '`redis://…` counts the rate limits and the live-stream cap in Redis; unset = in the database (docs/security.md)',
  },
  drainSeconds: {
    variable: 'DRAIN_SECONDS',
    default: '10',
    parse: wholeNumber(0, 3_600),
    description:
      'on SIGTERM, the most seconds a server waits for open connections to close before closing them (behind a load balancer: longer than its idle timeout, docs/deploy.md)',
  },
  imageStore: {
    variable: 'IMAGE_STORE',
    unset: {
      shown: '`DATA_DIR/images`',
      value: ({ settled: { dataDir } }) => {
        if (dataDir === undefined)
          throw new Error('configTable: IMAGE_STORE must come after DATA_DIR');
        return { kind: 'folder', dir: path.join(dataDir, 'images') };
      },
    },
    parse: (raw, variable, { cwd }) => parseImageStore(raw, variable, cwd),
    description:
      'where uploaded images are kept: a folder, or `s3://bucket/prefix` for an S3-compatible object store shared by several servers (see docs/operations.md)',
  },
  s3Endpoint: {
    variable: 'S3_ENDPOINT',
    unset: nothing,
    parse: baseUrl(),
    description: 'address of an S3-compatible server other than AWS (`https://…`); unset = AWS',
  },
  s3Region: {
    variable: 'S3_REGION',
    default: 'us-east-1',
    parse: (raw, variable) => {
      if (!/^[a-z0-9-]{1,40}$/.test(raw)) {
        throw new ConfigError(
          variable,
          `must be a region name such as eu-west-1, got ${JSON.stringify(raw)}`,
        );
      }
      return raw;
    },
    description: "the bucket's region (what the signature names)",
  },
  s3AccessKeyId: {
    variable: 'S3_ACCESS_KEY_ID',
    unset: nothing,
    parse: (raw, variable) => {
      if (/\s/.test(raw)) throw new ConfigError(variable, 'must not contain spaces');
      return raw;
    },
    description:
      "access key for the image bucket; unset = the AWS SDK's own (`AWS_ACCESS_KEY_ID`, `AWS_PROFILE`, an instance role…)",
  },
  s3SecretAccessKey: {
    variable: 'S3_SECRET_ACCESS_KEY',
    unset: {
      shown: 'unset',
      value: ({ settled: { s3AccessKeyId } }) => {
        if (s3AccessKeyId) {
          throw new ConfigError('S3_SECRET_ACCESS_KEY', 'must be set when S3_ACCESS_KEY_ID is');
        }
        return null;
      },
    },
    parse: (raw, variable, { settled: { s3AccessKeyId } }) => {
      if (!s3AccessKeyId) throw new ConfigError(variable, 'is set but S3_ACCESS_KEY_ID is not');
      return raw;
    },
    description: 'the secret of `S3_ACCESS_KEY_ID` (both or neither)',
  },
  s3ForcePathStyle: {
    variable: 'S3_FORCE_PATH_STYLE',
    default: '0',
    parse: flag(),
    description:
      '`1` = address the bucket as `ENDPOINT/bucket/key` rather than `bucket.ENDPOINT/key` (most self-hosted S3 servers need it)',
  },
  imageDelivery: {
    variable: 'IMAGE_DELIVERY',
    default: 'proxy',
    parse: (raw, variable, { settled: { imageStore } }) => {
      const delivery = oneOf(imageDeliveries)(raw, variable);
      if (delivery === 'redirect' && imageStore?.kind !== 's3') {
        throw new ConfigError(variable, 'redirect needs IMAGE_STORE=s3://…');
      }
      return delivery;
    },
    description:
      '`proxy` = the servers send image files themselves; `redirect` = `/images/…` answers 302 to a signed URL of the S3 object',
  },
  webhooksAllowPrivate: {
    variable: 'WEBHOOKS_ALLOW_PRIVATE',
    default: '0',
    parse: flag(),
    description:
      '`1` = webhooks may be sent to loopback and private-network addresses (refused by default: see docs/webhooks.md)',
  },
  insights: {
    variable: 'INSIGHTS',
    default: '1',
    parse: flag(),
    description: '`0` = count no page views (audience insights, docs/insights.md)',
  },
};

type Env = Readonly<Record<string, string | undefined>>;

/** A blank variable counts as unset. */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function valueOf<T>(row: Setting<T>, env: Env, context: Context): T {
  const raw = read(env, row.variable);
  if (raw !== undefined) return row.parse(raw, row.variable, context);
  if (row.default !== undefined) return row.parse(row.default, row.variable, context);
  return row.unset.value(context);
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const settled: { -readonly [K in keyof Config]?: Config[K] } = {};
  const settle = <K extends keyof Config>(key: K) => {
    settled[key] = valueOf(configTable[key], env, { cwd, settled });
  };
  for (const key of Object.keys(configTable) as (keyof Config)[]) settle(key);
  // Complete: the table's type has a row for every field, and each row was settled above.
  return Object.freeze(settled as Config);
}

/** The default column as Markdown: the default text, or what leaving the variable unset means. */
export function shownDefault(row: Setting<unknown>): string {
  return row.default !== undefined ? `\`${row.default}\`` : row.unset.shown;
}

const plain = (markdown: string) => markdown.replaceAll('`', '');

/** Words joined into lines of at most `width` columns, continued under the first one. */
function wrapped(text: string, indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** The environment section of `broadsheet --help`: one entry a variable, 100 columns wide. */
export function environmentHelp(): string {
  const rows: readonly Setting<unknown>[] = Object.values(configTable);
  // Text starts in column 29, like the commands list above it in the help.
  const nameWidth = Math.max(25, ...rows.map((row) => row.variable.length));
  return rows
    .map((row) => {
      const shown = plain(shownDefault(row));
      const text = `${plain(row.description)} (${shown === 'unset' ? 'unset by default' : `default: ${shown}`})`;
      return `  ${row.variable.padEnd(nameWidth)}  ${wrapped(text, nameWidth + 4, 100)}`;
    })
    .join('\n');
}
