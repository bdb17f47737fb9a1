/**
 * Readers' side of the newsletters (issue 21): subscribing with double opt-in, the one link in
 * every mail that manages or leaves everything (a signed token, no sign-in), the choices on
 * /account, the archive, and the admins' list with its CSV export and import.
 *
 * Tokens are `<subscriber id>.<HMAC-SHA-256 of purpose and id>` with a secret kept in the
 * settings: a manage link works for as long as the address is subscribed, without a session.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ArticleSummary } from '../domain/article.js';
import { newId } from '../domain/ids.js';
import {
  alertsList,
  briefingList,
  isKnownList,
  normaliseEmail,
  sectionList,
  sectionOfList,
  type NewsletterIssue,
  type NewsletterList,
  type Subscriber,
} from '../domain/newsletter.js';
import type { SiteIdentity } from '../domain/site.js';
import type { User } from '../domain/user.js';
import { AppError } from '../errors.js';
import type { Translator } from '../i18n/translator.js';
import type { Store } from '../store/types.js';
import {
  readSubscriberCsv,
  subscriberCsvHeader,
  subscriberCsvLine,
  type CsvRowProblem,
} from '../domain/subscriber-csv.js';
import { confirmationEmail } from '../views/email/newsletter.js';
import type { MailService } from './mail.js';
import type { WebhookEmitter } from './webhooks.js';

export const newsletterSecretKey = 'newsletters.secret';

export interface NewsletterDeps {
  store: Pick<Store, 'newsletters' | 'sections' | 'settings' | 'reader'>;
  mail: Pick<MailService, 'send'>;
  baseUrl: string;
  identity: () => SiteIdentity;
  i18n: () => Translator;
  now?: () => Date;
  /** `subscriber.joined` when an address is confirmed, `subscriber.left` when it leaves. */
  events?: WebhookEmitter;
}

/** What an import did: counts, and each row it did not take with its line. */
export interface SubscriberImportReport {
  /** New addresses mailed at once (consent stated in the file and attested by the admin). */
  attested: number;
  /** New addresses sent a confirmation first. */
  confirming: number;
  /** Addresses already known: left as they were (their lists and state are not changed). */
  existing: number;
  problems: CsvRowProblem[];
}

/** A list as a reader chooses it. */
export interface ListChoice {
  list: NewsletterList;
  label: string;
}

/** Who is asking, when someone is signed in. */
export interface Asker {
  userId: string;
  email: string;
  verified: boolean;
}

type Purpose = 'manage' | 'confirm';

const perPage = 30;

/** The subscriber as a webhook receiver sees it. */
function subscriberData(s: Subscriber): Record<string, unknown> {
  return {
    email: s.email,
    subscriber: { id: s.id, email: s.email, lists: s.lists, source: s.source },
  };
}

export class NewsletterService {
  private secretValue: Buffer | null = null;

  constructor(private readonly deps: NewsletterDeps) {}

  /**
   * The lists readers may join: the briefing, alerts, and every visible section's digest, named
   * in the reader's language (`i18n`, the page's) or else the site's.
   */
  async lists(i18n: Translator = this.deps.i18n()): Promise<ListChoice[]> {
    const { t } = i18n;
    const sections = (await this.deps.store.sections.list()).filter((s) => !s.hidden);
    return [
      { list: briefingList, label: t('newsletters.list.briefing') },
      { list: alertsList, label: t('newsletters.list.alerts') },
      ...sections.map((s) => ({
        list: sectionList(s.slug),
        label: t('newsletters.list.section', { name: s.name }),
      })),
    ];
  }

  /** A list's name in the site's language. */
  async labelOf(list: NewsletterList): Promise<string> {
    const { t } = this.deps.i18n();
    if (list === briefingList) return t('newsletters.list.briefing');
    if (list === alertsList) return t('newsletters.list.alerts');
    const slug = sectionOfList(list) ?? '';
    const section = await this.deps.store.sections.get(slug);
    return t('newsletters.list.section', { name: section?.name ?? slug });
  }

  private async checkedLists(lists: readonly string[]): Promise<NewsletterList[]> {
    const sections = (await this.deps.store.sections.list()).map((s) => s.slug);
    const chosen = [...new Set(lists)].filter((l) => isKnownList(l, sections));
    return chosen;
  }

