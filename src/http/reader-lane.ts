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
 * (`reply`, `report`, `reported`, `moderated`, or any name with a `%`), a client that takes no
 * gzip, a moderator or admin (their thread settings are read per request), a session that does
 * not resolve, a print view, a cookie value it does not read exactly as the cookie parser would.
 * The route reuses the session the lane resolved (`laneSession`) and remembers a URL for the lane
 * only when the lane could answer it (`laneUrl`).
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
import type { ActiveSession } from '../services/sessions.js';
import type { Viewing } from '../views/context.js';
import { acceptsGzip } from '../views/gzip-splice.js';
import type { GzipLayout, PageShell } from '../views/slots.js';
import { shellsOf } from './fragments.js';
import type { CachedPage, PageCache } from './page-cache.js';
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
  /** The bytes charged for it to the shell's page-cache entry (`PageCache.grew`). */
  charged: number;
}

/** Where kept marks are charged: the page-cache entry holding the shell (`PAGE_CACHE_MB`). */
export interface MarksBudget {
  cache: PageCache;
  entry: CachedPage;
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

  constructor(
    changes: ChangeBus,
    /** The app's clock (`AppDeps.clock`), as the services read the edit window with. */
    public clock: () => Date = () => new Date(),
  ) {
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

  /**
   * The reader's state on this shell: kept, or read (and kept unless a change came meanwhile).
   * What is kept is charged to the shell's page-cache entry, when there is one (`budget`), so the
   * cache's budget counts it and evicts for it; without an entry it is not kept.
   */
  async state(
    services: MarkServices,
    shell: PageShell,
    user: User,
    budget?: MarksBudget,
  ): Promise<ReaderState> {
    const { articleId, threads } = shell.data;
    let forShell = this.kept.get(shell);
    const now = this.clock().getTime();
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
    let shown = 0;
    for (const c of flatten(threads)) {
      shown++;
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
      charged: 0,
    };
    if (
      budget !== undefined &&
      global === this.global &&
      article === (this.articles.get(articleId) ?? 0)
    ) {
      if (forShell === undefined) this.kept.set(shell, (forShell = new Map()));
      if (forShell.size >= readersPerShell) forShell.clear();
      fresh.charged = keptBytes(fresh, shown);
      // Charged once per reader kept: a reader read again is charged only what their entry grew.
      const before = forShell.get(user.id)?.charged ?? 0;
      if (before > fresh.charged) fresh.charged = before;
      forShell.set(user.id, fresh);
      if (fresh.charged > before) budget.cache.grew(budget.entry, fresh.charged - before);
    }
    return { comments: viewing.state, own, layout: fresh.layout };
  }
}

/**
 * An estimate of what a reader's kept entry holds, in bytes: the entry and its sets (ids of about
 * 36 characters), their held comments, and the layout drawn later (a run object per stretch
 * between holes and a reference per piece: about one of each per comment shown).
 */
function keptBytes(kept: Kept, shown: number): number {
  const ids = kept.reacted.size + kept.reported.size + kept.editable.size;
  let own = 0;
  for (const c of kept.own) own += 512 + 2 * c.body.length;
  return 1024 + 128 * ids + own + 80 * (8 + shown);
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

/**
 * The readers' marks kept for the processes' change bus (one per bus); `clock`, when given (the
 * app does, building its lane), is the time they are judged by from then on.
 */
export function marksOf(changes: ChangeBus, clock?: () => Date): ReaderMarks {
  let marks = byBus.get(changes);
  if (!marks) byBus.set(changes, (marks = new ReaderMarks(changes, clock)));
  else if (clock) marks.clock = clock;
  return marks;
}

/** Query parameters that only change a signed-in reader's page: the route draws those. */
const personalNames = new Set(['reply', 'report', 'reported', 'moderated']);

/**
 * Whether a request URL's query names a parameter only the route draws: one of `personalNames`,
 * or any name with a `%` (the route's query parser decodes names: `%72eply` is `reply`).
 */
export function personalQuery(url: string): boolean {
  const q = url.indexOf('?');
  if (q === -1) return false;
  let from = q + 1;
  while (from <= url.length) {
    let end = url.indexOf('&', from);
    if (end === -1) end = url.length;
    let eq = url.indexOf('=', from);
    if (eq === -1 || eq > end) eq = end;
    const name = url.slice(from, eq);
    if (personalNames.has(name) || name.includes('%')) return true;
    from = end + 1;
  }
  return false;
}

/**
 * What the lane learnt of a request it took or looked at, for the route it hands it to: the URL
 * it looks pages up by (the route remembers it for the lane only then: `laneUrl`), and the
 * session it resolved for this cookie value (the authentication hook reuses it: `laneSession`).
 */
interface Asked {
  url: string;
  id: string;
  /** Set once resolved: null when the session did not resolve. */
  active?: ActiveSession | null;
}
const asked = new WeakMap<IncomingMessage, Asked>();

/**
 * The URL the lane would answer this request's next asking by, when it would (its request line
 * passed every test but the cached page): the route remembers it (`PageCache.remember`) only
 * then, and not for a moderator or admin (the lane leaves them to the route).
 */
export function laneUrl(req: IncomingMessage): string | undefined {
  return asked.get(req)?.url;
}

/**
 * The session the lane resolved for this request's cookie value `id`, if it did (null: it does
 * not resolve); undefined when it did not look. Used once: the authentication hook's.
 */
export function laneSession(req: IncomingMessage, id: string): ActiveSession | null | undefined {
  const known = asked.get(req);
  if (known === undefined || known.id !== id || known.active === undefined) return undefined;
  const active = known.active;
  known.active = undefined;
  return active;
}

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
  /** Told of an error the lane met (before writing, the route then answers). */
  error?: (error: unknown) => void;
  /** The app's clock (`AppDeps.clock`): kept marks are judged by it. */
  clock?: () => Date;
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
  const marks = marksOf(services.changes, options.clock);
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
    known: Asked,
    shell: PageShell,
    entry: CachedPage,
    started: number,
  ): Promise<boolean> => {
    const epoch = cache.begin();
    const active = await services.sessions.resolve(known.id);
    // The route's authentication reuses it (one resolve per request, whoever answers).
    known.active = active;
    if (active === null) return false;
    const { user, session } = active;
    if (user.role === 'moderator' || user.role === 'admin') return false;
    // A change (or the page's time) may have dropped the entry meanwhile: then look again.
    if (
      (cache.begin() !== epoch || Date.now() >= entry.expiresAt) &&
      cache.getByUrl(known.url) !== entry
    ) {
      return false;
    }
    const drawing = { kind: 'page' as const, shell, entry };
    shells.filled(drawing);
    const state = await marks.state(services, shell, user, { cache, entry });
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
    // Answered: what follows is bookkeeping, and an error in it must not touch the response.
    try {
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
    } catch (error) {
      options.error?.(error);
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
    if (url.includes('?') && personalQuery(url)) return false;
    const id = sessionIdIn(cookie, options.sessionCookie);
    if (id === null) return false;
    url = inLanguage(url, cookieLanguage(cookie));
    const known: Asked = { url, id };
    asked.set(req, known);
    const entry = cache.getByUrl(url);
    const shell = entry?.shell;
    if (entry === undefined || shell === undefined || shell.data.print) return false;
    const started = performance.now();
    const toRoute = () => {
      counts.routed++;
      route();
    };
    answer(req, res, known, shell, entry, started).then(
      (done) => {
        if (!done) toRoute();
      },
      (error: unknown) => {
        options.error?.(error);
        // Never once the response is complete; cut off only one begun and not ended.
        if (!res.headersSent) toRoute();
        else if (!res.writableEnded) res.destroy();
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
