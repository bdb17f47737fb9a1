/**
 * Passkeys (WebAuthn, issue 23): adding them from /account, signing in with one (also from the
 * browser's autofill), signing up with one and no password, renaming and removing them.
 *
 * The ceremonies' cryptography is @simplewebauthn/server's (decisions/0070). What is ours: every
 * challenge is stored server-side, single use (taken out as it is read) and five minutes long;
 * the relying party is the site's public address (BASE_URL), never the request's Host; a failed
 * sign-in says the same whatever failed, so it tells nobody which accounts or passkeys exist; the
 * last way into an account is never removed (domain/sign-in-methods.ts).
 */
import { randomBytes } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type * as WebAuthnServer from '@simplewebauthn/server';
import type * as WebAuthnHelpers from '@simplewebauthn/server/helpers';
import { mayRemoveSignInMethod, type PersonSignInMethods } from '../domain/sign-in-methods.js';
import { isBanned, type User } from '../domain/user.js';
import { AppError } from '../errors.js';
import type { ChallengePurpose, PasskeyRecord } from '../store/ports/passkeys.js';
import type { Store } from '../store/types.js';
import type { AccountService } from './accounts.js';
import type { SessionService } from './sessions.js';
import type { SignInAudit } from './sign-in-audit.js';
import type { SignInPolicyOf } from './sign-in-policy.js';

export const passkeyNameMax = 60;
const challengeLifetimeMs = 5 * 60_000;

type WebAuthn = typeof WebAuthnServer & Pick<typeof WebAuthnHelpers, 'isoBase64URL'>;
let library: Promise<WebAuthn> | undefined;

/**
 * The library, loaded at the first passkey ceremony rather than at start: with its ASN.1 and
 * COSE parsers it is 4 MB of heap that a process serving readers never uses (decisions/0088).
 */
function webauthn(): Promise<WebAuthn> {
  library ??= Promise.all([
    import('@simplewebauthn/server'),
    import('@simplewebauthn/server/helpers'),
  ]).then(([server, helpers]) => ({ ...server, isoBase64URL: helpers.isoBase64URL }));
  return library;
}

export interface RelyingParty {
  /** The host name passkeys are bound to: BASE_URL's. */
  id: string;
  /** The origin the browser must report: BASE_URL's. */
  origin: string;
  /** The site's name, shown by the browser when a passkey is made. */
  name: () => string;
}

export interface PasskeyDeps {
  store: Pick<Store, 'passkeys' | 'passkeyChallenges' | 'users'>;
  relyingParty: RelyingParty;
  sessions: Pick<SessionService, 'start'>;
  accounts: Pick<AccountService, 'admitPasswordlessSignUp' | 'signUpWithoutPassword'>;
  audit: Pick<SignInAudit, 'recordSignIn'>;
  policy: SignInPolicyOf;
  /** How many single sign-on accounts the person has linked (none until that lands). */
  ssoLinks?: (userId: string) => Promise<number>;
  now?: () => Date;
}

/** What a successful passkey sign-in or sign-up hands the route: the new session. */
export interface PasskeySignIn {
  user: User;
  sessionId: string;
  session: { expiresAt: string };
}

const signInFailed = () =>
  new AppError(
    'passkey_failed',
    'That passkey could not sign you in. Try again, or sign in another way.',
  );
const notSaved = () =>
  new AppError('passkey_not_saved', 'The passkey could not be saved. Try again.');

/** The challenge a response answers, read from its client data (verified again by the library). */
function challengeOf(
  response: { response?: { clientDataJSON?: unknown } },
  isoBase64URL: WebAuthn['isoBase64URL'],
): string | null {
  const raw = response.response?.clientDataJSON;
  if (typeof raw !== 'string' || raw.length > 10_000 || !isoBase64URL.isBase64URL(raw)) return null;
  try {
    const parsed = JSON.parse(isoBase64URL.toUTF8String(raw)) as { challenge?: unknown };
    return typeof parsed.challenge === 'string' && parsed.challenge.length <= 200
      ? parsed.challenge
      : null;
  } catch {
    return null;
  }
}

export class PasskeyService {
  constructor(private readonly deps: PasskeyDeps) {}

