/**
 * Single sign-on with OpenID Connect (issue 23, decisions/0072).
 *
 * Admins add providers (issuer, client id and secret, the email domains it may sign in, the role
 * of an account it creates). A sign-in is the authorization code flow with PKCE, `state` and
 * `nonce`: all three are kept in a row (`sso_attempts`) bound to the browser that started it by a
 * cookie's hash, consumed once; `openid-client` checks the ID token (signature, issuer, audience,
 * expiry, nonce) and the state.
 *
 * The provider's account (`sub`) is linked to a person. A first sign-in links to an existing
 * account by email only when the provider says `email_verified` and the existing account's address
 * is confirmed too (otherwise someone who registered the address first would share the account);
 * a new account is made, with the provider's role, only for an allowed domain.
 */
import type * as Oidc from 'openid-client';
import { newId } from '../domain/ids.js';
import { freeSlug, slugify } from '../domain/slug.js';
import { mayRemoveSignInMethod } from '../domain/sign-in-methods.js';
import { isBanned, isEmail, normaliseEmail, roles, type Role, type User } from '../domain/user.js';
import { AppError } from '../errors.js';
import type { SsoLinkWithProvider, SsoProvider } from '../store/ports/sso.js';
import type { Store } from '../store/types.js';
import { hashSecret } from './email-sign-in.js';
import type { SignInPolicyService } from './sign-in-policy.js';

const attemptLifetimeMs = 10 * 60 * 1000;

let library: Promise<typeof Oidc> | undefined;
/** openid-client, loaded at the first sign-in with a provider, not at start (decisions/0088). */
const openidClient = () => (library ??= import('openid-client'));

/** What an admin enters for a provider; a blank secret on an edit keeps the stored one. */
export interface ProviderInput {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string;
  role: string;
}

/** A provider as pages show it: never its secret. */
export interface ProviderSummary {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  allowedDomains: string[];
  role: Role;
}

const summary = (p: SsoProvider): ProviderSummary => ({
  id: p.id,
  name: p.name,
  issuer: p.issuer,
  clientId: p.clientId,
  allowedDomains: p.allowedDomains,
  role: p.role,
});

const required = (field: string) =>
  new AppError('provider_field_required', 'Fill in this field.', { field });

/** Plain http is allowed only on this machine (a provider beside the site; the tests). */
function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export function parseIssuer(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError(
      'invalid_issuer',
      'Enter the provider’s issuer address, starting with https://.',
      { field: 'issuer' },
    );
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url));
  if (!secure || url.username || url.password || url.search || url.hash) {
    throw new AppError(
      'invalid_issuer',
      'Enter the provider’s issuer address, starting with https://.',
      { field: 'issuer' },
    );
  }
  return url;
}

