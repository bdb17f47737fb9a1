/**
 * Webhooks (issue 21, decisions/0066): admins register endpoints for events; each event a
 * service emits becomes one delivery per endpoint that asked for it, kept in the database until
 * it is delivered. Every process runs the delivery loop: a delivery is claimed by a conditional
 * update (so two servers never send it at once), sent signed, and its answer logged; a failure
 * is tried again with a growing wait for 24 hours. Addresses that resolve to this machine or a
 * private network are refused unless the deployment allows them (WEBHOOKS_ALLOW_PRIVATE).
 */
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { articlePath, type Article } from '../domain/article.js';
import type { Comment } from '../domain/comment.js';
import { newId } from '../domain/ids.js';
import {
  deliveryTimeoutMs,
  isPrivateAddress,
  isWebhookEvent,
  isWebhookPreset,
  nextAttemptAfter,
  responseBodyLimit,
  signatureHeader,
  signHeader,
  slackLink,
  testEvent,
  webhookUrlProblem,
  type DeliveredEvent,
  type Webhook,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEvent,
} from '../domain/webhook.js';
import { AppError, notFound, tooLong } from '../errors.js';
import type { Translator } from '../i18n/translator.js';
import type { AttemptResult, WebhookFields } from '../store/ports/webhooks.js';
import type { Store } from '../store/types.js';
import type { ChangeBus } from './changes.js';
import type { NewsroomListener } from './newsroom-events.js';

/** What other services call to announce an event (the newsletters' subscriber events too). */
export interface WebhookEmitter {
  /** Queues the event for every webhook that asked for it; never throws (a failure is logged). */
  emit(event: WebhookEvent, data: Record<string, unknown>): Promise<void>;
}

/** What the comment services call after a committed outcome (webhooks' comment events). */
export interface CommentEvents {
  comment(
    event: 'comment.published' | 'comment.held' | 'comment.reported',
    comment: Comment,
  ): Promise<void>;
}

export interface WebhookDeps {
  store: Pick<Store, 'webhooks' | 'reader'>;
  /**
   * Tells every process that a webhook changed, so that each reads the list again: without it
   * (one process), changes made here are all there are.
   */
  changes?: ChangeBus;
  baseUrl: string;
  i18n: () => Translator;
  siteName: () => string;
  /** Let deliveries reach loopback and private addresses (tests, an intranet receiver). */
  allowPrivate?: boolean;
  timeoutMs?: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

export interface WebhookInput {
  url: string;
  secret?: string | undefined;
  events: readonly string[];
  preset?: string | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
}

const claimHoldMs = 60_000;
const batch = 20;

export class WebhookService implements WebhookEmitter, CommentEvents {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;
  private stopped = true;
  /**
   * Every webhook, read once and kept until one changes: here, or in another process as the
   * change bus tells (a `webhooks` change; `site` after the bus was down). Every new comment
   * emits an event, and most sites have no webhook at all (decisions/0087).
   */
  private hooks: Promise<Webhook[]> | null = null;

  constructor(private readonly deps: WebhookDeps) {
    deps.changes?.subscribe((change) => {
      if (change.kind === 'webhooks' || change.kind === 'site') this.hooks = null;
    });
  }

  /** The enabled webhooks that asked for this event, from the kept list. */
  private async subscribedTo(event: WebhookEvent): Promise<Webhook[]> {
    let hooks = this.hooks;
    if (!hooks) {
      const reading = this.deps.store.webhooks.list();
      this.hooks = hooks = reading;
      // A failed read is not kept: the next event reads again.
      reading.catch(() => {
        if (this.hooks === reading) this.hooks = null;
      });
    }
    return (await hooks).filter((w) => w.enabled && w.events.includes(event));
  }

  /** A webhook was added, changed or removed: every process reads the list again. */
  private changed(): void {
    this.hooks = null;
    this.deps.changes?.publish({ kind: 'webhooks' });
  }

  list(): Promise<Webhook[]> {
    return this.deps.store.webhooks.list();
  }

  async get(id: string): Promise<Webhook> {
    const hook = await this.deps.store.webhooks.byId(id);
    if (!hook) throw notFound('That webhook');
    return hook;
  }

  async create(input: WebhookInput): Promise<Webhook> {
    const fields = await this.checked(input, null);
    const at = this.now().toISOString();
    const created = await this.deps.store.webhooks.create({ ...fields, id: newId(), at });
    this.changed();
    return created;
  }

  async update(id: string, input: WebhookInput): Promise<Webhook> {
    const current = await this.get(id);
    const fields = await this.checked(input, current);
    const updated = await this.deps.store.webhooks.update(id, fields, this.now().toISOString());
    this.changed();
    if (!updated) throw notFound('That webhook');
    return updated;
  }