  private get store() {
    return this.deps.store;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  checkName(raw: string): string {
    const name = String(raw).trim().replace(/\s+/g, ' ');
    if (name.length < 1 || name.length > passkeyNameMax) {
      throw new AppError('invalid_passkey_name', 'Give the passkey a name of 1 to 60 characters.', {
        field: 'name',
        values: { max: passkeyNameMax },
      });
    }
    return name;
  }

  private async issue(
    purpose: ChallengePurpose,
    challenge: string,
    userId: string | null,
    data = '',
  ): Promise<void> {
    const now = this.now();
    await this.store.passkeyChallenges.prune(now.toISOString());
    await this.store.passkeyChallenges.issue({
      challenge,
      purpose,
      userId,
      data,
      expiresAt: new Date(now.getTime() + challengeLifetimeMs).toISOString(),
    });
  }

  private async take(
    purpose: ChallengePurpose,
    response: { response?: { clientDataJSON?: unknown } },
  ) {
    const challenge = challengeOf(response, (await webauthn()).isoBase64URL);
    if (!challenge) return null;
    return this.store.passkeyChallenges.take(challenge, purpose, this.now().toISOString());
  }

  private async creationOptions(
    userId: Uint8Array,
    user: { email: string; name: string },
    exclude: PasskeyRecord[],
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const { relyingParty } = this.deps;
    const { generateRegistrationOptions } = await webauthn();
    return generateRegistrationOptions({
      rpName: relyingParty.name(),
      rpID: relyingParty.id,
      userID: userId as Uint8Array<ArrayBuffer>,
      userName: user.email,
      userDisplayName: user.name,
      attestationType: 'none',
      timeout: challengeLifetimeMs,
      excludeCredentials: exclude.map((p) => ({
        id: p.id,
        transports: p.transports as AuthenticatorTransportFuture[],
      })),
      // Discoverable, so the browser can offer it without an email typed first.
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
  }

  private async verifyCreation(response: RegistrationResponseJSON, expectedChallenge: string) {
    const { relyingParty } = this.deps;
    const { verifyRegistrationResponse, isoBase64URL } = await webauthn();
    let verified;
    try {
      verified = await verifyRegistrationResponse({
        response,
        expectedChallenge,
        expectedOrigin: relyingParty.origin,
        expectedRPID: relyingParty.id,
        requireUserVerification: true,
      });
    } catch {
      throw notSaved();
    }
    if (!verified.verified || !verified.registrationInfo) throw notSaved();
    const info = verified.registrationInfo;
    return {
      id: info.credential.id,
      publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
      counter: info.credential.counter,
      transports: (info.credential.transports ?? response.response.transports ?? []).filter(
        (t): t is AuthenticatorTransportFuture => typeof t === 'string' && /^[a-z-]{1,20}$/.test(t),
      ),
      backedUp: info.credentialBackedUp,
    };
  }

  /** The options for adding a passkey to this person's account. */
  async registrationOptions(user: User): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.store.passkeys.forUser(user.id);
    const options = await this.creationOptions(new TextEncoder().encode(user.id), user, existing);
    await this.issue('register', options.challenge, user.id);
    return options;
  }

  /** Saves the passkey the browser made from `registrationOptions`. */
  async register(user: User, rawName: string, response: RegistrationResponseJSON) {
    const name = this.checkName(rawName);
    const challenge = await this.take('register', response);
    if (!challenge || challenge.userId !== user.id) throw notSaved();
    const credential = await this.verifyCreation(response, challenge.challenge);
    const at = this.now().toISOString();
    const passkey: PasskeyRecord = {
      ...credential,
      userId: user.id,
      name,
      createdAt: at,
      lastUsedAt: null,
    };
    if (!(await this.store.passkeys.add(passkey))) throw notSaved();
    return passkey;
  }

  /** The options for a sign-in with any passkey of this site (the browser lists them). */
  async signInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const { generateAuthenticationOptions } = await webauthn();
    const options = await generateAuthenticationOptions({
      rpID: this.deps.relyingParty.id,
      userVerification: 'required',
      timeout: challengeLifetimeMs,
    });
    await this.issue('sign-in', options.challenge, null);
    return options;
  }

  /**
   * Signs in with a passkey: a brand-new session. Unknown passkey, used or expired challenge, bad
   * signature, banned account: the same refusal, so the answer tells nothing about accounts.
   */
  async signIn(response: AuthenticationResponseJSON): Promise<PasskeySignIn> {
    const challenge = await this.take('sign-in', response);
    if (!challenge || typeof response.id !== 'string') throw signInFailed();
    const passkey = await this.store.passkeys.byId(response.id);
    const user = passkey ? await this.store.users.byId(passkey.userId) : null;
    if (!passkey || !user) throw signInFailed();
    let newCounter: number;
    const { verifyAuthenticationResponse, isoBase64URL } = await webauthn();
    try {
      const result = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: this.deps.relyingParty.origin,
        expectedRPID: this.deps.relyingParty.id,
        requireUserVerification: true,
        credential: {
          id: passkey.id,
          publicKey: isoBase64URL.toBuffer(passkey.publicKey),
          counter: passkey.counter,
          transports: passkey.transports as AuthenticatorTransportFuture[],
        },
      });
      if (!result.verified) throw signInFailed();
      newCounter = result.authenticationInfo.newCounter;
    } catch {
      throw signInFailed();
    }
    if (isBanned(user)) throw new AppError('account_banned', 'This account has been banned.');
    const at = this.now();
    await this.store.passkeys.used(passkey.id, newCounter, at.toISOString());
    const { id, session } = await this.deps.sessions.start(user.id, at);
    await this.deps.audit.recordSignIn(user.id, 'passkey', passkey.name);
    return { user, sessionId: id, session };
  }

  /**
   * The first step of a sign-up with a passkey: the name and address are checked as a password
   * sign-up checks them, and kept with the challenge until the passkey comes back.
   */
  async signUpOptions(
    input: { email: string; name: string },
    clientAddress?: string | null,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const person = await this.deps.accounts.admitPasswordlessSignUp(input, clientAddress);
    const options = await this.creationOptions(new Uint8Array(randomBytes(32)), person, []);
    await this.issue('sign-up', options.challenge, null, JSON.stringify(person));
    return options;
  }

  /** Creates the account with its passkey (and no password), and signs the person in. */
  async signUp(response: RegistrationResponseJSON, rawName: string): Promise<PasskeySignIn> {
    const name = this.checkName(rawName);
    const challenge = await this.take('sign-up', response);
    if (!challenge) throw notSaved();
    const person = JSON.parse(challenge.data) as { email: string; name: string };
    const credential = await this.verifyCreation(response, challenge.challenge);
    if (await this.store.passkeys.byId(credential.id)) throw notSaved();
    const user = await this.deps.accounts.signUpWithoutPassword(person);
    const at = this.now();
    await this.store.passkeys.add({
      ...credential,
      userId: user.id,
      name,
      createdAt: at.toISOString(),
      lastUsedAt: at.toISOString(),
    });
    const { id, session } = await this.deps.sessions.start(user.id, at);
    await this.deps.audit.recordSignIn(user.id, 'passkey', name);
    return { user, sessionId: id, session };
  }

  list(user: User): Promise<PasskeyRecord[]> {
    return this.store.passkeys.forUser(user.id);
  }

  async rename(user: User, id: string, rawName: string): Promise<void> {
    const name = this.checkName(rawName);
    if (!(await this.store.passkeys.rename(user.id, id, name))) throw notFound();
  }

  /** What this person has set up to sign in with. */
  async methodsOf(user: User): Promise<PersonSignInMethods> {
    const [hash, passkeys, ssoLinks] = await Promise.all([
      this.store.users.passwordHash(user.id),
      this.store.passkeys.countForUser(user.id),
      this.deps.ssoLinks?.(user.id) ?? Promise.resolve(0),
    ]);
    return {
      hasPassword: hash !== null,
      emailVerified: user.emailVerifiedAt !== null,
      passkeys,
      ssoLinks,
    };
  }

  /** Whether the passkey may go: only while another way in remains. */
  async mayRemove(user: User): Promise<boolean> {
    return mayRemoveSignInMethod(
      await this.methodsOf(user),
      await this.deps.policy(user),
      'passkey',
    );
  }

  async remove(user: User, id: string): Promise<PasskeyRecord> {
    const passkey = await this.store.passkeys.byId(id);
    if (!passkey || passkey.userId !== user.id) throw notFound();
    if (!(await this.mayRemove(user))) {
      throw new AppError(
        'last_sign_in_method',
        'This is your last way to sign in, so it cannot be removed. Add another way first.',
      );
    }
    if (!(await this.store.passkeys.remove(user.id, id))) throw notFound();
    return passkey;
  }
}

const notFound = () => new AppError('passkey_not_found', 'That passkey is not one of yours.');
