/** Sign-in links, OpenID Connect providers, linked accounts and provider sign-ins (0033). */
import type { Kysely, Selectable } from 'kysely';
import type { Role } from '../domain/user.js';
import type {
  EmailSignInLink,
  EmailSignInLinkStore,
  SsoAttempt,
  SsoLink,
  SsoProvider,
  SsoStore,
} from './ports/sso.js';
import type {
  Database,
  EmailSignInLinksTable,
  SsoAttemptsTable,
  SsoLinksTable,
  SsoProvidersTable,
} from './schema.js';

function toLink(row: Selectable<EmailSignInLinksTable>): EmailSignInLink {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    browserHash: row.browser_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

function toProvider(row: Selectable<SsoProvidersTable>): SsoProvider {
  return {
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: row.client_secret,
    allowedDomains: row.allowed_domains.split(',').filter((d) => d !== ''),
    role: row.role as Role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toSsoLink(row: Selectable<SsoLinksTable>): SsoLink {
  return {
    id: row.id,
    providerId: row.provider_id,
    subject: row.subject,
    userId: row.user_id,
    email: row.email,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

function toAttempt(row: Selectable<SsoAttemptsTable>): SsoAttempt {
  return {
    stateHash: row.state_hash,
    providerId: row.provider_id,
    browserHash: row.browser_hash,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    next: row.next,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

export class KyselyEmailSignInLinkStore implements EmailSignInLinkStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(link: Omit<EmailSignInLink, 'usedAt'>): Promise<void> {
    await this.db
      .insertInto('email_sign_in_links')
      .values({
        token_hash: link.tokenHash,
        user_id: link.userId,
        browser_hash: link.browserHash,
        created_at: link.createdAt,
        expires_at: link.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async find(tokenHash: string) {
    const row = await this.db
      .selectFrom('email_sign_in_links')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toLink(row) : null;
  }

  async consume(tokenHash: string, browserHash: string, now: string) {
    // One statement, so two posts racing on the same link cannot both succeed.
    const row = await this.db
      .updateTable('email_sign_in_links')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('browser_hash', '=', browserHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    return row ? toLink(row) : null;
  }

  async invalidate(userId: string, now: string): Promise<void> {
    await this.db
      .updateTable('email_sign_in_links')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  async prune(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('email_sign_in_links')
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

export class KyselySsoStore implements SsoStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createProvider(p: SsoProvider): Promise<void> {
    await this.db
      .insertInto('sso_providers')
      .values({
        id: p.id,
        name: p.name,
        issuer: p.issuer,
        client_id: p.clientId,
        client_secret: p.clientSecret,
        allowed_domains: p.allowedDomains.join(','),
        role: p.role,
        created_at: p.createdAt,
        updated_at: p.updatedAt,
      })
      .execute();
  }

  async updateProvider(
    id: string,
    changes: Partial<
      Pick<SsoProvider, 'name' | 'issuer' | 'clientId' | 'clientSecret' | 'allowedDomains' | 'role'>
    > & { updatedAt: string },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('sso_providers')
      .set({
        updated_at: changes.updatedAt,
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.issuer !== undefined ? { issuer: changes.issuer } : {}),
        ...(changes.clientId !== undefined ? { client_id: changes.clientId } : {}),
        ...(changes.clientSecret !== undefined ? { client_secret: changes.clientSecret } : {}),
        ...(changes.allowedDomains !== undefined
          ? { allowed_domains: changes.allowedDomains.join(',') }
          : {}),
        ...(changes.role !== undefined ? { role: changes.role } : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async removeProvider(id: string): Promise<boolean> {
    // The links and attempts go with it (ON DELETE CASCADE; SQLite enforces foreign keys here).
    await this.db.deleteFrom('sso_attempts').where('provider_id', '=', id).execute();
    await this.db.deleteFrom('sso_links').where('provider_id', '=', id).execute();
    const result = await this.db
      .deleteFrom('sso_providers')
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async provider(id: string) {
    const row = await this.db
      .selectFrom('sso_providers')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toProvider(row) : null;
  }

  async providers() {
    const rows = await this.db
      .selectFrom('sso_providers')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toProvider);
  }

  async link(link: SsoLink): Promise<boolean> {
    const result = await this.db
      .insertInto('sso_links')
      .values({
        id: link.id,
        provider_id: link.providerId,
        subject: link.subject,
        user_id: link.userId,
        email: link.email,
        created_at: link.createdAt,
        last_used_at: link.lastUsedAt,
      })
      .onConflict((oc) => oc.columns(['provider_id', 'subject']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return result !== undefined;
  }

  async linkBySubject(providerId: string, subject: string) {
    const row = await this.db
      .selectFrom('sso_links')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row ? toSsoLink(row) : null;
  }

  async linksOf(userId: string) {
    const rows = await this.db
      .selectFrom('sso_links as l')
      .innerJoin('sso_providers as p', 'p.id', 'l.provider_id')
      .selectAll('l')
      .select('p.name as provider_name')
      .where('l.user_id', '=', userId)
      .orderBy('l.created_at')
      .orderBy('l.id')
      .execute();
    return rows.map((row) => ({ ...toSsoLink(row), providerName: row.provider_name }));
  }

  async countLinks(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('sso_links')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async touchLink(id: string, now: string, email: string): Promise<void> {
    await this.db
      .updateTable('sso_links')
      .set({ last_used_at: now, email })
      .where('id', '=', id)
      .execute();
  }

  async unlink(userId: string, linkId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('sso_links')
      .where('id', '=', linkId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async createAttempt(a: Omit<SsoAttempt, 'usedAt'>): Promise<void> {
    await this.db
      .insertInto('sso_attempts')
      .values({
        state_hash: a.stateHash,
        provider_id: a.providerId,
        browser_hash: a.browserHash,
        nonce: a.nonce,
        code_verifier: a.codeVerifier,
        next: a.next,
        created_at: a.createdAt,
        expires_at: a.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async consumeAttempt(stateHash: string, browserHash: string, now: string) {
    const row = await this.db
      .updateTable('sso_attempts')
      .set({ used_at: now })
      .where('state_hash', '=', stateHash)
      .where('browser_hash', '=', browserHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    return row ? toAttempt(row) : null;
  }

  async pruneAttempts(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sso_attempts')
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
