/**
 * Reading the counted views (issue 24): the "Most read" lists readers see, kept in memory and
 * read again from the database on a schedule (never per view), and the reports of /admin/insights
 * and an article's panel in the editor.
 */
import { articlePath } from '../domain/article.js';
import { bucketOf, grainFor, grains, type Grain } from '../domain/insights.js';
import { instantsOf, localDay } from '../domain/local-time.js';
import { newsletterCampaign, type NewsletterIssue } from '../domain/newsletter.js';
import type { ArticleViews, InsightRange, InsightStore } from '../store/ports/insights.js';
import type { NewsletterStore } from '../store/ports/newsletters.js';
import type { ReaderStore } from '../store/ports/reader.js';

export interface MostReadItem {
  articleId: string;
  headline: string;
  path: string;
  sectionName: string;
  views: number;
}

export interface InsightReportDeps {
  store: {
    insights: InsightStore;
    newsletters: Pick<NewsletterStore, 'sentBetween' | 'deliveryCounts'>;
    reader: Pick<ReaderStore, 'publishedByIds'>;
  };
  timeZone: () => string;
  now?: () => number;
  /** How long a "Most read" list is kept before it is read again. */
  mostReadRefreshMs?: number;
}

export interface ReportRange {
  /** The first and last local day shown (YYYY-MM-DD, the site's time zone), both included. */
  fromDay: string;
  toDay: string;
}

export interface InsightReport extends ReportRange {
  grain: Grain;
  total: number;
  articles: MostReadItem[];
  sections: { slug: string; name: string; views: number }[];
  front: number;
  referrers: { category: string; host: string; views: number }[];
  campaigns: { campaign: string; views: number }[];
  comments: { articleId: string; headline: string; comments: number }[];
  /** The newsletter issues sent in the range, newest first, with their clicks so far. */
  newsletters: NewsletterClicks[];
  /** Views per bucket (hours, or days for ranges older than 90 days), empty buckets as 0. */
  series: { at: string; views: number }[];
}

/**
 * A sent newsletter issue and the views its links brought (its campaign, decisions/0091): a
 * count per issue, never per subscriber.
 */
export interface NewsletterClicks {
  issue: NewsletterIssue;
  /** Deliveries the mail server accepted. */
  delivered: number;
  clicks: number;
}

export interface ArticleInsights {
  total: number;
  /** Views per hour over the first 48 hours after publication. */
  firstHours: { at: string; views: number }[];
  referrers: { category: string; host: string; views: number }[];
}

/**
 * Live readers (decisions/0090): an article's open live streams on every server, its views of the
 * last few minutes, and the figure shown as "reading now": the larger of the two (a reader who
 * just opened the page may follow its stream too, so they are not added up).
 */
export interface ReadingNowItem {
  articleId: string;
  headline: string;
  path: string;
  following: number;
  views: number;
  reading: number;
}

export interface ReadingNow {
  /** When the figures were read (ISO). */
  at: string;
  minutes: number;
  /** False when the open streams could not be counted (only views are in the figures). */
  streamsCounted: boolean;
  articles: ReadingNowItem[];
}

/** The figure shown as "reading now": streams and recent views overlap, so not their sum. */
export function readingFigure(following: number, views: number): number {
  return Math.max(following, views);
}

/** The longest range a report covers. */
export const maxRangeDays = 400;
const listLength = 10;
/** The most newsletter issues a report lists (a busy site sends a few alerts a day). */
const newsletterListLength = 50;

const minutes = (ms: number) => Math.floor(ms / 60_000);
const itemOf = (a: ArticleViews): MostReadItem => ({
  articleId: a.articleId,
  headline: a.headline,
  path: articlePath({
    slug: a.slug,
    section: { slug: a.sectionSlug, name: a.sectionName },
    publishedAt: a.publishedAt,
  }),
  sectionName: a.sectionName,
  views: a.views,
});

export class InsightReports {
  private readonly lists = new Map<string, { at: number; items: Promise<MostReadItem[]> }>();

