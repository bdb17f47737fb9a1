import { AppError } from '../errors.js';
import { isEmail, isRole, normaliseEmail, type Role, type User } from '../domain/user.js';
import { freeSlug, slugify } from '../domain/slug.js';
import type { Store } from '../store/types.js';
import { hashPassword } from './passwords.js';

export const minPasswordLength = 10;

export interface CreateUserInput {
  email: string;
  name: string;
  role: string;
  password: string | null;
  bio?: string;
}

export interface UserServiceDeps {
  store: Pick<Store, 'users'>;
}

export class UserService {
  private readonly store: UserServiceDeps['store'];

  constructor(deps: UserServiceDeps) {
    this.store = deps.store;
  }

  async create(input: CreateUserInput): Promise<User> {
    const email = normaliseEmail(input.email);
    if (!isEmail(email))
      throw new AppError('invalid_email', `"${input.email}" is not an email address.`, {
        field: 'email',
      });
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) {
      throw new AppError('invalid_name', 'A name of 1 to 100 characters is required.', {
        field: 'name',
        values: { max: 100 },
      });
    }
    if (!isRole(input.role)) {
      throw new AppError(
        'unknown_role',
        `"${input.role}" is not a role; use commenter, author, editor, moderator or admin.`,
        { field: 'role' },
      );
    }
    if (input.password !== null && [...input.password].length < minPasswordLength) {
      throw new AppError(
        'password_too_short',
        `The password must be at least ${minPasswordLength} characters.`,
        { field: 'password', values: { min: minPasswordLength } },
      );
    }
    if (await this.store.users.byEmail(email)) {
      throw new AppError('email_taken', `A user with the email ${email} already exists.`, {
        field: 'email',
      });
    }
    return this.store.users.create({
      email,
      name,
      slug: await this.freeSlug(name),
      role: input.role as Role,
      passwordHash: input.password === null ? null : await hashPassword(input.password),
      ...(input.bio !== undefined ? { bio: input.bio } : {}),
      createdAt: new Date().toISOString(),
    });
  }

  async hasAdmin(): Promise<boolean> {
    return (await this.store.users.countWithRole('admin')) > 0;
  }

  private freeSlug(name: string): Promise<string> {
    return freeSlug(slugify(name) || 'user', (slug) => this.store.users.slugTaken(slug));
  }
}
