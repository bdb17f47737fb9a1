/**
 * The reader lane (issue 19, target 1; decision 0092): a signed-in reader's GET of an article
 * page whose shell is in the page cache is answered before Fastify routes it, as the fast lane
 * answers anonymous hits (decision 0056): the session from memory (`SessionService.resolve`: the
 * person is read afresh, a session ended anywhere is refused at once), the reader's marks on the
 * page kept per shell and reader (`ReaderMarks`), and the page spliced as gzip from the shell's
 * kept pieces (decision 0084). The same status, headers, security headers, metrics, request line
 * and audience count as the route (`article` in routes/reader.ts) gives.
 *
 * Anything the lane is not sure of goes to the route: a query naming a reader's notice or form
 * (`reply`, `report`, `reported`, `moderated`), a client that takes no gzip, a moderator or admin
 * (their thread settings are read per request), a session that does not resolve, a print view, a
 * cookie value it does not read exactly as the cookie parser would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ViewedPage } from '../domain/insights.js';
import type { ModeratedComment } from '../domain/moderation/queue.js';
import { staffRoles, type User } from '../domain/user.js';
import {
  awaitsEmailConfirmation,
  withinEditWindow,
  type UnconfirmedEmailRule,
} from '../domain/comment-settings.js';
import type { Change, ChangeBus } from '../services/changes.js';
import type { CommentViewerState } from '../services/comment-threads.js';
import type { Services } from '../services/index.js';
import type { Viewing } from '../views/context.js';
import { acceptsGzip } from '../views/gzip-splice.js';
import type { GzipLayout, PageShell } from '../views/slots.js';
import { shellsOf } from './fragments.js';
import type { PageCache } from './page-cache.js';
import { cookieLanguage, inLanguage } from './plugins/page-cache.js';
import type { CounterSeries, HistogramSeries } from './plugins/metrics.js';

/** The services a reader's marks are read from. */
export type MarkServices = Pick<Services, 'threads' | 'moderation' | 'commentSettings' | 'changes'>;

/** What is kept of a reader's state on one shell: read once, valid until a change or a time. */
interface Kept {
  /** The generations it was read in (global, article): a change since moves them. */
  global: number;
  article: number;
  /** Not used at or after this time (ms): an editable comment leaves its window, or the bound. */
  until: number;
  reacted: Set<string>;
  reported: Set<string>;
  editable: Set<string>;
  rule: UnconfirmedEmailRule;
  own: readonly ModeratedComment[];
  /** Their gzip page's layout on this shell, once drawn (`PageShell.fillGzip`). */
  layout: GzipLayout;
}

/** A reader's state on a shell, as the route and the lane fill it. */
export interface ReaderState {
  comments: CommentViewerState;
  own: readonly ModeratedComment[];
  /** Kept with the marks: pass it to `fillGzip` only when no comment is just reported or opened. */
  layout: GzipLayout;
}

/**
 * Kept at most this long without a change (ms): the bound should an announcement be lost
 * without the channel noticing (as sessions, decision 0079).
 */
const keptForMs = 60_000;
/** Readers kept per shell at most (then forgotten, all at once). */
const readersPerShell = 10_000;
/** Articles whose generation is tracked at most (then all kept state is dropped). */
const articlesTracked = 50_000;

/**
 * Each reader's marks on a shell (reactions, reports, own held or rejected comments, which of
 * their comments they may still edit), kept per shell and reader. Any change that can alter them
 * drops them, from whatever process it came (the change bus): a comment created, edited,
 * deleted, reacted to or moderated on the article, a report (`queue`), the article changed, and
 * a `site` change (settings; the channel coming back after an outage) drops all. An editable
 * comment leaving its edit window ends them at that moment. They are dropped with the shell.
 */
export class ReaderMarks {
  private global = 0;
  private readonly articles = new Map<string, number>();
  private readonly kept = new WeakMap<PageShell, Map<string, Kept>>();
  /** Reads made and reads saved (for tests and profiles). */
  readonly counts = { read: 0, kept: 0 };

  constructor(changes: ChangeBus) {
    changes.subscribe((change) => this.apply(change));
  }

  private apply(change: Change): void {
    switch (change.kind) {
      case 'comment':
      case 'queue':
      case 'article':
      case 'live':
        this.bump(change.articleId);
        return;
      case 'sessions':
      case 'webhooks':
      case 'front':
      case 'page':
        return;
      default:
        // A site change (settings, the channel back after an outage), or one not known here.
        this.global++;
        this.articles.clear();
    }
  }

