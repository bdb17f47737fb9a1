/**
 * How a configuration variable's text becomes a value, and the one-line refusal when it cannot.
 * The table in config.ts names, for each variable, which of these parses it.
 */
import { isIP } from 'node:net';

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

/** A parser gets the variable's trimmed text and its name (for the refusal). */
export type Parser<T> = (raw: string, variable: string) => T;

/** A value quoted for an error message: escapes newlines and quotes. */
const quote = (raw: string) => JSON.stringify(raw);

/** A URL for an error message, without the password it may carry. */
function redacted(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@');
}

export function wholeNumber(min: number, max: number): Parser<number> {
  return (raw, variable) => {
    if (!/^\d+$/.test(raw)) {
      throw new ConfigError(variable, `must be a whole number, got ${quote(raw)}`);
    }
    const value = Number(raw);
    if (value < min || value > max) {
      throw new ConfigError(variable, `must be between ${min} and ${max}, got ${value}`);
    }
    return value;
  };
}

export function flag(): Parser<boolean> {
  return (raw, variable) => {
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    throw new ConfigError(variable, `must be 1 or 0, got ${quote(raw)}`);
  };
}

export function oneOf<T extends string>(values: readonly T[]): Parser<T> {
  return (raw, variable) => {
    const found = values.find((value) => value === raw);
    if (found === undefined) {
      throw new ConfigError(variable, `must be one of ${values.join(', ')}, got ${quote(raw)}`);
    }
    return found;
  };
}

/** A URL with one of the given schemes, normalised by the URL parser. */
export function url(protocols: readonly string[]): Parser<string> {
  return (raw, variable) => parsedUrl(raw, variable, protocols).toString();
}

function parsedUrl(raw: string, variable: string, protocols: readonly string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(variable, `is not a valid URL: ${quote(redacted(raw))}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(
      variable,
      `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${quote(redacted(raw))}`,
    );
  }
  return parsed;
}

/** A public origin, perhaps with a path; paths are appended to it, so no query or fragment. */
export function baseUrl(): Parser<string> {
  return (raw, variable) => {
    const parsed = parsedUrl(raw, variable, ['http:', 'https:']);
    if (parsed.search || parsed.hash) {
      throw new ConfigError(variable, `must not have a query or fragment, got ${quote(raw)}`);
    }
    return parsed.toString().replace(/\/+$/, '');
  };
}

/** The origin a browser would use for HOST:PORT; wildcard binds are reached as localhost. */
export function originOf(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${isIP(name) === 6 ? `[${name}]` : name}:${port}`;
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

/** A comma-separated list of proxy addresses and ranges, frozen. */
export function proxyList(): Parser<readonly string[]> {
  return (raw, variable) => {
    const entries = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = entries.find((entry) => !proxyAddress(entry));
    if (bad !== undefined) {
      throw new ConfigError(
        variable,
        `must be a comma-separated list of IP addresses or CIDR ranges, got ${quote(bad)}`,
      );
    }
    return Object.freeze(entries);
  };
}

/** A shared secret: printable, no spaces, at least `min` characters; never repeated in errors. */
export function secret(min: number): Parser<string> {
  return (raw, variable) => {
    if (raw.length < min || !/^[\x21-\x7e]+$/.test(raw)) {
      throw new ConfigError(
        variable,
        `expected at least ${min} printable characters without spaces (the value is not shown)`,
      );
    }
    return raw;
  };
}
