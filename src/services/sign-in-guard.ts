/**
 * Brute-force protection for sign-in that cannot be turned against the account's owner
 * (decisions/0051-sign-in-without-lockout.md).
 *
 * Failed sign-ins are counted in the database (so the limits hold across processes and servers),
 * in two ways, each decided and recorded in one serialised step so a burst cannot walk past it:
 *
 *   per account and address   10 failures in 15 minutes, then that address waits; nobody else does
 *   per account, from places  100 failures in 15 minutes from addresses the account never signed
 *   it was never used from    in from, then only its known addresses are let try
 *
 * An address is known to an account once someone signed in to it from there (30 days). The owner
 * is told by email, at most once an hour, once 10 failures from unknown places have been counted;
 * the mail and every refusal point to the password reset link, which no sign-in limit stops.
 * A correct password takes its attempt back, and starts its address's count again.
 */
import { normaliseEmail } from '../domain/user.js';
import { AppError } from '../errors.js';
import type { Translator } from '../i18n/translator.js';
import type { LimitStore } from '../store/ports/limits.js';
import type { UserStore } from '../store/ports/accounts.js';
import type { MailService } from './mail.js';

export interface SignInLimits {
  /** Failed sign-ins to one account from one address. */
  perAccountAddress: { max: number; windowMs: number };
  /** Failed sign-ins to one account from addresses it was never signed in to from. */
  perAccountUnknown: { max: number; windowMs: number };
  /** Failures from unknown addresses (in `perAccountUnknown`'s window) that make us tell the owner. */
  alertAfter: number;
}

export const defaultSignInLimits: SignInLimits = {
  perAccountAddress: { max: 10, windowMs: 15 * 60_000 },
  perAccountUnknown: { max: 100, windowMs: 15 * 60_000 },
  alertAfter: 10,
};

/** How long an address stays known to an account after a sign-in from it. */
const knownForMs = 30 * 24 * 60 * 60_000;
const alertEveryMs = 60 * 60_000;

export interface SignInGuardDeps {
  store: { limits: LimitStore; users: Pick<UserStore, 'byEmail'> };
  mail: Pick<MailService, 'send'>;
  baseUrl: string;
  siteName: () => string;
  i18n: () => Translator;
  limits: SignInLimits;
  now?: () => Date;
}

/** One attempt, admitted: what to take back if the password was right. */
export interface SignInTicket {
  account: string;
  address: string;
  at: string;
  unknownPlace: boolean;
}

export class SignInGuard {
  constructor(private readonly deps: SignInGuardDeps) {}

  /** Before the password is checked: counts the attempt, or refuses it with 429. */
  async admit(rawEmail: string, address: string): Promise<SignInTicket> {
    const { limits, store } = this.deps;
    const account = normaliseEmail(String(rawEmail));
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    const pair = `${account}\0${address}`;
    const here = await store.limits.admit({
      name: 'sign-in-pair',
      key: pair,
      at,
      ...limits.perAccountAddress,
    });
    if (!here.admitted) {
      throw refusal(
        'sign_in_paused_here',
        `Too many failed sign-ins to this account from your network address. Try again in ${here.retryAfterSeconds} seconds, or choose a new password with a link we email you ("Forgotten your password?").`,
        here.retryAfterSeconds,
      );
    }
    const known =
      (await store.limits.count({ name: 'sign-in-known', key: pair, windowMs: knownForMs, at })) >
      0;
    if (known) return { account, address, at, unknownPlace: false };
    const anywhere = await store.limits.admit({
      name: 'sign-in-unknown',
      key: account,
      at,
      ...limits.perAccountUnknown,
    });
    if (!anywhere.admitted) {
      await store.limits.forget({ name: 'sign-in-pair', key: pair, at });
      throw refusal(
        'sign_in_paused_elsewhere',
        'This account is getting many failed sign-ins, so for now it can be signed in to only from places it was used before. To get in from here, choose a new password with a link we email you ("Forgotten your password?").',
        anywhere.retryAfterSeconds,
      );
    }
    return { account, address, at, unknownPlace: true };
  }

  /**
   * The password was right: the address's failures on the account start again from nothing, the
   * attempt is taken back, and the address becomes known to the account.
   */
  async succeeded(ticket: SignInTicket): Promise<void> {
    const { limits } = this.deps.store;
    const pair = `${ticket.account}\0${ticket.address}`;
    await limits.forget({ name: 'sign-in-pair', key: pair });
    if (ticket.unknownPlace) {
      await limits.forget({ name: 'sign-in-unknown', key: ticket.account, at: ticket.at });
    }
    await limits.record({ name: 'sign-in-known', key: pair, at: ticket.at, keepMs: knownForMs });
  }

  /** The password was wrong: the attempt stays counted; past the threshold the owner is told. */
  async failed(ticket: SignInTicket): Promise<void> {
    if (!ticket.unknownPlace) return;
    const { limits, store } = this.deps;
    const failures = await store.limits.count({
      name: 'sign-in-unknown',
      key: ticket.account,
      windowMs: limits.perAccountUnknown.windowMs,
      at: ticket.at,
    });
    if (failures < limits.alertAfter) return;
    const user = await store.users.byEmail(ticket.account);
    if (!user) return;
    const once = await store.limits.admit({
      name: 'sign-in-alert',
      key: ticket.account,
      max: 1,
      windowMs: alertEveryMs,
      at: ticket.at,
    });
    if (!once.admitted) return;
    const { t } = this.deps.i18n();
    const site = this.deps.siteName();
    const minutes = Math.round(limits.perAccountUnknown.windowMs / 60_000);
    await this.deps.mail.send({
      to: user.email,
      subject: t('security.alert.subject', { site }),
      text: [
        t('security.alert.greeting', { name: user.name }),
        '',
        t('security.alert.what', { count: failures, minutes, site }),
        '',
        t('security.alert.safe'),
        '',
        t('security.alert.reset'),
        `${this.deps.baseUrl}/account/forgot`,
        '',
        t('security.alert.you'),
      ].join('\n'),
    });
  }
}

function refusal(
  condition: 'sign_in_paused_here' | 'sign_in_paused_elsewhere',
  message: string,
  seconds: number,
) {
  const error = new AppError(condition, message);
  error.retryAfterSeconds = seconds;
  return error;
}