  private bump(articleId: string): void {
    if (this.articles.size >= articlesTracked && !this.articles.has(articleId)) {
      this.global++;
      this.articles.clear();
    }
    this.articles.set(articleId, (this.articles.get(articleId) ?? 0) + 1);
  }

  /** The reader's state on this shell: kept, or read (and kept unless a change came meanwhile). */
  async state(services: MarkServices, shell: PageShell, user: User): Promise<ReaderState> {
    const { articleId, threads } = shell.data;
    let forShell = this.kept.get(shell);
    const now = Date.now();
    const kept = forShell?.get(user.id);
    if (
      kept !== undefined &&
      kept.global === this.global &&
      kept.article === (this.articles.get(articleId) ?? 0) &&
      now < kept.until
    ) {
      this.counts.kept++;
      return stateOf(kept, user);
    }
    this.counts.read++;
    const global = this.global;
    const article = this.articles.get(articleId) ?? 0;
    const [viewing, windowMinutes, rule] = await Promise.all([
      services.threads.viewerStateOn(user, articleId, threads),
      services.commentSettings.editWindowMinutes(),
      services.commentSettings.unconfirmedEmail(),
    ]);
    const own = viewing.unpublished
      ? await services.moderation.ownUnpublished(articleId, user.id)
      : [];
    // The first moment one of their editable comments is no longer editable.
    let until = now + keptForMs;
    const editable = new Set<string>();
    for (const id of viewing.state.editable) editable.add(id);
    const at = new Date(now);
    for (const c of flatten(threads)) {
      if (!editable.has(c.id)) continue;
      // As it was read (`viewerStateOn` reads with its own clock): not editable now, not kept.
      if (!withinEditWindow(c.createdAt, windowMinutes, at)) until = now;
      else until = Math.min(until, Date.parse(c.createdAt) + windowMinutes * 60_000 + 1);
    }
    const fresh: Kept = {
      global,
      article,
      until,
      reacted: viewing.state.reacted,
      reported: viewing.state.reported,
      editable,
      rule,
      own,
      layout: {},
    };
    if (global === this.global && article === (this.articles.get(articleId) ?? 0)) {
      if (forShell === undefined) this.kept.set(shell, (forShell = new Map()));
      if (forShell.size >= readersPerShell) forShell.clear();
      forShell.set(user.id, fresh);
    }
    return { comments: viewing.state, own, layout: fresh.layout };
  }
}

function stateOf(kept: Kept, user: User): ReaderState {
  // As `viewerStateOn` says it, from the person read for this request.
  const rule = kept.rule;
  const confirmEmail =
    awaitsEmailConfirmation(user) && (rule === 'refuse' || rule === 'hold')
      ? { rule, email: user.email }
      : null;
  return {
    comments: {
      userId: user.id,
      reacted: kept.reacted,
      reported: kept.reported,
      editable: kept.editable,
      confirmEmail,
    },
    own: kept.own,
    layout: kept.layout,
  };
}

function* flatten(
  threads: PageShell['data']['threads'],
): Generator<{ id: string; createdAt: string }> {
  for (const node of threads) {
    yield node.comment;
    yield* flatten(node.replies);
  }
}

const byBus = new WeakMap<ChangeBus, ReaderMarks>();

/** The readers' marks kept for the processes' change bus (one per bus). */
export function marksOf(changes: ChangeBus): ReaderMarks {
  let marks = byBus.get(changes);
  if (!marks) byBus.set(changes, (marks = new ReaderMarks(changes)));
  return marks;
}

/** Query parameters that only change a signed-in reader's page: the route draws those. */
const personalParams = /(?:^|[?&])(?:reply|report|reported|moderated)(?:=|&|$)/;

/**
 * The session cookie's value in a Cookie header, read as the cookie parser reads it (the first
 * of that name, trimmed); null when absent or when it has characters the parser would decode
 * (the route then reads it).
 */
export function sessionIdIn(cookie: string, name: string): string | null {
  let from = 0;
  while (from < cookie.length) {
    let end = cookie.indexOf(';', from);
    if (end === -1) end = cookie.length;
    const eq = cookie.indexOf('=', from);
    if (eq !== -1 && eq < end && cookie.slice(from, eq).trim() === name) {
      const value = cookie.slice(eq + 1, end).trim();
      return /^[A-Za-z0-9_-]+$/.test(value) ? value : null;
    }
    from = end + 1;
  }
  return null;
}

