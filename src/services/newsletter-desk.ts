/**
 * The newsroom's side of the newsletters: the daily briefing made from the front page's
 * curation ahead of its time in the site's zone, section digests (at most daily, only with new
 * stories), breaking-news alerts (once per article, whatever retries), editing and preview
 * before they go, and queueing them. Every process runs `tick` each minute; the unique key of an
 * issue makes each one once, and a conditional update queues it once (decisions/0064).
 */
import type { Article, ArticleSummary } from '../domain/article.js';
import { updateExcerpt, type LiveUpdate } from '../domain/live.js';
import { newId } from '../domain/ids.js';
import {
  alertsList,
  briefingList,
  briefingSlot,
  parseTimeOfDay,
  sectionList,
  type DeliveryCounts,
  type NewsletterIssue,
  type Subscriber,
} from '../domain/newsletter.js';
import type { SiteIdentity } from '../domain/site.js';
import type { User } from '../domain/user.js';
import { isEditor } from '../domain/workflow.js';
import { AppError } from '../errors.js';
import type { Translator } from '../i18n/translator.js';
import type { Store } from '../store/types.js';
import { issueEmail, personalise, type RenderedMail } from '../views/email/newsletter.js';
import { storiesOf } from './newsletters.js';
import type { ReadingService } from './reading.js';

export interface NewsletterSettings {
  /** `HH:MM` in the site's zone. */
  briefingTime: string;
  /** Send the briefing and digests as built when nobody holds them; else an editor sends. */
  sendAsBuilt: boolean;
  /** At most this many messages a second, across the queue. */
  ratePerSecond: number;
  /** How long a claimed delivery is this process's before another may take it. */
  claimSeconds: number;
}

export const newsletterSettingKeys = {
  briefingTime: 'newsletters.briefingTime',
  sendAsBuilt: 'newsletters.sendAsBuilt',
  ratePerSecond: 'newsletters.ratePerSecond',
  claimSeconds: 'newsletters.claimSeconds',
} as const;

export const defaultNewsletterSettings: NewsletterSettings = {
  briefingTime: '07:00',
  sendAsBuilt: true,
  ratePerSecond: 20,
  claimSeconds: 60,
};

export async function readNewsletterSettings(
  settings: Store['settings'],
): Promise<NewsletterSettings> {
  const stored = await settings.getMany(Object.values(newsletterSettingKeys));
  const whole = (key: string, fallback: number, min: number, max: number) => {
    const n = Number(stored[key]);
    return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  };
  const time = stored[newsletterSettingKeys.briefingTime] ?? '';
  return {
    briefingTime: parseTimeOfDay(time) === null ? defaultNewsletterSettings.briefingTime : time,
    sendAsBuilt: stored[newsletterSettingKeys.sendAsBuilt] !== '0',
    ratePerSecond: whole(newsletterSettingKeys.ratePerSecond, 20, 1, 100_000),
    claimSeconds: whole(newsletterSettingKeys.claimSeconds, 60, 5, 3_600),
  };
}

export interface NewsletterDeskDeps {
  store: Pick<Store, 'newsletters' | 'reader' | 'sections' | 'settings'>;
  reading: Pick<ReadingService, 'frontPage'>;
  baseUrl: string;
  identity: () => SiteIdentity;
  i18n: () => Translator;
}

/** Stories in a briefing: the lead, the featured slots, then the latest. */
const briefingSize = 8;
const digestSize = 10;

