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
  createdAt: string;
}

/** Loose but useful: one @, something either side, a dot in the domain, no spaces. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}