export interface ReaderLaneOptions {
  cache: PageCache;
  sessionCookie: string;
  services: MarkServices & Pick<Services, 'sessions'>;
  headers: readonly [string, string][];
  /** The article route's metric handles (GET, 200): the lane counts as the route would. */
  counted: { requests: CounterSeries; latency: HistogramSeries };
  log: {
    enabled(): boolean;
    line(entry: { method: string; path: string; status: number; ms: number }): void;
  };
  /** Counts a reader's view (audience insights), when they are counted. */
  view?: (page: ViewedPage, req: IncomingMessage) => void;
  /** Told of a request the lane answered, or of an error it met (then the route answers). */
  error?: (error: unknown) => void;
}

export interface ReaderLane {
  /**
   * Takes the request (true) or leaves it (false, nothing done). A request taken may still be
   * handed to `route` later, before anything is written, when the lane finds it cannot answer.
   */
  (req: IncomingMessage, res: ServerResponse, route: () => void): boolean;
  close(): void;
  readonly counts: { answered: number; routed: number };
}

/** The article page's route, as Fastify names it in the metrics. */
export const articleRoute = '/:section/:yyyy/:mm/:dd/:slug';

const staff = new Set<string>(staffRoles);
const htmlType = 'text/html; charset=utf-8';

export function readerLane(options: ReaderLaneOptions): ReaderLane {
  const { cache, services, counted, log, view } = options;
  const cookieMark = `${options.sessionCookie}=`;
  const marks = marksOf(services.changes);
  const shells = shellsOf(cache);
  const before = ['content-encoding', 'gzip', 'content-type', htmlType];
  const after = [
    'vary',
    'Accept-Encoding',
    'cache-control',
    'private, no-store',
    ...options.headers.flat(),
  ];
  const counts = { answered: 0, routed: 0 };
  /** Answers the request; false when the route must (nothing written then). */
  const answer = async (
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    shell: PageShell,
    entry: NonNullable<ReturnType<PageCache['getByUrl']>>,
    started: number,
  ): Promise<boolean> => {
    const active = await services.sessions.resolve(id);
    if (active === null) return false;
    const { user, session } = active;
    if (user.role === 'moderator' || user.role === 'admin') return false;
    const drawing = { kind: 'page' as const, shell, entry };
    shells.filled(drawing);
    const state = await marks.state(services, shell, user);
    const viewing: Viewing = {
      ctx: {
        ...shell.base,
        viewer: { id: user.id, name: user.name, role: user.role, csrfToken: session.csrfToken },
      },
      comments: state.comments,
      personal: { own: state.own, reportedId: undefined, reportingId: undefined },
      form: undefined,
      threadSettings: undefined,
    };
    const { body, gzip } = shells.readerBody(
      drawing,
      viewing,
      req.headers['accept-encoding'],
      state.layout,
    );
    if (!gzip) return false;
    res.writeHead(200, [...before, ...after, 'content-length', body.length]);
    res.end(body);
    counts.answered++;
    if (view !== undefined && !staff.has(user.role)) {
      view({ kind: 'article', subject: shell.data.articleId }, req);
    }
    const ms = performance.now() - started;
    counted.requests.inc();
    counted.latency.observe(ms / 1000);
    if (log.enabled()) {
      const url = req.url ?? '';
      const q = url.indexOf('?');
      log.line({
        method: 'GET',
        path: q === -1 ? url : url.slice(0, q),
        status: 200,
        ms: Math.round(ms * 10) / 10,
      });
    }
    return true;
  };

  let open = true;
  const lane = (req: IncomingMessage, res: ServerResponse, route: () => void): boolean => {
    if (!open || req.method !== 'GET') return false;
    const { headers } = req;
    const { cookie } = headers;
    if (cookie === undefined || headers.authorization !== undefined) return false;
    if (!cookie.includes(cookieMark)) return false;
    if (!acceptsGzip(headers['accept-encoding'])) return false;
    let url = req.url ?? '';
    if (url.includes('?') && personalParams.test(url)) return false;
    const id = sessionIdIn(cookie, options.sessionCookie);
    if (id === null) return false;
    url = inLanguage(url, cookieLanguage(cookie));
    const entry = cache.getByUrl(url);
    const shell = entry?.shell;
    if (entry === undefined || shell === undefined || shell.data.print) return false;
    const started = performance.now();
    const toRoute = () => {
      counts.routed++;
      route();
    };
    answer(req, res, id, shell, entry, started).then(
      (done) => {
        if (!done) toRoute();
      },
      (error: unknown) => {
        options.error?.(error);
        if (res.headersSent) res.destroy();
        else toRoute();
      },
    );
    return true;
  };
  return Object.assign(lane, {
    close: () => {
      open = false;
    },
    counts,
  });
}
