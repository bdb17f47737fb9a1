/** API tokens: shown once, stored as a SHA-256 hash (they are long and random, so no KDF). */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { User } from '../domain/user.js';
import type { Store } from '../store/types.js';

const prefix = 'bst_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface TokenServiceDeps {
  store: Pick<Store, 'tokens' | 'users'>;
}

export class TokenService {
  private readonly store: TokenServiceDeps['store'];

  constructor(deps: TokenServiceDeps) {
    this.store = deps.store;
  }

  async create(email: string, label = 'cli'): Promise<{ token: string; user: User }> {
    const user = await this.store.users.byEmail(email.trim().toLowerCase());
    if (!user) {
      throw new AppError('user_not_found', `No user has the email ${email}.`, { field: 'email' });
    }
    const token = prefix + randomBytes(24).toString('base64url');
    await this.store.tokens.create({
      userId: user.id,
      tokenHash: hashToken(token),
      label,
      createdAt: new Date().toISOString(),
    });
    return { token, user };
  }

  async authenticate(token: string): Promise<User | null> {
    if (!token.startsWith(prefix) || token.length > 200) return null;
    return this.store.tokens.userForHash(hashToken(token), new Date().toISOString());
  }

  list() {
    return this.store.tokens.list();
  }

  async revoke(id: string): Promise<void> {
    await this.store.tokens.revoke(id, new Date().toISOString());
  }
}