  /**
   * Asks for these lists for an address. A new (or departed) address gets the confirmation
   * email and nothing else until it confirms; a confirmed one is sent its manage link instead
   * (so nobody can add lists to someone else's address); someone signed in with that address,
   * confirmed, is subscribed at once. The answer is the same in every case.
   */
  async subscribe(input: {
    email: string;
    lists: readonly string[];
    asker?: Asker | null;
  }): Promise<void> {
    const email = normaliseEmail(input.email);
    if (!email)
      throw new AppError('invalid_email', 'Enter a valid email address.', { field: 'email' });
    const lists = await this.checkedLists(input.lists);
    if (lists.length === 0) {
      throw new AppError('newsletter_list_required', 'Choose at least one newsletter.', {
        field: 'lists',
      });
    }
    const at = this.now();
    const own = input.asker && input.asker.verified && input.asker.email.toLowerCase() === email;
    const { newsletters } = this.deps.store;
    await newsletters.addSubscriber({
      id: newId(),
      email,
      userId: own ? input.asker!.userId : null,
      status: own ? 'confirmed' : 'pending',
      source: own ? 'account' : 'form',
      at,
    });
    const subscriber = await newsletters.subscriberByEmail(email);
    if (!subscriber || subscriber.status === 'bounced') return;
    if (own) {
      if (!subscriber.userId) await newsletters.linkUser(subscriber.id, input.asker!.userId);
      await newsletters.addLists(subscriber.id, lists, at);
      await newsletters.setStatus(subscriber.id, 'confirmed', at);
      // A new row was made confirmed: it joined now, whatever the row read back says.
      const before =
        subscriber.status === 'confirmed' && subscriber.lists.length ? 'confirmed' : null;
      await this.announceById(before, subscriber.id);
      return;
    }
    if (subscriber.status === 'confirmed') {
      await this.sendManageLink(subscriber);
      return;
    }
    if (subscriber.status === 'left') await newsletters.setStatus(subscriber.id, 'pending', at);
    await newsletters.addLists(subscriber.id, lists, at);
    await this.sendConfirmation(subscriber.id, email, lists);
  }

  /** Confirms the address a confirmation link names; null if the link is not genuine. */
  async confirm(token: string): Promise<Subscriber | null> {
    const subscriber = await this.verify(token, 'confirm');
    if (!subscriber || subscriber.status === 'bounced') return null;
    if (subscriber.status !== 'confirmed') {
      await this.deps.store.newsletters.setStatus(subscriber.id, 'confirmed', this.now());
    }
    const after = await this.deps.store.newsletters.subscriberById(subscriber.id);
    if (after) await this.announce(subscriber.status, after);
    return after;
  }

  /** Tells the webhooks when an address joined (became confirmed) or left (was confirmed). */
  private async announce(before: Subscriber['status'] | null, after: Subscriber): Promise<void> {
    if (!this.deps.events || before === after.status) return;
    if (after.status === 'confirmed') {
      await this.deps.events.emit('subscriber.joined', subscriberData(after));
    } else if (after.status === 'left' && before === 'confirmed') {
      await this.deps.events.emit('subscriber.left', subscriberData(after));
    }
  }

  private async announceById(before: Subscriber['status'] | null, id: string): Promise<void> {
    if (!this.deps.events) return;
    const after = await this.deps.store.newsletters.subscriberById(id);
    if (after) await this.announce(before, after);
  }

  /** The subscriber a confirmation link names, if genuine (the page before the button). */
  pendingFor(token: string): Promise<Subscriber | null> {
    return this.verify(token, 'confirm');
  }

  /** The subscriber a manage link names, if genuine. */
  manageable(token: string): Promise<Subscriber | null> {
    return this.verify(token, 'manage');
  }

  /**
   * Replaces the lists of the address the manage link names: choosing none leaves everything.
   * Holding the link proves the address is theirs, so choosing again confirms a departed one.
   */
  async choose(token: string, lists: readonly string[]): Promise<Subscriber | null> {
    const subscriber = await this.verify(token, 'manage');
    if (!subscriber) return null;
    const chosen = await this.checkedLists(lists);
    const at = this.now();
    const { newsletters } = this.deps.store;
    await newsletters.setLists(subscriber.id, chosen, at);
    if (chosen.length === 0) await newsletters.setStatus(subscriber.id, 'left', at);
    else if (subscriber.status !== 'bounced')
      await newsletters.setStatus(subscriber.id, 'confirmed', at);
    const after = await newsletters.subscriberById(subscriber.id);
    if (after) await this.announce(subscriber.status, after);
    return after;
  }

  /** Leaves every list (the one-click unsubscribe); false if the link is not genuine. */
  async leave(token: string): Promise<boolean> {
    const subscriber = await this.verify(token, 'manage');
    if (!subscriber) return false;
    const at = this.now();
    await this.deps.store.newsletters.setLists(subscriber.id, [], at);
    await this.deps.store.newsletters.setStatus(subscriber.id, 'left', at);
    await this.announceById(subscriber.status, subscriber.id);
    return true;
  }