const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function parseDomains(raw: string): string[] {
  const domains = [
    ...new Set(
      raw
        .split(/[\s,]+/)
        .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
        .filter((d) => d !== ''),
    ),
  ];
  if (domains.length === 0 || domains.length > 50 || !domains.every((d) => domainPattern.test(d))) {
    throw new AppError(
      'invalid_domains',
      'Enter one or more email domains, such as example.com, separated by commas.',
      {
        field: 'allowedDomains',
      },
    );
  }
  return domains;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

export interface SsoDeps {
  store: Pick<Store, 'sso' | 'users' | 'settings'>;
  policy: Pick<SignInPolicyService, 'completeSignIn' | 'methodsOf' | 'policyFor'>;
  baseUrl: string;
  now?: () => Date;
}

export class SsoService {
  /** Discovered provider configurations, by provider id and version. */
  private readonly configs = new Map<string, { version: string; config: Oidc.Configuration }>();

  constructor(private readonly deps: SsoDeps) {}

  private get store() {
    return this.deps.store;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Where providers send people back: one address for every provider (the state says which). */
  get callbackUrl(): string {
    return `${this.deps.baseUrl}/signin/sso/callback`;
  }

  /** Every provider's id and name, for the sign-in page's buttons. */
  async buttons(): Promise<{ id: string; name: string }[]> {
    return (await this.store.sso.providers()).map((p) => ({ id: p.id, name: p.name }));
  }

  async providers(): Promise<ProviderSummary[]> {
    return (await this.store.sso.providers()).map(summary);
  }

  async provider(id: string): Promise<ProviderSummary> {
    const found = await this.store.sso.provider(id);
    if (!found) throw new AppError('unknown_provider', 'That sign-in provider does not exist.');
    return summary(found);
  }

  private checked(input: ProviderInput, editing: boolean) {
    const name = String(input.name).trim().replace(/\s+/g, ' ');
    if (name === '') throw required('name');
    if (name.length > 60) {
      throw new AppError('too_long', 'That is too long: at most 60 characters.', {
        field: 'name',
        values: { max: 60 },
      });
    }
    const issuer = parseIssuer(String(input.issuer)).href.replace(/\/$/, '');
    const clientId = String(input.clientId).trim();
    if (clientId === '') throw required('clientId');
    const clientSecret = String(input.clientSecret);
    if (!editing && clientSecret === '') throw required('clientSecret');
    const allowedDomains = parseDomains(String(input.allowedDomains));
    if (!(roles as readonly string[]).includes(input.role)) {
      throw new AppError('unknown_role', 'Choose a role from the list.', { field: 'role' });
    }
    return { name, issuer, clientId, clientSecret, allowedDomains, role: input.role as Role };
  }

  async addProvider(input: ProviderInput): Promise<ProviderSummary> {
    const fields = this.checked(input, false);
    const now = this.now().toISOString();
    const provider: SsoProvider = { id: newId(), ...fields, createdAt: now, updatedAt: now };
    await this.store.sso.createProvider(provider);
    return summary(provider);
  }

  async updateProvider(id: string, input: ProviderInput): Promise<void> {
    const { clientSecret, ...fields } = this.checked(input, true);
    const changed = await this.store.sso.updateProvider(id, {
      ...fields,
      ...(clientSecret !== '' ? { clientSecret } : {}),
      updatedAt: this.now().toISOString(),
    });
    if (!changed) throw new AppError('unknown_provider', 'That sign-in provider does not exist.');
    this.configs.delete(id);
  }

  async removeProvider(id: string): Promise<void> {
    if (!(await this.store.sso.removeProvider(id))) {
      throw new AppError('unknown_provider', 'That sign-in provider does not exist.');
    }
    this.configs.delete(id);
  }

  private async configFor(provider: SsoProvider): Promise<Oidc.Configuration> {
    const version = `${provider.updatedAt}`;
    const cached = this.configs.get(provider.id);
    if (cached?.version === version) return cached.config;
    const issuer = parseIssuer(provider.issuer);
    const oidc = await openidClient();
    let config: Oidc.Configuration;
    try {
      config = await oidc.discovery(
        issuer,
        provider.clientId,
        provider.clientSecret,
        oidc.ClientSecretPost(provider.clientSecret),
        {
          timeout: 10,
          ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
        },
      );
    } catch (error) {
      throw new AppError(
        'sso_unavailable',
        'The sign-in provider could not be reached. Try again in a moment.',
        {
          detail: error,
        },
      );
    }
    this.configs.set(provider.id, { version, config });
    return config;
  }

  /** Starts a sign-in: the provider's authorization address to send the browser to. */
  async start(providerId: string, next: string, browserSecret: string): Promise<URL> {
    const provider = await this.store.sso.provider(providerId);
    if (!provider) throw new AppError('unknown_provider', 'That sign-in provider does not exist.');
    const config = await this.configFor(provider);
    const oidc = await openidClient();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const now = this.now();
    await this.store.sso.pruneAttempts(new Date(now.getTime() - attemptLifetimeMs).toISOString());
    await this.store.sso.createAttempt({
      stateHash: hashSecret(state),
      providerId,
      browserHash: hashSecret(browserSecret),
      nonce,
      codeVerifier,
      next,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + attemptLifetimeMs).toISOString(),
    });
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.callbackUrl,
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Finishes a sign-in from the provider's redirect (`query` is the callback's query string).
   * Refused: an unknown, used, expired or other browser's state; a provider's error; a token that
   * fails openid-client's checks (nonce included); a domain not allowed; an unverified address.
   */
  async finish(query: string, browserSecret: string | undefined, previousSessionId?: string) {
    const failed = (detail?: unknown) =>
      new AppError(
        'sso_failed',
        'That single sign-on could not be completed. Start again from the sign-in page.',
        { detail },
      );
    const params = new URLSearchParams(query);
    const state = params.get('state');
    if (!state || !browserSecret || state.length > 200) throw failed('no state or browser');
    const attempt = await this.store.sso.consumeAttempt(
      hashSecret(state),
      hashSecret(browserSecret),
      this.now().toISOString(),
    );
    if (!attempt) throw failed('unknown, used, expired or other browser state');
    const provider = await this.store.sso.provider(attempt.providerId);
    if (!provider) throw failed('provider removed');
    const config = await this.configFor(provider);
    const oidc = await openidClient();
    let claims: Oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(
        config,
        new URL(`${this.callbackUrl}?${params.toString()}`),
        {
          pkceCodeVerifier: attempt.codeVerifier,
          expectedState: state,
          expectedNonce: attempt.nonce,
          idTokenExpected: true,
        },
      );
      claims = tokens.claims();
      // Some providers put the address only in UserInfo (for the same subject, checked there).
      if (claims && typeof claims.email !== 'string') {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        claims = { ...claims, email: info.email, email_verified: info.email_verified };
      }
    } catch (error) {
      throw failed(error);
    }
    if (!claims) throw failed('no ID token');
    const user = await this.personFor(provider, claims);
    const signedIn = await this.deps.policy.completeSignIn(
      user,
      'sso',
      provider.name,
      previousSessionId,
    );
    return { ...signedIn, next: attempt.next };
  }

  private async personFor(provider: SsoProvider, claims: Oidc.IDToken): Promise<User> {
    const now = this.now().toISOString();
    const email = normaliseEmail(typeof claims.email === 'string' ? claims.email : '');
    const verified = claims.email_verified === true;
    const allowed = isEmail(email) && provider.allowedDomains.includes(domainOf(email));
    const linked = await this.store.sso.linkBySubject(provider.id, claims.sub);
    if (linked) {
      const user = await this.store.users.byId(linked.userId);
      if (!user)
        throw new AppError(
          'sso_failed',
          'That single sign-on could not be completed. Start again from the sign-in page.',
        );
      if (!allowed)
        throw new AppError(
          'sso_domain_refused',
          'This provider does not sign in addresses at that domain here.',
        );
      await this.store.sso.touchLink(linked.id, now, email);
      return user;
    }
    if (!allowed)
      throw new AppError(
        'sso_domain_refused',
        'This provider does not sign in addresses at that domain here.',
      );
    if (!verified)
      throw new AppError(
        'sso_email_unverified',
        'The provider has not confirmed your email address, so it cannot be used to sign in here.',
      );
    let user = await this.store.users.byEmail(email);
    if (user && !user.emailVerifiedAt) {
      throw new AppError(
        'sso_account_unconfirmed',
        'An account with this address exists but its address was never confirmed. Sign in with its password and confirm the address first.',
      );
    }
    if (user && isBanned(user))
      throw new AppError('account_banned', 'This account has been banned.');
    if (!user) {
      const name = this.nameFrom(claims, email);
      user = await this.store.users.create({
        email,
        name,
        slug: await freeSlug(slugify(name) || 'reader', (slug) => this.store.users.slugTaken(slug)),
        role: provider.role,
        passwordHash: null,
        createdAt: now,
        emailVerifiedAt: now,
      });
    }
    const linkedNow = await this.store.sso.link({
      id: newId(),
      providerId: provider.id,
      subject: claims.sub,
      userId: user.id,
      email,
      createdAt: now,
      lastUsedAt: now,
    });
    // Two sign-ins racing: the other one linked it; it must be to this same person.
    if (!linkedNow) {
      const other = await this.store.sso.linkBySubject(provider.id, claims.sub);
      if (other?.userId !== user.id)
        throw new AppError(
          'sso_failed',
          'That single sign-on could not be completed. Start again from the sign-in page.',
        );
    }
    return user;
  }

  private nameFrom(claims: Oidc.IDToken, email: string): string {
    const raw = typeof claims.name === 'string' ? claims.name : '';
    const name = raw.trim().replace(/\s+/g, ' ').slice(0, 60);
    return name || email.slice(0, email.indexOf('@')).slice(0, 60) || 'Reader';
  }

  /** The provider accounts linked to this person, for /account. */
  linksOf(user: User): Promise<SsoLinkWithProvider[]> {
    return this.store.sso.linksOf(user.id);
  }

  /** Unlinks one provider account; refused when it is the person's last way in. */
  async unlink(user: User, linkId: string): Promise<void> {
    const links = await this.store.sso.linksOf(user.id);
    if (!links.some((l) => l.id === linkId)) {
      throw new AppError('not_found', 'That linked account was not found.');
    }
    const methods = await this.deps.policy.methodsOf(user);
    const policy = await this.deps.policy.policyFor(user.role);
    if (!mayRemoveSignInMethod(methods, policy, 'sso')) {
      throw new AppError(
        'last_sign_in_method',
        'This is your last way to sign in, so it cannot be removed. Add another way first.',
      );
    }
    await this.store.sso.unlink(user.id, linkId);
  }
}
