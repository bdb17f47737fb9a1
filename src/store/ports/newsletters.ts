/** Reader newsletters: subscribers and their lists, issues, and the sending queue (0029). */
import type {
  DeliveryCounts,
  IssueKind,
  IssueStatus,
  NewsletterIssue,
  NewsletterList,
  Subscriber,
  SubscriberSource,
  SubscriberStatus,
} from '../../domain/newsletter.js';

/** A delivery this process claimed: send it, then mark it with the same claim. */
export interface ClaimedDelivery {
  id: string;
  issueId: string;
  subscriberId: string;
  email: string;
  subscriberStatus: SubscriberStatus;
  /** Including this one. */
  attempts: number;
}

export interface NewIssue {
  id: string;
  /** Unique: `briefing:2026-12-04`, `alert:<article id>`, `digest:<slug>:<day>`. */
  key: string;
  slug: string;
  kind: IssueKind;
  list: NewsletterList;
  status: IssueStatus;
  subject: string;
  intro: string;
  articleIds: string[];
  sendAt: string | null;
  createdAt: string;
}

export interface NewsletterStore {
  subscriberByEmail(email: string): Promise<Subscriber | null>;
  subscriberById(id: string): Promise<Subscriber | null>;
  subscriberByUser(userId: string): Promise<Subscriber | null>;
  /** Adds the address (unique: false if it is already there). */
  addSubscriber(input: {
    id: string;
    email: string;
    userId: string | null;
    status: SubscriberStatus;
    source: SubscriberSource;
    at: string;
    /** The admin who attested the address's consent (an import); recorded with `at`. */
    consentBy?: string | null;
  }): Promise<boolean>;
  /** Adds these lists (those it is on stay). */
  addLists(subscriberId: string, lists: readonly NewsletterList[], at: string): Promise<void>;
  /** Replaces its lists with these. */
  setLists(subscriberId: string, lists: readonly NewsletterList[], at: string): Promise<void>;
  /** Sets the status; `confirmed_at`, `left_at` follow. A bounced address stays bounced. */
  setStatus(
    subscriberId: string,
    status: Exclude<SubscriberStatus, 'bounced'>,
    at: string,
  ): Promise<void>;
  linkUser(subscriberId: string, userId: string): Promise<void>;
  markBounced(subscriberId: string, reason: string, at: string): Promise<void>;
  /**
   * An admin clears a bounce: the address is mailed again (confirmed if it ever confirmed, else
   * pending). False if it was not bounced.
   */
  clearBounce(subscriberId: string): Promise<boolean>;
  /** Admins' list: newest first, filtered by a part of the address, a list, a state. */
  listSubscribers(query: {
    search?: string;
    list?: NewsletterList;
    status?: SubscriberStatus;
    limit: number;
    offset: number;
  }): Promise<{ items: Subscriber[]; total: number }>;
  /** Every subscriber, in address order, a page at a time (for the CSV export). */
  subscriberPage(afterEmail: string | null, limit: number): Promise<Subscriber[]>;
  /** Removes the person's subscription (their account's, or their address's). */
  deleteSubscriber(subscriberId: string): Promise<void>;
  /** How many confirmed subscribers each list has. */
  listCounts(): Promise<Record<string, number>>;

  /** Makes the issue unless one with its key exists; true if this call made it. */
  createIssue(issue: NewIssue): Promise<boolean>;
  issueById(id: string): Promise<NewsletterIssue | null>;
  issueByKey(key: string): Promise<NewsletterIssue | null>;
  issueBySlug(slug: string): Promise<NewsletterIssue | null>;
  /** Sent (queued) issues, newest first: the archive. */
  archive(limit: number, offset: number): Promise<NewsletterIssue[]>;
  /** Issues not sent yet (draft, held, waiting), oldest first: the newsroom's page. */
  unsent(): Promise<NewsletterIssue[]>;
  /** The latest queued issues (the admin page). */
  recent(limit: number): Promise<NewsletterIssue[]>;
  /** Issues queued from `from` (inclusive) to `to` (exclusive, ISO times), newest first. */
  sentBetween(from: string, to: string, limit: number): Promise<NewsletterIssue[]>;
  /** Changes the words and stories of an issue not queued yet; false if it has gone. */
  editIssue(
    id: string,
    change: { subject: string; intro: string; articleIds: string[] },
    editedBy: string,
  ): Promise<boolean>;
  setIssueStatus(id: string, from: readonly IssueStatus[], to: IssueStatus): Promise<boolean>;
  /**
   * Queues the issue: if it is still in one of `from`, marks it queued and adds one delivery per
   * confirmed subscriber of its list, in one transaction; false if another caller did first.
   * Returns how many deliveries it added.
   */
  queueIssue(id: string, from: readonly IssueStatus[], at: string): Promise<number | null>;
  deliveryCounts(issueIds: readonly string[]): Promise<Map<string, DeliveryCounts>>;

  /**
   * Claims up to `limit` deliveries that are due (queued, or sending with an expired claim) in
   * one conditional update: each gets `claim`, one more attempt, and `leaseUntil` as the time
   * its claim expires. Several processes claiming at once each get different ones.
   */
  claimDeliveries(input: {
    now: string;
    leaseUntil: string;
    limit: number;
    claim: string;
  }): Promise<ClaimedDelivery[]>;
  /** Marks a claimed delivery sent; false if the claim is no longer this one's. */
  markSent(id: string, claim: string, at: string): Promise<boolean>;
  /** Puts it back in the queue for another attempt at `dueAt`. */
  retryLater(id: string, claim: string, dueAt: string, error: string): Promise<void>;
  /** Gives it up (a permanent failure, too many attempts, or the subscriber left). */
  markFailed(id: string, claim: string, error: string): Promise<void>;
  /** The addresses that bounced, newest first (the admin page). */
  bounced(limit: number): Promise<Subscriber[]>;
}
