/**
 * Reader newsletters: the lists, a subscriber's states, when a day's briefing is made and sent,
 * and how a failed delivery is retried. Pure rules; the queue's contract is in
 * docs/decisions/0064-newsletter-queue.md.
 *
 *   subscribe ──► pending ──confirm──► confirmed ──leave──► left
 *                                          │   ▲                │
 *                                          │   └──subscribe─────┘ (pending again)
 *                                          └──5xx from SMTP──► bounced (never mailed again)
 */
import { instantsOf, localDay } from './local-time.js';

export const subscriberStatuses = ['pending', 'confirmed', 'left', 'bounced'] as const;
export type SubscriberStatus = (typeof subscriberStatuses)[number];

/** How the address came: a form (double opt-in), an import, an import whose consent was attested. */
export type SubscriberSource = 'form' | 'account' | 'import' | 'import-attested';

/** `briefing`, `alerts`, or `section:<slug>` (that section's digest). */
export type NewsletterList = string;

export const briefingList = 'briefing';
export const alertsList = 'alerts';
export const sectionList = (slug: string): NewsletterList => `section:${slug}`;

/** The section a digest list is for, or null. */
export function sectionOfList(list: string): string | null {
  return list.startsWith('section:') ? list.slice('section:'.length) : null;
}

/** Whether `list` names a list readers may join, given the sections there are. */
export function isKnownList(list: string, sectionSlugs: readonly string[]): boolean {
  if (list === briefingList || list === alertsList) return true;
  const section = sectionOfList(list);
  return section !== null && sectionSlugs.includes(section);
}

export interface Subscriber {
  id: string;
  email: string;
  userId: string | null;
  status: SubscriberStatus;
  source: SubscriberSource;
  createdAt: string;
  confirmedAt: string | null;
  bouncedAt: string | null;
  bounceReason: string | null;
  /** An admin who attested this imported address's consent, and when (else null). */
  consentBy: string | null;
  consentAt: string | null;
  lists: NewsletterList[];
}

export type IssueKind = 'briefing' | 'alert' | 'digest';

/**
 * draft: made, editors may change it, goes at `sendAt` (if the site sends as built);
 * held: waits for an editor to send it; waiting: an alert whose article is not published yet;
 * queued: its deliveries are in the queue; the issue is in the archive from then on.
 */
export type IssueStatus = 'draft' | 'held' | 'waiting' | 'queued';

export interface NewsletterIssue {
  id: string;
  kind: IssueKind;
  list: NewsletterList;
  slug: string;
  status: IssueStatus;
  subject: string;
  intro: string;
  articleIds: string[];
  sendAt: string | null;
  createdAt: string;
  queuedAt: string | null;
}

/** Counts of an issue's deliveries by state. */
export interface DeliveryCounts {
  queued: number;
  sending: number;
  sent: number;
  failed: number;
}

/** An email address as it is kept: trimmed, lower case; null if it is not one. */
export function normaliseEmail(text: string): string | null {
  const email = text.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/.test(email)) {
    return null;
  }
  return email;
}

/** Attempts a delivery gets before it is given up (4xx and connection failures). */
export const maxAttempts = 8;

/** The wait before attempt `attempts + 1`: 1, 2, 4 … minutes, at most 4 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(4 * 60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/** An SMTP reply code that says the address will never take mail (5xx). */
export function isPermanentFailure(responseCode: number | undefined): boolean {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600;
}

/** `HH:MM` (24-hour) as minutes after midnight; null if it is not such a time. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** How long before its time a briefing is made, so an editor can look at it first. */
export const briefingLeadMinutes = 60;

/**
 * Today's briefing in `zone` at `nowMs`: its day (`2026-12-04`), the instant it goes, and
 * whether it is time to make it (from `briefingLeadMinutes` before until 6 hours after: a
 * server that was down all morning does not send the morning's briefing in the evening).
 */
export function briefingSlot(
  nowMs: number,
  zone: string,
  minutesAfterMidnight: number,
): { day: string; sendAt: string; makeNow: boolean } {
  const day = localDay(nowMs, zone);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = {
    year,
    month,
    day: date,
    hour: Math.floor(minutesAfterMidnight / 60),
    minute: minutesAfterMidnight % 60,
  };
  const found = instantsOf(wall, zone);
  // A time the clocks skip or pass twice: the earlier reading (the briefing goes once either way).
  const sendAt = found.kind === 'exact' ? found.instant : found.choices[0];
  const at = Date.parse(sendAt);
  const makeNow = nowMs >= at - briefingLeadMinutes * 60_000 && nowMs < at + 6 * 3_600_000;
  return { day, sendAt, makeNow };
}

/**
 * The campaign name an issue's links carry (`utm_campaign`): its list (`briefing`, `alerts`, a
 * section's slug) and its id, at most 60 characters (what insights keep of a campaign), so the
 * views its links bring are counted as that issue's clicks without knowing who clicked.
 */
export function newsletterCampaign(issue: Pick<NewsletterIssue, 'id' | 'list'>): string {
  const list = sectionOfList(issue.list) ?? issue.list;
  return `${list.slice(0, 59 - issue.id.length)}-${issue.id}`;
}

/** The query every link of an issue's email carries to the site's pages (no one's identity). */
export function newsletterLinkQuery(issue: Pick<NewsletterIssue, 'id' | 'list'>): string {
  const campaign = encodeURIComponent(newsletterCampaign(issue));
  return `utm_source=newsletter&utm_medium=email&utm_campaign=${campaign}`;
}