  async setEnabled(id: string, enabled: boolean): Promise<Webhook> {
    const current = await this.get(id);
    const updated = await this.deps.store.webhooks.update(
      id,
      { ...current, enabled },
      this.now().toISOString(),
    );
    this.changed();
    if (!updated) throw notFound('That webhook');
    return updated;
  }

  async remove(id: string): Promise<void> {
    const removed = await this.deps.store.webhooks.remove(id);
    this.changed();
    if (!removed) throw notFound('That webhook');
  }

  async deliveries(webhookId: string, limit = 50, before?: string): Promise<WebhookDelivery[]> {
    await this.get(webhookId);
    return this.deps.store.webhooks.deliveries(webhookId, limit, before);
  }

  async delivery(
    webhookId: string,
    deliveryId: string,
  ): Promise<{ delivery: WebhookDelivery; attempts: WebhookAttempt[] }> {
    const delivery = await this.deps.store.webhooks.delivery(deliveryId);
    if (!delivery || delivery.webhookId !== webhookId) throw notFound('That delivery');
    return { delivery, attempts: await this.deps.store.webhooks.attempts(deliveryId) };
  }

  /** Sends a delivered or failed delivery again, with the same body (a fresh signature). */
  async redeliver(webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
    await this.delivery(webhookId, deliveryId);
    const again = await this.deps.store.webhooks.redeliver(deliveryId, this.now().toISOString());
    if (!again) {
      throw new AppError('delivery_pending', 'That delivery is still waiting to be sent.');
    }
    this.kick();
    return again;
  }

  /** Queues a `webhook.test` delivery to this webhook only (enabled or not). */
  async sendTest(webhookId: string): Promise<WebhookDelivery> {
    const hook = await this.get(webhookId);
    const id = await this.enqueue(hook, testEvent, {
      message: this.deps.i18n().t('webhooks.test.message', { site: this.deps.siteName() }),
    });
    this.kick();
    return (await this.deps.store.webhooks.delivery(id))!;
  }

  emit(event: WebhookEvent, data: Record<string, unknown>): Promise<void> {
    return this.emitWith(event, () => Promise.resolve(data));
  }

  /** Builds the event's data only when some webhook asked for it. */
  private async emitWith(
    event: WebhookEvent,
    build: () => Promise<Record<string, unknown>>,
  ): Promise<void> {
    try {
      const hooks = await this.subscribedTo(event);
      if (hooks.length === 0) return;
      const data = await build();
      for (const hook of hooks) await this.enqueue(hook, event, data);
      this.kick();
    } catch (error) {
      // An event that cannot be queued must not fail the write that caused it.
      this.deps.onError?.(error);
    }
  }

  /** Article events from the newsroom: published (now or when due), edits once public, notices. */
  newsroomListener(): NewsroomListener {
    return {
      moved: async ({ transition, after }) => {
        if (transition === 'publish' && after.status === 'published') {
          await this.article('article.published', after);
        }
      },
      saved: async (after) => {
        if (after.status === 'published') await this.article('article.updated', after);
      },
      corrected: async (after) => {
        if (after.status === 'published') await this.article('article.corrected', after);
      },
    };
  }

  /** An article's event, with what a receiver needs to show and link it. */
  article(event: 'article.published' | 'article.updated' | 'article.corrected', a: Article) {
    const active = a.corrections.filter((c) => c.retractedAt === null);
    const latest = event === 'article.corrected' ? active[active.length - 1] : undefined;
    return this.emit(event, {
      article: this.articleData(a),
      ...(latest ? { correction: { kind: latest.kind, text: latest.text } } : {}),
    });
  }

  /** A comment's event: the comment, its article and where to see or moderate it. */
  comment(event: 'comment.published' | 'comment.held' | 'comment.reported', c: Comment) {
    return this.emitWith(event, async () => this.commentData(event, c));
  }

  private async commentData(event: string, c: Comment): Promise<Record<string, unknown>> {
    const article = await this.deps.store.reader.getById(c.articleId);
    const articleUrl = article ? `${this.deps.baseUrl}${articlePath(article)}` : null;
    return {
      comment: {
        id: c.id,
        articleId: c.articleId,
        parentId: c.parentId,
        status: event === 'comment.reported' ? 'reported' : c.status,
        author: c.author.name,
        body: c.body,
        createdAt: c.createdAt,
        url:
          event === 'comment.published' && articleUrl
            ? `${articleUrl}#comment-${c.id}`
            : `${this.deps.baseUrl}/admin/moderation`,
      },
      ...(article ? { article: this.articleData(article) } : {}),
    };
  }