export class NewsletterDesk {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly deps: NewsletterDeskDeps) {}

  settings(): Promise<NewsletterSettings> {
    return readNewsletterSettings(this.deps.store.settings);
  }

  async saveSettings(actor: User, input: Record<string, string | undefined>): Promise<void> {
    if (actor.role !== 'admin') throw new AppError('role_not_allowed', 'Only admins change this.');
    const time = (input.briefingTime ?? '').trim();
    const minutes = parseTimeOfDay(time);
    if (minutes === null) {
      throw new AppError('invalid_time', 'Enter the time as HH:MM, such as 07:00.', {
        field: 'briefingTime',
      });
    }
    const rate = Number(input.ratePerSecond);
    if (!Number.isInteger(rate) || rate < 1 || rate > 100_000) {
      throw new AppError('invalid_request', 'The rate is a whole number from 1 to 100000.', {
        field: 'ratePerSecond',
      });
    }
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    const { settings } = this.deps.store;
    await settings.set(newsletterSettingKeys.briefingTime, `${hh}:${mm}`);
    await settings.set(newsletterSettingKeys.sendAsBuilt, input.sendAsBuilt === 'on' ? '1' : '0');
    await settings.set(newsletterSettingKeys.ratePerSecond, String(rate));
  }

  /**
   * One look at the clock: makes today's briefing and digests if it is their time (from an hour
   * before), and queues whatever is due: drafts at their time when the site sends as built,
   * alerts whose article is published. Returns the ids of the issues it queued.
   */
  async tick(now: Date = new Date()): Promise<string[]> {
    const settings = await this.settings();
    const zone = this.deps.identity().timeZone;
    const slot = briefingSlot(now.getTime(), zone, parseTimeOfDay(settings.briefingTime) ?? 420);
    if (slot.makeNow) {
      await this.makeBriefing(slot, settings, now);
      await this.makeDigests(slot, settings, now);
    }
    return this.queueDue(now);
  }

  private async makeBriefing(
    slot: { day: string; sendAt: string },
    settings: NewsletterSettings,
    now: Date,
  ): Promise<void> {
    const key = `briefing:${slot.day}`;
    const { newsletters } = this.deps.store;
    if (await newsletters.issueByKey(key)) return;
    const front = await this.deps.reading.frontPage();
    const ids = [
      ...(front.lead ? [front.lead] : []),
      ...front.featured,
      ...front.latest,
      ...front.bySection.flatMap((s) => s.articles),
    ].map((a) => a.id);
    const articleIds = [...new Set(ids)].slice(0, briefingSize);
    if (articleIds.length === 0) return;
    const i18n = this.deps.i18n();
    await newsletters.createIssue({
      id: newId(now.getTime()),
      key,
      slug: `briefing-${slot.day}`,
      kind: 'briefing',
      list: briefingList,
      status: settings.sendAsBuilt ? 'draft' : 'held',
      subject: i18n.t('newsletters.briefing.subject', {
        site: this.deps.identity().name,
        day: i18n.day(slot.sendAt),
      }),
      intro: '',
      articleIds,
      sendAt: slot.sendAt,
      createdAt: now.toISOString(),
    });
  }

  private async makeDigests(
    slot: { day: string; sendAt: string },
    settings: NewsletterSettings,
    now: Date,
  ): Promise<void> {
    const { newsletters, sections, reader } = this.deps.store;
    const counts = await newsletters.listCounts();
    const since = Date.parse(slot.sendAt) - 24 * 3_600_000;
    const i18n = this.deps.i18n();
    for (const section of await sections.list()) {
      const list = sectionList(section.slug);
      if (!counts[list]) continue;
      const key = `digest:${section.slug}:${slot.day}`;
      if (await newsletters.issueByKey(key)) continue;
      const recent = await reader.listPublished({ section: section.slug, limit: digestSize });
      const fresh = recent.filter((a) => a.publishedAt && Date.parse(a.publishedAt) > since);
      if (fresh.length === 0) continue;
      await newsletters.createIssue({
        id: newId(now.getTime()),
        key,
        slug: `${section.slug}-${slot.day}`,
        kind: 'digest',
        list,
        status: settings.sendAsBuilt ? 'draft' : 'held',
        subject: i18n.t('newsletters.digest.subject', {
          section: section.name,
          day: i18n.day(slot.sendAt),
        }),
        intro: '',
        articleIds: fresh.map((a) => a.id),
        sendAt: slot.sendAt,
        createdAt: now.toISOString(),
      });
    }
  }

  private async queueDue(now: Date): Promise<string[]> {
    const { newsletters, reader } = this.deps.store;
    const queued: string[] = [];
    for (const issue of await newsletters.unsent()) {
      if (issue.status === 'draft' && issue.sendAt && Date.parse(issue.sendAt) <= now.getTime()) {
        if ((await newsletters.queueIssue(issue.id, ['draft'], now.toISOString())) !== null) {
          queued.push(issue.id);
        }
      } else if (issue.status === 'waiting') {
        const published = await reader.publishedByIds(issue.articleIds);
        if (published.length === 0) continue;
        if ((await newsletters.queueIssue(issue.id, ['waiting'], now.toISOString())) !== null) {
          queued.push(issue.id);
        }
      }
    }
    return queued;
  }

  /**
   * "Send as alert": makes the article's alert once (its key is the article's id), to go as soon
   * as the article is published — now, or when its schedule comes. A second call (a retried
   * publish, a second click) finds the alert made and adds nothing.
   */
  async requestAlert(
    actor: User,
    articleId: string,
    now: Date = new Date(),
  ): Promise<NewsletterIssue> {
    if (!isEditor(actor.role)) {
      throw new AppError('editor_only', 'Only editors send alerts.');
    }
    const { newsletters, reader } = this.deps.store;
    const key = `alert:${articleId}`;
    const article = await reader.getById(articleId);
    if (!article) throw new AppError('not_found', 'That article does not exist.');
    await newsletters.createIssue({
      id: newId(now.getTime()),
      key,
      slug: `alert-${article.slug}-${articleId.slice(-6)}`,
      kind: 'alert',
      list: alertsList,
      status: 'waiting',
      subject: article.headline,
      intro: article.standfirst,
      articleIds: [articleId],
      sendAt: null,
      createdAt: now.toISOString(),
    });
    const issue = (await newsletters.issueByKey(key))!;
    if (issue.status === 'waiting' && article.status === 'published') {
      await newsletters.queueIssue(issue.id, ['waiting'], now.toISOString());
    }
    return (await newsletters.issueByKey(key))!;
  }

  /**
   * "Send as alert" for one update of a live article (issue 22): its own alert, made once (its
   * key is the update's id), whose subject is the headline and the update's title (or first
   * words) and whose intro is the update's text; it links to the live article. Sent at once
   * when the article is published. A second call finds it made and adds nothing.
   */
  async requestUpdateAlert(
    actor: User,
    article: Pick<Article, 'id' | 'slug' | 'headline' | 'status'>,
    update: Pick<LiveUpdate, 'id' | 'title' | 'body'>,
    now: Date = new Date(),
  ): Promise<NewsletterIssue> {
    if (!isEditor(actor.role)) {
      throw new AppError('editor_only', 'Only editors send alerts.');
    }
    const { newsletters } = this.deps.store;
    const key = `alert:update:${update.id}`;
    await newsletters.createIssue({
      id: newId(now.getTime()),
      key,
      slug: `alert-${article.slug}-${update.id.slice(-8).toLowerCase()}`,
      kind: 'alert',
      list: alertsList,
      status: 'waiting',
      subject: `${article.headline}: ${update.title ?? updateExcerpt(update.body, 80)}`,
      intro: updateExcerpt(update.body, 600),
      articleIds: [article.id],
      sendAt: null,
      createdAt: now.toISOString(),
    });
    const issue = (await newsletters.issueByKey(key))!;
    if (issue.status === 'waiting' && article.status === 'published') {
      await newsletters.queueIssue(issue.id, ['waiting'], now.toISOString());
    }
    return (await newsletters.issueByKey(key))!;
  }

  /** The article's alert, if one was asked for. */
  alertFor(articleId: string): Promise<NewsletterIssue | null> {
    return this.deps.store.newsletters.issueByKey(`alert:${articleId}`);
  }

  /** The newsroom's page: what waits to go, what went (with its deliveries), what bounced. */
  async overview(): Promise<{
    unsent: NewsletterIssue[];
    sent: { issue: NewsletterIssue; counts: DeliveryCounts }[];
    bounced: Subscriber[];
    listCounts: Record<string, number>;
  }> {
    const { newsletters } = this.deps.store;
    const [unsent, recent, bounced, listCounts] = await Promise.all([
      newsletters.unsent(),
      newsletters.recent(20),
      newsletters.bounced(50),
      newsletters.listCounts(),
    ]);
    const counts = await newsletters.deliveryCounts(recent.map((i) => i.id));
    const none = { queued: 0, sending: 0, sent: 0, failed: 0 };
    return {
      unsent,
      sent: recent.map((issue) => ({ issue, counts: counts.get(issue.id) ?? none })),
      bounced,
      listCounts,
    };
  }

  async issue(id: string): Promise<{ issue: NewsletterIssue; articles: ArticleSummary[] }> {
    const issue = await this.deps.store.newsletters.issueById(id);
    if (!issue) throw new AppError('not_found', 'That newsletter does not exist.');
    return { issue, articles: await storiesOf(this.deps.store.reader, issue) };
  }

  /** Changes an issue before it goes: its subject, its introduction, which stories in what order. */
  async edit(
    actor: User,
    id: string,
    change: { subject: string; intro: string; articleIds: string[] },
  ): Promise<void> {
    if (!isEditor(actor.role)) throw new AppError('editor_only', 'Only editors edit newsletters.');
    const subject = change.subject.trim();
    if (!subject) {
      throw new AppError('invalid_request', 'The subject cannot be empty.', { field: 'subject' });
    }
    const done = await this.deps.store.newsletters.editIssue(
      id,
      {
        subject: subject.slice(0, 200),
        intro: change.intro.trim().slice(0, 2_000),
        articleIds: change.articleIds,
      },
      actor.id,
    );
    if (!done) throw new AppError('newsletter_sent', 'This newsletter has already been sent.');
  }

  /** Holds a draft: it will not go by itself (an editor sends it). */
  async hold(actor: User, id: string): Promise<void> {
    if (!isEditor(actor.role)) throw new AppError('editor_only', 'Only editors hold newsletters.');
    const done = await this.deps.store.newsletters.setIssueStatus(id, ['draft'], 'held');
    if (done) return;
    const issue = await this.deps.store.newsletters.issueById(id);
    if (!issue) throw new AppError('not_found', 'That newsletter does not exist.');
    if (issue.status !== 'held') {
      throw new AppError('newsletter_sent', 'This newsletter has already been sent.');
    }
  }

  /** Releases a held issue: it goes at its time again, as built (or as edited). */
  async release(actor: User, id: string): Promise<void> {
    if (!isEditor(actor.role))
      throw new AppError('editor_only', 'Only editors release newsletters.');
    const done = await this.deps.store.newsletters.setIssueStatus(id, ['held'], 'draft');
    if (!done) throw new AppError('newsletter_sent', 'This newsletter is not held.');
  }

  /** Sends it now (a held or draft briefing or digest). */
  async sendNow(actor: User, id: string, now: Date = new Date()): Promise<number> {
    if (!isEditor(actor.role)) throw new AppError('editor_only', 'Only editors send newsletters.');
    const added = await this.deps.store.newsletters.queueIssue(
      id,
      ['draft', 'held'],
      now.toISOString(),
    );
    if (added === null)
      throw new AppError('newsletter_sent', 'This newsletter has already been sent.');
    return added;
  }

  /** The issue as its subscribers will get it (with links that lead nowhere in particular). */
  async preview(id: string): Promise<RenderedMail> {
    const { issue, articles } = await this.issue(id);
    const mail = issueEmail(this.site(), issue, articles);
    const here = `${this.deps.baseUrl}/newsletters`;
    return personalise(mail, { manage: here, leave: here });
  }

  private site() {
    return { baseUrl: this.deps.baseUrl, identity: this.deps.identity(), i18n: this.deps.i18n() };
  }

  /** Looks every `intervalMs` until stopped (the server starts it; tests call `tick`). */
  start(intervalMs = 60_000, onError: (error: unknown) => void = () => {}): void {
    if (this.timer) return;
    const look = () => {
      if (this.running) return;
      this.running = this.tick()
        .catch(onError)
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(look, intervalMs);
    this.timer.unref();
    look();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
