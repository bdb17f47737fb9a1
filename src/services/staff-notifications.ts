/**
 * Newsroom emails (issue 21): authors hear when their article is sent back, scheduled or
 * published; editors and admins when something is submitted for review. Each kind can be turned
 * off on /account ("Newsroom emails"); the person who made the move is never emailed about it.
 * Mail goes through the MailService (so the outbox shows it), in the site's language and zone:
 * people have no language of their own stored.
 */
import { articlePath, type Article } from '../domain/article.js';
import { isBanned, type User } from '../domain/user.js';
import { editorRoles, newsroomRoles } from '../domain/workflow.js';
import type { Translator } from '../i18n/translator.js';
import type { Store } from '../store/types.js';
import type { MailService } from './mail.js';
import type { ArticleMove, NewsroomListener } from './newsroom-events.js';

/** The kinds of newsroom email, each one a setting on /account. */
export const staffMailKinds = ['submitted', 'returned', 'scheduled', 'published'] as const;
export type StaffMailKind = (typeof staffMailKinds)[number];
export const isStaffMailKind = (value: string): value is StaffMailKind =>
  (staffMailKinds as readonly string[]).includes(value);

/** Who is offered which kinds: editors hear of submissions, everyone in the newsroom of the rest. */
export function staffMailKindsFor(user: Pick<User, 'role'>): StaffMailKind[] {
  if (!newsroomRoles.includes(user.role)) return [];
  return staffMailKinds.filter((k) => k !== 'submitted' || editorRoles.includes(user.role));
}

export interface StaffNotificationDeps {
  store: Pick<Store, 'users' | 'staffMail'>;
  mail: Pick<MailService, 'send'>;
  baseUrl: string;
  siteName: () => string;
  i18n: () => Translator;
  now?: () => Date;
}

export class StaffNotifications implements NewsroomListener {
  constructor(private readonly deps: StaffNotificationDeps) {}

  /** The kinds this person still gets (of those offered to their role). */
  async settings(user: User): Promise<Record<StaffMailKind, boolean>> {
    const off = new Set(await this.deps.store.staffMail.optedOut(user.id));
    const offered = staffMailKindsFor(user);
    return Object.fromEntries(
      staffMailKinds.map((k) => [k, offered.includes(k) && !off.has(k)]),
    ) as Record<StaffMailKind, boolean>;
  }

  /** Saves the /account form: the kinds ticked stay on, the others offered are turned off. */
  async save(user: User, on: readonly string[]): Promise<void> {
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    for (const kind of staffMailKindsFor(user)) {
      if (on.includes(kind)) await this.deps.store.staffMail.optIn(user.id, kind);
      else await this.deps.store.staffMail.optOut(user.id, kind, at);
    }
  }

  async moved(move: ArticleMove): Promise<void> {
    const { transition, after } = move;
    if (transition === 'submit') {
      await this.mailEach(await this.editors(), 'submitted', move);
    } else if (transition === 'return') {
      await this.mailEach(await this.authorsOf(after), 'returned', move);
    } else if (transition === 'schedule') {
      await this.mailEach(await this.authorsOf(after), 'scheduled', move);
    } else if (transition === 'publish') {
      await this.mailEach(await this.authorsOf(after), 'published', move);
    }
  }

  private async editors(): Promise<User[]> {
    const found: User[] = [];
    for (const role of editorRoles) {
      found.push(...(await this.deps.store.users.search({ role, limit: 1000, offset: 0 })));
    }
    return found;
  }

  /** The article's bylines and whoever created it: the people whose article it is. */
  private async authorsOf(article: Article): Promise<User[]> {
    const ids = new Set([...article.authors.map((a) => a.id), article.createdBy ?? '']);
    ids.delete('');
    const people: User[] = [];
    for (const id of ids) {
      const user = await this.deps.store.users.byId(id);
      if (user && newsroomRoles.includes(user.role)) people.push(user);
    }
    return people;
  }

  private async mailEach(people: User[], kind: StaffMailKind, move: ArticleMove) {
    const seen = new Set<string>();
    for (const person of people) {
      if (seen.has(person.id) || person.id === move.actor?.id) continue;
      seen.add(person.id);
      if (isBanned(person)) continue;
      if (!staffMailKindsFor(person).includes(kind)) continue;
      const off = await this.deps.store.staffMail.optedOut(person.id);
      if (off.includes(kind)) continue;
      await this.deps.mail.send({ to: person.email, ...this.message(kind, person, move) });
    }
  }

  private message(kind: StaffMailKind, person: User, move: ArticleMove) {
    const { t, dateTime } = this.deps.i18n();
    const { after } = move;
    const values = {
      site: this.deps.siteName(),
      headline: after.headline,
      actor: move.actor?.name ?? '',
    };
    const editor = `${this.deps.baseUrl}/admin/articles/${after.id}`;
    const lines = [t('staff-mail.greeting', { name: person.name }), ''];
    switch (kind) {
      case 'submitted':
        lines.push(t('staff-mail.submitted.body', values), editor);
        break;
      case 'returned': {
        lines.push(t('staff-mail.returned.body', values));
        const note = after.returned?.note ?? '';
        if (note) lines.push('', t('staff-mail.returned.note'), note);
        lines.push('', editor);
        break;
      }
      case 'scheduled':
        lines.push(
          t('staff-mail.scheduled.body', {
            ...values,
            when: after.publishAt ? dateTime(after.publishAt) : '',
          }),
          editor,
        );
        break;
      case 'published':
        lines.push(
          t(move.actor ? 'staff-mail.published.body' : 'staff-mail.published.scheduled', values),
          `${this.deps.baseUrl}${articlePath(after)}`,
        );
        break;
    }
    lines.push('', t('staff-mail.stop', values), `${this.deps.baseUrl}/account#newsroom-emails`);
    return { subject: t(`staff-mail.${kind}.subject`, values), text: lines.join('\n') };
  }
}
