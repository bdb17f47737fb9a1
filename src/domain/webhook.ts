/**
 * Webhooks' pure rules (issue 21, decisions/0066): the events an admin may ask for, the
 * signature every delivery carries and how a receiver checks it, when a failed delivery is tried
 * again, which addresses a delivery may go to, and the Slack-compatible preset.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const webhookEvents = [
  'article.published',
  'article.updated',
  'article.corrected',
  'comment.published',
  'comment.held',
  'comment.reported',
  'subscriber.joined',
  'subscriber.left',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
/** What "Send test event" sends; never subscribed to, always allowed. */
export const testEvent = 'webhook.test';
export type DeliveredEvent = WebhookEvent | typeof testEvent;

export const isWebhookEvent = (value: string): value is WebhookEvent =>
  (webhookEvents as readonly string[]).includes(value);

/** How a delivery's body is shaped: Broadsheet's own JSON, or Slack's `{"text": …}`. */
export const webhookPresets = ['json', 'slack'] as const;
export type WebhookPreset = (typeof webhookPresets)[number];
export const isWebhookPreset = (value: string): value is WebhookPreset =>
  (webhookPresets as readonly string[]).includes(value);

export interface Webhook {
  id: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  preset: WebhookPreset;
  description: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  event: string;
  /** The exact body sent (and signed). */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  responseStatus: number | null;
  /** The start of the receiver's answer, at most `responseBodyLimit` characters. */
  responseBody: string | null;
  durationMs: number | null;
  error: string | null;
}

export interface WebhookAttempt {
  id: string;
  deliveryId: string;
  at: string;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number;
  error: string | null;
}

/** The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const signatureHeader = 'Broadsheet-Signature';
/** A receiver refuses a signature older (or newer) than this: a replayed request is stale. */
export const signatureToleranceSeconds = 300;

/** HMAC-SHA256 of `${timestamp}.${body}` under the secret, in hex. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The header's value for a body sent at `timestamp` (seconds since 1970). */
export function signHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

/**
 * What a receiver does (docs/webhooks.md has the same steps to copy): read `t` and every `v1`,
 * refuse a time further than the tolerance from now, compare the HMAC in constant time.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = signatureToleranceSeconds,
): boolean {
  if (!header) return false;
  let timestamp = NaN;
  const given: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't') timestamp = Number(value);
    if (key === 'v1' && value) given.push(value);
  }
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return false;
  }
  const expected = Buffer.from(signatureOf(secret, timestamp, body), 'hex');
  return given.some((v) => {
    const candidate = Buffer.from(v, 'hex');
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
}

/** Retries stop once a delivery is this old: it is then marked failed (and may be redelivered). */
export const retryWindowMs = 24 * 60 * 60_000;
const firstRetryMs = 30_000;
const longestWaitMs = 2 * 60 * 60_000;

/**
 * When to try again after `attempts` failed tries of a delivery made at `createdAt`: 30 s, then
 * doubling (1 min, 2 min, … ) up to 2 h between tries, and null (give up) once the next try would
 * fall more than 24 h after the delivery was made.
 */
export function nextAttemptAfter(createdAt: string, attempts: number, now: Date): Date | null {
  const wait = Math.min(firstRetryMs * 2 ** Math.max(0, attempts - 1), longestWaitMs);
  const next = new Date(now.getTime() + wait);
  if (next.getTime() - Date.parse(createdAt) > retryWindowMs) return null;
  return next;
}

/** The receiver's answer is kept up to this many characters (the log shows the start). */
export const responseBodyLimit = 2_000;
/** A receiver that has not answered in this long has failed this try. */
export const deliveryTimeoutMs = 10_000;

/** An address as typed, checked before anything is looked up: http(s), no credentials. */
export function webhookUrlProblem(text: string): 'invalid' | 'scheme' | 'credentials' | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'scheme';
  if (url.username || url.password) return 'credentials';
  return null;
}

/**
 * Whether an IP address is one a webhook must not reach unless allowed: loopback, private
 * (RFC 1918, unique local), link-local (cloud metadata lives there), unspecified, CGNAT, and
 * IPv4 written inside IPv6.
 */
export function isPrivateAddress(address: string): boolean {
  const kind = /^\d{1,3}(\.\d{1,3}){3}$/.test(address) ? 4 : address.includes(':') ? 6 : 0;
  if (kind === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (kind === 6) {
    const lower = address.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return isPrivateAddress(mapped[1]!);
    return (
      lower === '::' ||
      lower === '::1' ||
      /^f[cd]/.test(lower) ||
      /^fe[89ab]/.test(lower) ||
      /^ff/.test(lower)
    );
  }
  return true;
}

/** What a Slack-compatible message says: one line, with the link in Slack's `<url|text>` form. */
export function slackLink(url: string, text: string): string {
  const clean = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<${url}|${clean(text).replace(/\|/g, '¦')}>`;
}