  private articleData(a: Article) {
    return {
      id: a.id,
      slug: a.slug,
      headline: a.headline,
      standfirst: a.standfirst,
      section: a.section.slug,
      authors: a.authors.map((p) => p.name),
      status: a.status,
      publishedAt: a.publishedAt,
      updatedAt: a.updatedAt,
      url: `${this.deps.baseUrl}${articlePath(a)}`,
    };
  }

  private async enqueue(
    hook: Webhook,
    event: DeliveredEvent,
    data: Record<string, unknown>,
  ): Promise<string> {
    const now = this.now();
    const id = newId(now.getTime());
    const payload =
      hook.preset === 'slack'
        ? JSON.stringify({ text: this.slackText(event, data) })
        : JSON.stringify({ id, event, createdAt: now.toISOString(), data });
    await this.deps.store.webhooks.enqueue({
      id,
      webhookId: hook.id,
      event,
      payload,
      at: now.toISOString(),
    });
    return id;
  }

  /** The Slack preset's one line, in the site's language, with links in `<url|text>` form. */
  private slackText(event: DeliveredEvent, data: Record<string, unknown>): string {
    const { t } = this.deps.i18n();
    const site = this.deps.siteName();
    const article = data.article as { headline: string; url: string } | undefined;
    const comment = data.comment as { author: string; url: string } | undefined;
    const articleLink = article ? slackLink(article.url, article.headline) : '';
    switch (event) {
      case 'article.published':
      case 'article.updated':
      case 'article.corrected':
        return t(`webhooks.slack.${event}`, { site, article: articleLink });
      case 'comment.published':
      case 'comment.held':
      case 'comment.reported':
        return t(`webhooks.slack.${event}`, {
          site,
          author: comment?.author ?? '',
          article: articleLink,
          link: comment ? slackLink(comment.url, t('webhooks.slack.open')) : '',
        });
      case 'subscriber.joined':
      case 'subscriber.left':
        return t(`webhooks.slack.${event}`, {
          site,
          email: typeof data.email === 'string' ? data.email : '',
        });
      case testEvent:
        return t('webhooks.test.message', { site });
    }
  }

  /**
   * One pass of the loop: claims what is due and delivers it; repeats until nothing more is
   * claimed. Returns the ids this process tried.
   */
  async deliverDue(): Promise<string[]> {
    const tried: string[] = [];
    for (;;) {
      const now = this.now();
      const claim = randomBytes(12).toString('hex');
      const due = await this.deps.store.webhooks.claimDue({
        now: now.toISOString(),
        until: new Date(now.getTime() + claimHoldMs).toISOString(),
        claim,
        limit: batch,
      });
      for (const delivery of due) {
        await this.attempt(delivery, claim);
        tried.push(delivery.id);
      }
      // Another process may have won some of what this one looked at: look again until none.
      if (due.length === 0) return tried;
    }
  }

  private async attempt(delivery: WebhookDelivery, claim: string): Promise<void> {
    const hook = await this.deps.store.webhooks.byId(delivery.webhookId);
    if (!hook) return;
    const started = this.now();
    const result = await this.send(hook, delivery, started);
    const ok =
      result.responseStatus !== null && result.responseStatus >= 200 && result.responseStatus < 300;
    const attempts = delivery.attempts + 1;
    const next = ok ? null : nextAttemptAfter(delivery.createdAt, attempts, this.now());
    await this.deps.store.webhooks.recordAttempt({
      deliveryId: delivery.id,
      claim,
      attemptId: newId(started.getTime()),
      result,
      status: ok ? 'delivered' : next ? 'pending' : 'failed',
      nextAttemptAt: next?.toISOString() ?? null,
    });
  }

  /** One HTTP POST, signed now; never throws: a failure is in the result. */
  private async send(hook: Webhook, delivery: WebhookDelivery, at: Date): Promise<AttemptResult> {
    const begin = process.hrtime.bigint();
    const elapsed = () => Number((process.hrtime.bigint() - begin) / 1_000_000n);
    const timestamp = Math.floor(at.getTime() / 1000);
    try {
      const { status, body } = await this.post(hook.url, delivery.payload, {
        'content-type': 'application/json',
        'user-agent': 'Broadsheet-Webhooks/1',
        'broadsheet-event': delivery.event,
        'broadsheet-delivery': delivery.id,
        [signatureHeader.toLowerCase()]: signHeader(hook.secret, timestamp, delivery.payload),
      });
      return {
        at: at.toISOString(),
        responseStatus: status,
        responseBody: body,
        durationMs: elapsed(),
        error: null,
      };
    } catch (error) {
      return {
        at: at.toISOString(),
        responseStatus: null,
        responseBody: null,
        durationMs: elapsed(),
        error: (error as Error).message.slice(0, 500),
      };
    }
  }

