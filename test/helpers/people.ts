/** People for tests through the whole app: a stored user with a signed-in session. */
import type { Role, User } from '../../src/domain/user.js';
import type { RunningApp } from './app.js';
import type { OpenedStore } from './databases.js';

export interface Person {
  user: User;
  /** The session cookie, as a `Cookie` header value. */
  cookie: string;
  /** The session's token for form posts (`_csrf`). */
  csrf: string;
}

/** Creates `slug@example.com` named "Person slug" (or `name`) and signs them in. */
export async function signedInPerson(
  db: OpenedStore,
  app: RunningApp,
  slug: string,
  options: { role?: Role; name?: string; createdAt?: string; emailVerified?: boolean } = {},
): Promise<Person> {
  const createdAt = options.createdAt ?? new Date().toISOString();
  const user = await db.store.users.create({
    email: `${slug}@example.com`,
    name: options.name ?? `Person ${slug}`,
    slug,
    role: options.role ?? 'commenter',
    passwordHash: null,
    createdAt,
    ...(options.emailVerified ? { emailVerifiedAt: createdAt } : {}),
  });
  const { id, session } = await app.services.sessions.start(user.id);
  return { user, cookie: `bs_session=${id}`, csrf: session.csrfToken };
}
