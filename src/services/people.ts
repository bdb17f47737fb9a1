/**
 * Admins managing people: find them, change roles, suspend for a period, ban and lift a ban.
 * A ban or a role change takes effect on the very next request: bans end every session, and
 * roles are read fresh from the database on each request.
 */
import { isRole, type Role, type User } from '../domain/user.js';
import { AppError, notFound } from '../errors.js';
import type { Store } from '../store/types.js';
import type { SessionService } from './sessions.js';

export const suspensionHours = [1, 24, 24 * 7] as const;

export interface PeopleDeps {
  store: Pick<Store, 'users'>;
  sessions: Pick<SessionService, 'endAll'>;
}

export class PeopleService {
  private readonly store: PeopleDeps['store'];
  private readonly sessions: PeopleDeps['sessions'];

  constructor(deps: PeopleDeps) {
    this.store = deps.store;
    this.sessions = deps.sessions;
  }

  search(query: { text?: string; role?: string; page: number; perPage?: number }): Promise<User[]> {
    const perPage = query.perPage ?? 50;
    const role = query.role && isRole(query.role) ? query.role : undefined;
    return this.store.users.search({
      ...(query.text ? { text: query.text.trim().slice(0, 100) } : {}),
      ...(role ? { role } : {}),
      limit: perPage,
      offset: Math.max(0, query.page - 1) * perPage,
    });
  }

  private async target(actor: User, id: string): Promise<User> {
    const user = await this.store.users.byId(id);
    if (!user) throw notFound('That person');
    if (user.id === actor.id)
      throw new AppError('own_account', 'You cannot change your own role or sanctions.');
    return user;
  }

  async setRole(actor: User, id: string, role: string): Promise<User> {
    if (!isRole(role)) {
      throw new AppError('unknown_role', `"${role}" is not a role.`, { field: 'role' });
    }
    const user = await this.target(actor, id);
    await this.store.users.setRole(user.id, role as Role);
    return { ...user, role: role as Role };
  }

  async suspend(actor: User, id: string, hours: number, reason: string): Promise<User> {
    if (!(suspensionHours as readonly number[]).includes(hours)) {
      throw new AppError('invalid_duration', 'A suspension lasts 1 hour, 24 hours or 7 days.', {
        field: 'hours',
      });
    }
    const user = await this.target(actor, id);
    const until = new Date(Date.now() + hours * 3600_000).toISOString();
    await this.store.users.setSanction(user.id, {
      suspendedUntil: until,
      bannedAt: user.bannedAt,
      reason: reason.slice(0, 500),
    });
    return { ...user, suspendedUntil: until, sanctionReason: reason };
  }

  async ban(actor: User, id: string, reason: string): Promise<User> {
    const user = await this.target(actor, id);
    const at = new Date().toISOString();
    await this.store.users.setSanction(user.id, {
      suspendedUntil: null,
      bannedAt: at,
      reason: reason.slice(0, 500),
    });
    await this.sessions.endAll(user.id);
    return { ...user, bannedAt: at, sanctionReason: reason };
  }

  async lift(actor: User, id: string): Promise<User> {
    const user = await this.target(actor, id);
    await this.store.users.setSanction(user.id, {
      suspendedUntil: null,
      bannedAt: null,
      reason: '',
    });
    return { ...user, suspendedUntil: null, bannedAt: null, sanctionReason: '' };
  }
}