  private post(
    address: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: string }> {
    const url = new URL(address);
    const allowPrivate = this.deps.allowPrivate ?? false;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !allowPrivate && isPrivateAddress(host)) {
      return Promise.reject(new Error(`refused: ${host} is a private or loopback address`));
    }
    // The address checked is the one connected to: a name that resolves elsewhere later
    // (DNS rebinding) is checked again on every delivery.
    const guarded: LookupFunction = (hostname, options, callback) => {
      lookup(hostname, { ...options, all: true }, (error, found) => {
        if (error) return callback(error, '', 0);
        const list = found as unknown as { address: string; family: number }[];
        const bad = list.find((a) => isPrivateAddress(a.address));
        if (bad && !allowPrivate) {
          return callback(
            new Error(`refused: ${hostname} resolves to a private or loopback address`),
            '',
            0,
          );
        }
        if (options.all) return callback(null, list as never);
        const first = list[0]!;
        callback(null, first.address, first.family);
      });
    };
    const client = url.protocol === 'https:' ? https : http;
    const timeout = this.deps.timeoutMs ?? deliveryTimeoutMs;
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          lookup: guarded,
          timeout,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8').slice(0, responseBodyLimit),
            });
          response.on('data', (chunk: Buffer) => {
            if (size >= responseBodyLimit * 4) return;
            chunks.push(chunk);
            size += chunk.length;
            // Enough of the answer is kept; the rest is not read.
            if (size >= responseBodyLimit * 4) {
              finish();
              response.destroy();
            }
          });
          response.on('end', finish);
          response.on('error', (error) => reject(error));
        },
      );
      const deadline = setTimeout(
        () => request.destroy(new Error(`no answer in ${timeout} ms`)),
        timeout,
      );
      request.on('timeout', () => request.destroy(new Error(`no answer in ${timeout} ms`)));
      request.on('error', reject);
      request.on('close', () => clearTimeout(deadline));
      request.end(body);
    });
  }

  /** Starts delivering: a pass now, then every `intervalMs`, and soon after each new event. */
  start(intervalMs = 5_000): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.intervalMs = intervalMs;
    this.kick();
  }

  private intervalMs = 5_000;

  /** Runs a pass soon (or right after the one in progress). */
  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.deliverDue()
      .catch((error: unknown) => this.deps.onError?.(error))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
          return;
        }
        this.timer = setTimeout(() => this.kick(), this.intervalMs);
        this.timer.unref();
      });
  }

  /** Stops the loop and waits for a pass in progress, so the store can be closed after. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async checked(input: WebhookInput, current: Webhook | null): Promise<WebhookFields> {
    const url = input.url.trim();
    if (url.length > 2000)
      throw tooLong('url', 'The address can be at most 2,000 characters.', 2000);
    const problem = webhookUrlProblem(url);
    if (problem) {
      throw new AppError(
        'invalid_webhook_url',
        'Enter a full http:// or https:// address, without a user name or password.',
        { field: 'url' },
      );
    }
    await this.checkAddress(url);
    const events = [...new Set(input.events.map((e) => e.trim()))];
    if (events.length === 0) {
      throw new AppError('webhook_events_required', 'Choose at least one event.', {
        field: 'events',
      });
    }
    if (!events.every(isWebhookEvent)) {
      throw new AppError('invalid_webhook_event', 'One of the events is not known.', {
        field: 'events',
      });
    }
    const preset = input.preset ?? current?.preset ?? 'json';
    if (!isWebhookPreset(preset)) {
      throw new AppError('invalid_webhook_preset', 'The format must be json or slack.', {
        field: 'preset',
      });
    }
    const given = input.secret?.trim() ?? '';
    const secret = given || current?.secret || randomBytes(32).toString('hex');
    if (secret.length < 16 || secret.length > 200) {
      throw new AppError(
        'invalid_webhook_secret',
        'The secret must be 16 to 200 characters long (leave it empty to have one made).',
        { field: 'secret' },
      );
    }
    const description = (input.description ?? current?.description ?? '').trim();
    if (description.length > 200) {
      throw tooLong('description', 'The description can be at most 200 characters.', 200);
    }
    return {
      url,
      secret,
      events,
      preset,
      description,
      enabled: input.enabled ?? current?.enabled ?? true,
    };
  }

  /** Refuses, when saving, an address that resolves to a private or loopback one. */
  private async checkAddress(address: string): Promise<void> {
    if (this.deps.allowPrivate) return;
    const host = new URL(address).hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else {
      addresses = await new Promise<string[]>((resolve) =>
        lookup(host, { all: true }, (error, found) =>
          resolve(error ? [] : found.map((f) => f.address)),
        ),
      );
    }
    if (addresses.some(isPrivateAddress)) {
      throw new AppError(
        'webhook_private_address',
        'That address leads to this server or a private network, which webhooks may not reach.',
        { field: 'url' },
      );
    }
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
