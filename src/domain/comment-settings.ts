/**
 * Whether an article takes comments: a site default, an optional per-article override, and an
 * automatic close some hours after publication. Pure: the caller supplies the clock.
 */

export const commentModes = ['open', 'closed', 'premoderated'] as const;
export type CommentMode = (typeof commentModes)[number];

/** The setting keys agreed with the other parts of the site. */
export const commentSettingKeys = {
  mode: 'comments.mode',
  autoCloseHours: 'comments.autoCloseHours',
  editWindowMinutes: 'comments.editWindowMinutes',
  unconfirmedEmail: 'comments.unconfirmedEmail',
} as const;

/**
 * What happens to a comment from a commenter whose email address is not confirmed: refused with
 * a message and a way to get the link again (the default), held for review, or published.
 */
export type UnconfirmedEmailRule = 'refuse' | 'hold' | 'allow';

export function parseUnconfirmedEmail(value: string | null | undefined): UnconfirmedEmailRule {
  return value === 'hold' || value === 'allow' ? value : 'refuse';
}

/**
 * Whether the confirmed-email rule concerns this person: a commenter who has not opened their
 * link. Staff accounts come from invitations, the setup link or the operator.
 */
export function awaitsEmailConfirmation(person: {
  role: string;
  emailVerifiedAt: string | null;
}): boolean {
  return person.role === 'commenter' && person.emailVerifiedAt === null;
}

export const defaultEditWindowMinutes = 15;

export interface CommentSiteDefaults {
  mode: CommentMode;
  /** 0 = never. */
  autoCloseHours: number;
}

/** An article's own choice; null in a field means "the site default". */
export interface CommentOverride {
  mode: CommentMode | null;
  autoCloseHours: number | null;
}

export interface CommentPolicy {
  /** What applies now: an auto-closed article is `closed`. */
  mode: CommentMode;
  /** Why it is closed: chosen, or closed automatically at `closesAt`. */
  closedBy: 'setting' | 'time' | null;
  /** When comments close (or closed) automatically; null when they never do. */
  closesAt: string | null;
}

export function isCommentMode(value: unknown): value is CommentMode {
  return typeof value === 'string' && (commentModes as readonly string[]).includes(value);
}

/** A stored value read leniently: anything unreadable is the built-in default. */
export function parseSiteDefaults(mode: string | null, hours: string | null): CommentSiteDefaults {
  const h = hours === null ? NaN : Number(hours);
  return {
    mode: isCommentMode(mode) ? mode : 'open',
    autoCloseHours: Number.isInteger(h) && h > 0 ? h : 0,
  };
}

export function parseEditWindowMinutes(value: string | null): number {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : defaultEditWindowMinutes;
}

export function commentPolicy(
  site: CommentSiteDefaults,
  override: CommentOverride,
  publishedAt: string | null,
  now: Date,
): CommentPolicy {
  const mode = override.mode ?? site.mode;
  const hours = override.autoCloseHours ?? site.autoCloseHours;
  if (mode === 'closed') return { mode, closedBy: 'setting', closesAt: null };
  const closesAt =
    hours > 0 && publishedAt ? new Date(Date.parse(publishedAt) + hours * 3_600_000) : null;
  if (closesAt && now.getTime() >= closesAt.getTime()) {
    return { mode: 'closed', closedBy: 'time', closesAt: closesAt.toISOString() };
  }
  return { mode, closedBy: null, closesAt: closesAt ? closesAt.toISOString() : null };
}

/** Whether a comment written at `createdAt` may still be edited by its author at `now`. */
export function withinEditWindow(createdAt: string, windowMinutes: number, now: Date): boolean {
  return now.getTime() - Date.parse(createdAt) <= windowMinutes * 60_000;
}