  constructor(private readonly deps: InsightReportDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /**
   * The most read articles of the last 24 hours (of one section, or all), at most `limit`. The
   * list is read from the database at most once per refresh interval; readers in between get the
   * list kept in memory.
   */
  mostRead(sectionSlug?: string, limit = 5): Promise<MostReadItem[]> {
    const key = `${sectionSlug ?? ''}\t${limit}`;
    const now = this.now();
    const kept = this.lists.get(key);
    if (kept && now - kept.at < this.refreshMs) return kept.items;
    const items = this.readMostRead(now, sectionSlug, limit);
    this.lists.set(key, { at: now, items });
    // A failed read is not kept: the next reader tries again.
    items.catch(() => {
      if (this.lists.get(key)?.items === items) this.lists.delete(key);
    });
    return items;
  }

  /** Forgets the kept lists: the next reader reads them afresh (tests; after a bulk import). */
  expireMostRead(): void {
    this.lists.clear();
  }

  /**
   * When a kept list (of `mostRead` with the same arguments) is read again at the latest (epoch
   * ms): pages showing it expire then, so a page is never older than the refresh interval.
   */
  mostReadUntil(sectionSlug?: string, limit = 5): number {
    const kept = this.lists.get(`${sectionSlug ?? ''}\t${limit}`);
    return (kept?.at ?? this.now()) + this.refreshMs;
  }

  private get refreshMs(): number {
    return this.deps.mostReadRefreshMs ?? 5 * 60_000;
  }

  private async readMostRead(now: number, sectionSlug: string | undefined, limit: number) {
    // The 24 hours up to the current minute, from the minute rows (kept for 7 days).
    const to = minutes(bucketOf('minute', now)) + 1;
    const range: InsightRange = { grain: 'minute', from: to - 24 * 60, to };
    const top = await this.deps.store.insights.topArticles(range, limit, sectionSlug);
    return top.map(itemOf);
  }

  /**
   * The articles read in the last `minutesBack` minutes (the current minute included), most views
   * first: read from the minute rows, so the views of every process and server are in it (each
   * writes its counts every 5 seconds).
   */
  async recentlyRead(minutesBack = 5, limit = listLength): Promise<MostReadItem[]> {
    const to = minutes(bucketOf('minute', this.now())) + 1;
    const range: InsightRange = { grain: 'minute', from: to - minutesBack, to };
    return (await this.deps.store.insights.topArticles(range, limit)).map(itemOf);
  }

  /**
   * Who is reading now (decisions/0090): each article with open live streams (`streams`, counted
   * per article across every server; null when they could not be counted) or views in the last
   * `minutesBack` minutes, most readers first.
   */
  async readingNow(
    streams: ReadonlyMap<string, number> | null,
    minutesBack = 5,
    limit = listLength,
  ): Promise<ReadingNow> {
    const at = new Date(this.now()).toISOString();
    const viewed = await this.recentlyRead(minutesBack, limit);
    const known = new Set(viewed.map((a) => a.articleId));
    const followedOnly = [...(streams?.keys() ?? [])].filter((id) => !known.has(id));
    const others =
      followedOnly.length === 0 ? [] : await this.deps.store.reader.publishedByIds(followedOnly);
    const items: ReadingNowItem[] = [
      ...viewed.map((a) => ({
        articleId: a.articleId,
        headline: a.headline,
        path: a.path,
        views: a.views,
      })),
      ...others.map((a) => ({
        articleId: a.id,
        headline: a.headline,
        path: articlePath(a),
        views: 0,
      })),
    ].map((a) => {
      const following = streams?.get(a.articleId) ?? 0;
      return { ...a, following, reading: readingFigure(following, a.views) };
    });
    items.sort((a, b) => b.reading - a.reading || b.following - a.following);
    return {
      at,
      minutes: minutesBack,
      streamsCounted: streams !== null,
      articles: items.slice(0, limit),
    };
  }

  /** One article's readers now: its open streams (null: not counted) and its recent views. */
  async articleReadingNow(
    articleId: string,
    following: number | null,
    minutesBack = 5,
  ): Promise<
    Omit<ReadingNowItem, 'headline' | 'path'> & {
      at: string;
      minutes: number;
      streamsCounted: boolean;
    }
  > {
    const now = this.now();
    const to = minutes(bucketOf('minute', now)) + 1;
    const range: InsightRange = { grain: 'minute', from: to - minutesBack, to };
    const series = await this.deps.store.insights.series(range, articleId);
    const views = series.reduce((sum, b) => sum + b.views, 0);
    return {
      articleId,
      at: new Date(now).toISOString(),
      minutes: minutesBack,
      streamsCounted: following !== null,
      following: following ?? 0,
      views,
      reading: readingFigure(following ?? 0, views),
    };
  }

  /** The local days of today, in the site's time zone. */
  today(): ReportRange {
    const day = localDay(this.now(), this.deps.timeZone());
    return { fromDay: day, toDay: day };
  }

  /** The report of a range of local days; null when the range is backwards or too long. */
  async report(range: ReportRange): Promise<InsightReport | null> {
    const stored = this.storedRange(range);
    if (!stored) return null;
    const { grain } = stored;
    const from = stored.from * 60_000;
    const to = stored.to * 60_000;
    const { insights } = this.deps.store;
    const [articles, sections, front, referrers, campaigns, comments, series, sent] =
      await Promise.all([
        insights.topArticles(stored, listLength),
        insights.bySection(stored, listLength),
        insights.bySubject(stored, 'front', 1),
        insights.byReferrer(stored, listLength),
        insights.byCampaign(stored, listLength),
        insights.commentsPerArticle(
          new Date(from).toISOString(),
          new Date(to).toISOString(),
          listLength,
        ),
        insights.series(stored),
        this.sentIn(stored),
      ]);
    return {
      ...range,
      grain,
      total: series.reduce((sum, b) => sum + b.views, 0),
      articles: articles.map(itemOf),
      sections,
      front: front[0]?.views ?? 0,
      referrers,
      campaigns,
      comments,
      newsletters: await this.newsletterClicks(sent),
      series: filled(series, stored),
    };
  }

  /** The newsletter issues sent in a range, newest first. */
  private sentIn(stored: InsightRange): Promise<NewsletterIssue[]> {
    return this.deps.store.newsletters.sentBetween(
      new Date(stored.from * 60_000).toISOString(),
      new Date(stored.to * 60_000).toISOString(),
      newsletterListLength,
    );
  }

  /**
   * Each sent issue's deliveries and clicks: the counted views whose address named the issue's
   * campaign, from the day it went until now (read from the day rows, kept for ever). Robots,
   * prefetches and privacy signals were never counted, so they are not clicks either.
   */
  async newsletterClicks(issues: readonly NewsletterIssue[]): Promise<NewsletterClicks[]> {
    const sent = issues.filter((i) => i.queuedAt !== null);
    if (sent.length === 0) return [];
    const first = Math.min(...sent.map((i) => Date.parse(i.queuedAt ?? '')));
    const range: InsightRange = {
      grain: 'day',
      from: minutes(bucketOf('day', first)),
      to: minutes(bucketOf('day', this.now())) + 1,
    };
    const [views, counts] = await Promise.all([
      this.deps.store.insights.campaignViews(range, sent.map(newsletterCampaign)),
      this.deps.store.newsletters.deliveryCounts(sent.map((i) => i.id)),
    ]);
    return sent.map((issue) => ({
      issue,
      delivered: counts.get(issue.id)?.sent ?? 0,
      clicks: views.get(newsletterCampaign(issue)) ?? 0,
    }));
  }

  /** The newsletter rows of a range as CSV, or null when the range is backwards or too long. */
  async newslettersCsv(range: ReportRange): Promise<string | null> {
    const stored = this.storedRange(range);
    if (!stored) return null;
    const lines = ['issue,subject,list,campaign,sent,delivered,clicks,clicks_per_100'];
    for (const n of await this.newsletterClicks(await this.sentIn(stored))) {
      lines.push(
        [
          n.issue.slug,
          n.issue.subject,
          n.issue.list,
          newsletterCampaign(n.issue),
          n.issue.queuedAt ?? '',
          String(n.delivered),
          String(n.clicks),
          clicksPer100(n)?.toFixed(1) ?? '',
        ]
          .map(csvCell)
          .join(','),
      );
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  /**
   * The stored rows of a range as CSV (one line per bucket, page, source and campaign), or null
   * when the range is backwards or too long. Cells a spreadsheet would read as a formula are
   * quoted with a leading apostrophe.
   */
  async csv(range: ReportRange): Promise<string | null> {
    const stored = this.storedRange(range);
    if (!stored) return null;
    const rows = await this.deps.store.insights.namedRows(stored);
    const lines = ['start,grain,page,subject,name,source,site,campaign,views'];
    for (const r of rows) {
      const at = new Date(r.bucket * 60_000).toISOString();
      lines.push(
        [at, r.grain, r.kind, r.subject, r.name, r.category, r.host, r.campaign, String(r.views)]
          .map(csvCell)
          .join(','),
      );
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  private storedRange(range: ReportRange): InsightRange | null {
    const zone = this.deps.timeZone();
    const from = startOfDay(range.fromDay, zone);
    const to = startOfDay(nextDay(range.toDay), zone);
    if (from === null || to === null || to <= from) return null;
    if (to - from > maxRangeDays * grains.day.ms) return null;
    const grain = grainFor(from, this.now());
    return {
      grain,
      from: minutes(bucketOf(grain, from)),
      to: minutes(bucketOf(grain, to - 1)) + 1,
    };
  }

  /** An article's first 48 hours, hour by hour, and where its readers came from. */
  async article(articleId: string, publishedAt: string | null): Promise<ArticleInsights | null> {
    if (publishedAt === null) return null;
    const start = minutes(bucketOf('hour', Date.parse(publishedAt)));
    const first: InsightRange = { grain: 'hour', from: start, to: start + 48 * 60 };
    const all: InsightRange = { grain: 'day', from: 0, to: minutes(this.now()) + 1 };
    const { insights } = this.deps.store;
    const [hours, referrers, days] = await Promise.all([
      insights.series(first, articleId),
      insights.byReferrer(all, listLength, articleId),
      insights.series(all, articleId),
    ]);
    return {
      total: days.reduce((sum, b) => sum + b.views, 0),
      firstHours: filled(hours, first),
      referrers,
    };
  }
}

/** Clicks per 100 delivered messages, or null before any was delivered. */
export function clicksPer100(n: Pick<NewsletterClicks, 'clicks' | 'delivered'>): number | null {
  return n.delivered === 0 ? null : (n.clicks * 100) / n.delivered;
}

/** Every bucket of the range, those without views as 0. */
function filled(series: { bucket: number; views: number }[], range: InsightRange) {
  const step = grains[range.grain].ms / 60_000;
  const views = new Map(series.map((b) => [b.bucket, b.views]));
  const out: { at: string; views: number }[] = [];
  for (let bucket = range.from; bucket < range.to; bucket += step) {
    out.push({ at: new Date(bucket * 60_000).toISOString(), views: views.get(bucket) ?? 0 });
  }
  return out;
}

/** The instant a local day starts in a zone (the earlier one if midnight came twice). */
function startOfDay(day: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const local = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 0, minute: 0 };
  const utc = new Date(Date.UTC(local.year, local.month - 1, local.day));
  if (Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== day) return null;
  const found = instantsOf(local, zone);
  return Date.parse(found.kind === 'exact' ? found.instant : (found.choices[0] ?? ''));
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function nextDay(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t)) return day;
  return new Date(t + grains.day.ms).toISOString().slice(0, 10);
}