  /** The person's subscription (by their account, or their account's address). */
  async forUser(user: Pick<User, 'id' | 'email'>): Promise<Subscriber | null> {
    const { newsletters } = this.deps.store;
    return (
      (await newsletters.subscriberByUser(user.id)) ??
      (await newsletters.subscriberByEmail(user.email.toLowerCase()))
    );
  }

  /** The lists chosen on /account: at once with a confirmed address, else by confirmation. */
  async chooseForUser(
    user: Pick<User, 'id' | 'email' | 'emailVerifiedAt'>,
    lists: readonly string[],
  ): Promise<'saved' | 'confirm'> {
    const chosen = await this.checkedLists(lists);
    const existing = await this.forUser(user);
    const at = this.now();
    const { newsletters } = this.deps.store;
    if (!user.emailVerifiedAt) {
      if (chosen.length === 0) {
        if (existing) await this.leaveById(existing.id);
        return 'saved';
      }
      await this.subscribe({ email: user.email, lists: chosen });
      return 'confirm';
    }
    if (!existing) {
      if (chosen.length === 0) return 'saved';
      await this.subscribe({
        email: user.email,
        lists: chosen,
        asker: { userId: user.id, email: user.email, verified: true },
      });
      return 'saved';
    }
    if (!existing.userId) await newsletters.linkUser(existing.id, user.id);
    await newsletters.setLists(existing.id, chosen, at);
    await newsletters.setStatus(existing.id, chosen.length === 0 ? 'left' : 'confirmed', at);
    await this.announceById(existing.status, existing.id);
    return 'saved';
  }

  private async leaveById(id: string): Promise<void> {
    const at = this.now();
    const before = await this.deps.store.newsletters.subscriberById(id);
    await this.deps.store.newsletters.setLists(id, [], at);
    await this.deps.store.newsletters.setStatus(id, 'left', at);
    await this.announceById(before?.status ?? null, id);
  }

  /** The admins' list: by a part of the address, a list, a state; newest first. */
  async search(query: {
    search?: string | undefined;
    list?: string | undefined;
    status?: Subscriber['status'] | undefined;
    page: number;
    perPage?: number;
  }): Promise<{ items: Subscriber[]; total: number }> {
    const size = query.perPage ?? 50;
    return this.deps.store.newsletters.listSubscribers({
      ...(query.search ? { search: query.search } : {}),
      ...(query.list ? { list: query.list } : {}),
      ...(query.status ? { status: query.status } : {}),
      limit: size,
      offset: (Math.max(1, query.page) - 1) * size,
    });
  }

  /** Every subscriber as CSV lines (the header first), a page of rows at a time. */
  async *exportCsv(pageSize = 500): AsyncGenerator<string> {
    yield `${subscriberCsvHeader}\r\n`;
    let after: string | null = null;
    for (;;) {
      const page = await this.deps.store.newsletters.subscriberPage(after, pageSize);
      if (page.length === 0) return;
      yield page.map(subscriberCsvLine).join('');
      after = page[page.length - 1]!.email;
      if (page.length < pageSize) return;
    }
  }

  /**
   * Adds the addresses of a CSV file (decisions/0076). A new address whose row states consent is
   * confirmed at once only when the admin `attest`s that consent (who and when are kept);
   * every other new address is pending and sent a confirmation, so nothing else reaches it
   * until it confirms. Known addresses are left as they are; bad rows are reported by line.
   */
  async importCsv(
    actor: Pick<User, 'id' | 'role'>,
    text: string,
    options: { attest: boolean; lists?: readonly string[] },
  ): Promise<SubscriberImportReport> {
    if (actor.role !== 'admin') throw new AppError('role_not_allowed', 'Only admins import.');
    const sections = (await this.deps.store.sections.list()).map((s) => s.slug);
    const defaults = (options.lists ?? [briefingList]).filter((l) => isKnownList(l, sections));
    const read = readSubscriberCsv(text, (l) => isKnownList(l, sections), defaults);
    if (!read) {
      throw new AppError('invalid_csv', 'The file is not a CSV file with an email column.', {
        field: 'file',
      });
    }
    const { newsletters } = this.deps.store;
    const report: SubscriberImportReport = {
      attested: 0,
      confirming: 0,
      existing: 0,
      problems: read.problems,
    };
    for (const row of read.rows) {
      const attested = options.attest && row.consent;
      const at = this.now();
      const id = newId();
      const added = await newsletters.addSubscriber({
        id,
        email: row.email,
        userId: null,
        status: attested ? 'confirmed' : 'pending',
        source: attested ? 'import-attested' : 'import',
        at,
        consentBy: attested ? actor.id : null,
      });
      if (!added) {
        report.existing++;
        continue;
      }
      await newsletters.addLists(id, row.lists, at);
      if (attested) {
        report.attested++;
        await this.announceById(null, id);
      } else {
        report.confirming++;
        await this.sendConfirmation(id, row.email, row.lists);
      }
    }
    return report;
  }

