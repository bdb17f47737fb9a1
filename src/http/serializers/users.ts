/** A user as the JSON API gives it to that user (the email is theirs to see). */
import type { User } from '../../domain/user.js';

export function userJson(user: User) {
  return {
    id: user.id,
    name: user.name,
    slug: user.slug,
    role: user.role,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    suspendedUntil: user.suspendedUntil,
    createdAt: user.createdAt,
    byline: user.byline,
  };
}
