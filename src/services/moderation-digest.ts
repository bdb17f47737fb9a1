/**
 * The moderators' email digest (issue 18 §12): when held and reported comments together reach
 * the site's threshold (`moderation.digestThreshold`), every moderator and admin who asked for it
 * on /account gets one email with the counts and links to the queue's tabs — at most once every
 * `moderation.digestMinutes` (60 or more). Every process runs the check each minute; claiming a
 * send is one conditional update in the database, so each digest goes out once.
 */
import { settingDefinitions } from '../domain/moderation/policy.js';
import type { Translator } from '../i18n/translator.js';
import type { Store } from '../store/types.js';
import type { MailService } from './mail.js';

/** Who may moderate, and so may ask for the digest. */
export const digestRoles = ['moderator', 'admin'] as const;

export interface ModerationDigestDeps {
  store: Pick<Store, 'digests' | 'moderation' | 'settings'>;
  mail: Pick<MailService, 'send'>;
  baseUrl: string;
  siteName: () => string;
  i18n: () => Translator;
  now?: () => Date;
}

const setting = (key: string): number => {
  const def = settingDefinitions.find((d) => d.key === key);
  return def && def.kind === 'int' ? def.default : 0;
};

export class ModerationDigest {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly deps: ModerationDigestDeps) {}

  subscribe(userId: string): Promise<void> {
    return this.deps.store.digests.subscribe(userId, this.now().toISOString());
  }

  unsubscribe(userId: string): Promise<void> {
    return this.deps.store.digests.unsubscribe(userId);
  }

  isSubscribed(userId: string): Promise<boolean> {
    return this.deps.store.digests.isSubscribed(userId);
  }

  /** One check: sends the digest to whoever is due, if enough waits; returns their emails. */
  async run(): Promise<string[]> {
    const { store } = this.deps;
    const stored = await store.settings.getMany([
      'moderation.digestThreshold',
      'moderation.digestMinutes',
    ]);
    const number = (key: string) => {
      const n = Number(stored[key]);
      return Number.isInteger(n) && n > 0 ? n : setting(key);
    };
    const threshold = number('moderation.digestThreshold');
    const minutes = Math.max(60, number('moderation.digestMinutes'));
    const counts = await store.moderation.queueCounts();
    const waiting = counts.pending + counts.reported;
    if (waiting < threshold) return [];
    const now = this.now();
    const due = await store.digests.claimDue({
      roles: digestRoles,
      sentBefore: new Date(now.getTime() - minutes * 60_000).toISOString(),
      at: now.toISOString(),
    });
    if (due.length === 0) return [];
    const { t } = this.deps.i18n();
    const site = this.deps.siteName();
    const queue = `${this.deps.baseUrl}/admin/moderation`;
    for (const person of due) {
      await this.deps.mail.send({
        to: person.email,
        subject: t('moderation-digest.subject', { count: waiting, site }),
        text: [
          t('moderation-digest.greeting', { name: person.name }),
          '',
          t('moderation-digest.held', { count: counts.pending }),
          `${queue}?status=pending`,
          '',
          t('moderation-digest.reported', { count: counts.reported }),
          `${queue}?status=reported`,
          '',
          t('moderation-digest.why', { threshold, minutes }),
          t('moderation-digest.stop'),
          `${this.deps.baseUrl}/account`,
        ].join('\n'),
      });
    }
    return due.map((p) => p.email);
  }

  /** Checks every `intervalMs` until stopped (the server starts it; tests call `run`). */
  start(intervalMs = 60_000, onError: (error: unknown) => void = () => {}): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.run()
        .catch(onError)
        .finally(() => (this.running = null));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
