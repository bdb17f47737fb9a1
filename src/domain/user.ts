export const roles = ['commenter', 'author', 'editor', 'moderator', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export interface User {
  id: string;
  email: string;
  name: string;
  slug: string;
  role: Role;
  bio: string;
  /** An https address of the person's photo for their author page; '' for none. */
  photoUrl: string;
  /** The name articles and the author page show when set; '' shows `name`. */
  byline: string;
  createdAt: string;
  emailVerifiedAt: string | null;
  /** Until then the person may read and sign in but not take part. */
  suspendedUntil: string | null;
  bannedAt: string | null;
  sanctionReason: string;
}

/** The name a person's articles and author page carry. */
export function bylineOf(user: Pick<User, 'name' | 'byline'>): string {
  return user.byline || user.name;
}

export function isBanned(user: Pick<User, 'bannedAt'>): boolean {
  return user.bannedAt !== null;
}

export function isSuspended(user: Pick<User, 'suspendedUntil'>, now: Date = new Date()): boolean {
  return user.suspendedUntil !== null && Date.parse(user.suspendedUntil) > now.getTime();
}

/** Staff roles, in increasing power; commenters are not staff. */
export const staffRoles: readonly Role[] = ['author', 'editor', 'moderator', 'admin'];

export const nameLimit = 60;

/** A display name or byline as stored: spaces collapsed; null when it is too long. */
export function cleanName(raw: string): string | null {
  const name = raw.trim().replace(/\s+/g, ' ');
  return [...name].length <= nameLimit ? name : null;
}

/** Loose but useful: one @, something either side, a dot in the domain, no spaces. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}
