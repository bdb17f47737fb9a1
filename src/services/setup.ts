/**
 * The first-run wizard's own state: whether an admin has finished it, and the check of the
 * site's public address (BASE_URL) that it shows. The steps themselves call the services that
 * own what they change (accounts, site, sections, demo).
 */
import { AppError } from '../errors.js';
import type { User } from '../domain/user.js';
import type { Store } from '../store/types.js';

const completedKey = 'site.setup_completed_at';

/** What the wizard says about the public address. */
export interface AddressCheck {
  /** BASE_URL, as links in emails, feeds and search results use it. */
  publicUrl: string;
  /** The origin the admin's browser used to reach the wizard. */
  openedAt: string;
  /** True when the two are the same origin. */
  sameOrigin: boolean;
  /** Whether this server reached BASE_URL/healthz, and if not, why. */
  reachable: { ok: true } | { ok: false; reason: string };
}

export interface SetupDeps {
  store: Pick<Store, 'settings'>;
  baseUrl: string;
  now?: () => Date;
  /** How long the address check waits for an answer. */
  checkTimeoutMs?: number;
}

export class SetupService {
  private readonly now: () => Date;

  constructor(private readonly deps: SetupDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** True once an admin has finished the wizard (or skipped it). */
  async completed(): Promise<boolean> {
    return (await this.deps.store.settings.get(completedKey)) !== null;
  }

  async complete(actor: User): Promise<void> {
    if (actor.role !== 'admin') {
      throw new AppError('admin_only', 'Only an admin can finish setting up the site.');
    }
    await this.deps.store.settings.set(completedKey, this.now().toISOString());
  }

  /**
   * Compares BASE_URL with the address the browser used, and asks BASE_URL/healthz whether it
   * answers from here. A server behind NAT may not reach its own public address: the result is
   * advice, never a refusal.
   */
  async checkAddress(openedAt: string): Promise<AddressCheck> {
    const publicUrl = this.deps.baseUrl;
    const publicOrigin = new URL(publicUrl).origin;
    let reachable: AddressCheck['reachable'];
    try {
      const res = await fetch(new URL('/healthz', publicUrl), {
        signal: AbortSignal.timeout(this.deps.checkTimeoutMs ?? 3000),
        redirect: 'manual',
      });
      const body = res.ok ? ((await res.json()) as { status?: unknown }) : null;
      reachable =
        body?.status === 'ok'
          ? { ok: true }
          : { ok: false, reason: `it answered with status ${res.status}` };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const name = (error as Error).name;
      reachable = {
        ok: false,
        reason:
          name === 'TimeoutError'
            ? 'it did not answer within 3 seconds'
            : cause
              ? `the connection failed (${cause})`
              : 'the connection failed',
      };
    }
    return { publicUrl, openedAt, sameOrigin: openedAt === publicOrigin, reachable };
  }
}