  /** An admin clears a bounce: the address is mailed again (after they fixed their mailbox). */
  async clearBounce(actor: Pick<User, 'role'>, id: string): Promise<void> {
    if (actor.role !== 'admin') throw new AppError('role_not_allowed', 'Only admins do this.');
    const cleared = await this.deps.store.newsletters.clearBounce(id);
    if (!cleared) throw new AppError('not_found', 'That address has not bounced.');
  }

  /** The archive: sent issues, newest first, a page at a time. */
  async archive(page: number): Promise<{ issues: NewsletterIssue[]; hasMore: boolean }> {
    const issues = await this.deps.store.newsletters.archive(perPage + 1, (page - 1) * perPage);
    return { issues: issues.slice(0, perPage), hasMore: issues.length > perPage };
  }

  /** A sent issue by its slug or id, with its stories (those still published), for the web. */
  async archived(
    idOrSlug: string,
  ): Promise<{ issue: NewsletterIssue; articles: ArticleSummary[] } | null> {
    const { newsletters, reader } = this.deps.store;
    const issue =
      (await newsletters.issueBySlug(idOrSlug)) ?? (await newsletters.issueById(idOrSlug));
    if (!issue || issue.status !== 'queued') return null;
    return { issue, articles: await storiesOf(reader, issue) };
  }

  /** The link in every mail that manages (or leaves) everything. */
  async manageUrl(subscriberId: string): Promise<string> {
    return `${this.deps.baseUrl}/newsletters/manage?token=${encodeURIComponent(await this.token(subscriberId, 'manage'))}`;
  }

  /** The RFC 8058 one-click address (POST leaves everything; GET shows the manage page). */
  async leaveUrl(subscriberId: string): Promise<string> {
    return `${this.deps.baseUrl}/newsletters/leave?token=${encodeURIComponent(await this.token(subscriberId, 'manage'))}`;
  }

  /** Makes sure the signing secret exists (called at start-up, before any email). */
  async ensureSecret(): Promise<void> {
    await this.secret();
  }

  private async sendConfirmation(id: string, email: string, lists: NewsletterList[]) {
    const token = await this.token(id, 'confirm');
    const url = `${this.deps.baseUrl}/newsletters/confirm?token=${encodeURIComponent(token)}`;
    const labels = await Promise.all(lists.map((l) => this.labelOf(l)));
    const mail = confirmationEmail(this.site(), url, labels);
    await this.deps.mail.send({
      to: email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
  }

  private async sendManageLink(subscriber: Subscriber) {
    const { t } = this.deps.i18n();
    const site = this.deps.identity().name;
    await this.deps.mail.send({
      to: subscriber.email,
      subject: t('newsletters.already.subject', { site }),
      text: [
        t('newsletters.already.body', { site }),
        '',
        await this.manageUrl(subscriber.id),
        '',
        t('newsletters.already.ignore'),
      ].join('\n'),
    });
  }

  private site() {
    return { baseUrl: this.deps.baseUrl, identity: this.deps.identity(), i18n: this.deps.i18n() };
  }

  async token(subscriberId: string, purpose: Purpose): Promise<string> {
    return `${subscriberId}.${await this.sign(subscriberId, purpose)}`;
  }

  private async verify(token: string, purpose: Purpose): Promise<Subscriber | null> {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const id = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(await this.sign(id, purpose));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return this.deps.store.newsletters.subscriberById(id);
  }

  private async sign(id: string, purpose: Purpose): Promise<string> {
    return createHmac('sha256', await this.secret())
      .update(`newsletter-${purpose}:${id}`)
      .digest('base64url')
      .slice(0, 32);
  }

  private async secret(): Promise<Buffer> {
    if (this.secretValue) return this.secretValue;
    let stored = await this.deps.store.settings.get(newsletterSecretKey);
    if (!stored) {
      await this.deps.store.settings.set(newsletterSecretKey, randomBytes(32).toString('hex'));
      stored = await this.deps.store.settings.get(newsletterSecretKey);
    }
    this.secretValue = Buffer.from(stored ?? '', 'hex');
    return this.secretValue;
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}

/** An issue's stories that are still published, in the issue's order. */
export async function storiesOf(
  reader: Pick<Store['reader'], 'publishedByIds'>,
  issue: Pick<NewsletterIssue, 'articleIds'>,
): Promise<ArticleSummary[]> {
  const found = await reader.publishedByIds(issue.articleIds);
  const byId = new Map(found.map((a) => [a.id, a]));
  return issue.articleIds.flatMap((id) => byId.get(id) ?? []);
}
