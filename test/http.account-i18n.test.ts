/**
 * The account pages, the setup wizard and the emails in another language (issue 17): every page
 * drawn in the pseudo-language en-XA (cookie `bs-lang`) shows only catalogue text besides the
 * people's and the site's own words; with the site set to Deutsch, the wizard's next steps and
 * the emails (sign-up confirmation, password reset, invitation, reply) are German, links unchanged.
 * (The site is set to Deutsch at the wizard's site step; pages with the cookie stay en-XA.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedLanguages } from '../src/i18n/languages.js';
import { translator } from '../src/i18n/translator.js';
import { timeZoneNames } from '../src/domain/site.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { signedInPerson, storedComment, storedPerson } from './helpers/fixtures.js';
import { pseudoCookie, untranslated } from './helpers/pseudo.js';

const origin = 'http://broadsheet.test';
const password = 'a long and unusual passphrase';
const siteName = 'The Lowmoor Gazette';
/** The site's name until the wizard's site step names it. */
const defaultName = 'Broadsheet';

/**
 * The part of a page the account views draw: its title and its main element. The masthead and
 * footer are the layout's (src/views/layout.ts), checked with the reader's pages.
 */
function ownText(page: string): string {
  const title = /<title>[\s\S]*?<\/title>/.exec(page)?.[0] ?? '';
  const main = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
  assert.ok(title && main, 'the page has a title and a main element');
  return `${title}\n${main}`;
}

/**
 * The time zone and language fields of the wizard's site step are /admin/site's
 * (src/views/pages/admin/site.ts, another area's file); zone names and each language's own name
 * are not interface text in any language.
 */
const siteFieldWords = [
  ...timeZoneNames().map((z) => z.replaceAll('_', ' ')),
  ...shippedLanguages.map((l) => l.name),
  'Time zone',
  'The zone the newsroom works in: dates, times and scheduling on the site follow it.',
  'Language',
  'The language of the site’s pages.',
];

for (const database of databases()) {
  describe(`account pages and emails in other languages on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    /** The admin the setup link makes; their session cookie. */
    let admin = '';
    let csrf = '';

    const get = (path: string, cookies: string[] = []) =>
      fetch(app.url + path, {
        redirect: 'manual',
        headers: { cookie: [pseudoCookie, ...cookies].join('; ') },
      });
    const post = (path: string, fields: Record<string, string>, cookie = '') =>
      fetch(app.url + path, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          origin,
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookie ? { cookie } : {}),
        },
        body: new URLSearchParams(fields).toString(),
      });
    /** A page drawn in en-XA, checked for English of its own; returns the page. */
    async function pseudo(
      path: string,
      options: { cookies?: string[]; allowed?: string[]; status?: number } = {},
    ): Promise<string> {
      const res = await get(path, options.cookies);
      assert.equal(res.status, options.status ?? 200, path);
      const page = await res.text();
      assert.match(page, /<html lang="en-XA"/, path);
      assert.deepEqual(
        untranslated(ownText(page), [siteName, defaultName, ...(options.allowed ?? [])]),
        [],
        `${path} has English of its own`,
      );
      return page;
    }
    async function mailTo(to: string, pattern: RegExp) {
      const found = (await db.store.outbox.list(100)).find(
        (m) => m.to === to && pattern.test(m.text),
      );
      assert.ok(found, `a mail to ${to} matching ${pattern}`);
      return found;
    }

    before(async () => {
      db = await database.open();
      app = await startApp(db);
    });
    after(async () => {
      await app?.close();
      await app?.services.mail.drain();
      await db?.dispose();
    });

    test('every step of the setup wizard is drawn from the catalogue', async () => {
      const link = new URL((await app.services.accounts.createSetupLink()) ?? '');
      const token = link.searchParams.get('token') ?? '';
      await pseudo(`/setup?token=${token}`);
      const made = await post('/setup', {
        token,
        name: 'Noor Admin',
        email: 'noor@example.com',
        password,
      });
      assert.equal(made.status, 303);
      admin = /bs_session=[^;]+/.exec(made.headers.getSetCookie().join('\n'))?.[0] ?? '';
      assert.ok(admin);
      const site = await pseudo('/setup/site', { cookies: [admin], allowed: siteFieldWords });
      for (const l of shippedLanguages) {
        assert.match(site, new RegExp(`<option value="${l.tag}"[^>]*>\\s*${l.name}\\s*</option>`));
      }
      csrf = /name="_csrf" value="([^"]+)"/.exec(site)?.[1] ?? '';
      // Deutsch chosen: the wizard's next steps are German (unless a reader's cookie says else).
      const named = await post(
        '/setup/site',
        { _csrf: csrf, name: siteName, tagline: '', timeZone: 'Europe/Berlin', language: 'de-DE' },
        admin,
      );
      assert.equal(named.status, 303);
      assert.equal(named.headers.get('location'), '/setup/content');
      const german = await (
        await fetch(`${app.url}/setup/content`, { headers: { cookie: admin } })
      ).text();
      assert.match(german, /<html lang="de-DE"/);
      assert.match(german, /<h1>Womit die Website beginnt<\/h1>/);
      assert.match(german, /aria-current="step"[^>]*>\s*Inhalte/);
      assert.match(german, /Die Website<span class="visually-hidden"> \(erledigt\)<\/span>/);
      await pseudo('/setup/content', { cookies: [admin] });
      assert.equal(
        (await post('/setup/content', { _csrf: csrf, start: 'empty' }, admin)).status,
        303,
      );
      const sections = await pseudo('/setup/sections', { cookies: [admin] });
      assert.match(sections, /aria-current="step"/);
    });

    test('sign-in, sign-up and the password reset are drawn from the catalogue', async () => {
      await pseudo('/signin');
      await pseudo('/signin?done=reset');
      await pseudo('/signup');
      await pseudo('/account/forgot');
      await pseudo('/account/forgot?sent=1');
      await pseudo('/account/reset?token=abc');
      // A finished wizard's first page says so, in the page's language.
      await pseudo('/setup?token=abc', { status: 409 });
    });

    test('the account page, for a commenter and for newsroom staff, is drawn from the catalogue', async () => {
      const commenter = await signedInPerson(db.store, app, { emailVerified: false });
      const until = new Date(Date.now() + 86_400_000).toISOString();
      await db.store.users.setSanction(commenter.user.id, {
        suspendedUntil: until,
        bannedAt: null,
        reason: 'test',
      });
      // Dates are the language's, not catalogue text (en-XA writes them as English does).
      const { timeZone } = await app.services.site.identity();
      const page = await pseudo('/account?done=welcome', {
        cookies: [commenter.cookie],
        allowed: [
          commenter.user.name,
          commenter.user.email,
          translator('en-XA', timeZone).dateTime(until),
        ],
      });
      assert.match(page, /action="\/account\/verify\/resend"/, 'the resend form is there');
      assert.match(page, /<dt>⟦Šüšpéñdéd üñtîl⟧<\/dt>/, 'the suspension is shown');
      const editor = await signedInPerson(db.store, app, { role: 'editor' });
      const staffPage = await pseudo('/account?done=photo', {
        cookies: [editor.cookie],
        allowed: [editor.user.name, editor.user.email],
      });
      assert.match(staffPage, /id="profile-bio"/, 'the author page panel is there');
      assert.match(staffPage, /id="delete-heading"/, 'the deletion panel is there');
    });

    test('the reply-email pages and the email links are drawn from the catalogue', async () => {
      const person = await storedPerson(db.store);
      const url = new URL(await app.services.notifications.unsubscribeUrl(person.id));
      await pseudo(url.pathname + url.search);
      await pseudo('/account/unsubscribe/replies?token=nope.nope', { status: 404 });
      const done = await post(url.pathname + url.search, {}, pseudoCookie);
      assert.equal(done.status, 200);
      assert.deepEqual(untranslated(ownText(await done.text()), [siteName]), []);
      await pseudo('/account/deleted');

      const newcomer = await storedPerson(db.store, { emailVerified: false });
      await app.services.accounts.sendVerification(newcomer);
      const mail = await mailTo(newcomer.email, /account\/verify/);
      const verify = /\/account\/verify\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0] ?? '';
      await pseudo(verify, { allowed: [newcomer.email] });
      await pseudo(verify, { allowed: [newcomer.email] }); // already confirmed
    });

    test('an invitation link is drawn from the catalogue, whoever opens it', async () => {
      const inviter = await storedPerson(db.store, { role: 'admin', name: 'Ada Admin' });
      const known = await signedInPerson(db.store, app);
      const other = await signedInPerson(db.store, app);
      for (const email of ['new.writer@example.com', known.user.email]) {
        await app.services.invitations.invite(inviter, { email, role: 'editor' });
      }
      const tokenFor = async (to: string) => {
        const text = (await mailTo(to, /invitation\?token=/)).text;
        return /invitation\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
      };
      const allowed = ['Ada Admin', 'new.writer@example.com', known.user.email, other.user.email];
      // No account yet: the form to make one.
      const fresh = await pseudo(`/invitation?token=${await tokenFor('new.writer@example.com')}`, {
        allowed,
      });
      assert.match(fresh, /name="password"/);
      const token = await tokenFor(known.user.email);
      // The invited account, signed in: accept; someone else signed in; nobody signed in.
      assert.match(
        await pseudo(`/invitation?token=${token}`, { cookies: [known.cookie], allowed }),
        /\/invitation\/accept/,
      );
      assert.match(
        await pseudo(`/invitation?token=${token}`, { cookies: [other.cookie], allowed }),
        /action="\/signout"/,
      );
      assert.match(await pseudo(`/invitation?token=${token}`, { allowed }), /\/signin\?next=/);
    });

    test('with the site in German, the wizard goes on in German and the emails are German', async () => {
      // The site's language was set to Deutsch at the wizard's site step.
      const owner = await db.store.users.byEmail('noor@example.com');
      assert.ok(owner);

      // Sign-up: the confirmation email.
      const signedUp = await post('/signup', {
        email: 'leser@example.com',
        name: 'Lea Leser',
        password,
      });
      assert.equal(signedUp.status, 303);
      const cookie = /bs_session=[^;]+/.exec(signedUp.headers.getSetCookie().join('\n'))?.[0];
      const welcome = await (
        await fetch(`${app.url}/account?done=welcome`, { headers: { cookie: cookie ?? '' } })
      ).text();
      assert.match(welcome, /<html lang="de-DE"/);
      assert.match(welcome, /<h1>Ihr Konto<\/h1>/);
      assert.match(welcome, /Willkommen! Ihr Konto ist eingerichtet\./);
      const confirm = await mailTo('leser@example.com', /account\/verify/);
      assert.equal(confirm.subject, `Bestätigen Sie Ihre E-Mail-Adresse für ${siteName}`);
      assert.match(
        confirm.text,
        /^Guten Tag Lea Leser,\n\nbitte bestätigen Sie diese E-Mail-Adresse/,
      );
      assert.match(
        confirm.text,
        new RegExp(`\\n${origin}/account/verify\\?token=[A-Za-z0-9_-]+\\n`),
      );
      assert.match(confirm.text, /Der Link ist 48 Stunden lang gültig\./);
      assert.doesNotMatch(confirm.text, /Hello|confirm|link works/);

      // The password reset.
      assert.equal((await post('/account/forgot', { email: 'leser@example.com' })).status, 303);
      const reset = await mailTo('leser@example.com', /account\/reset/);
      assert.equal(reset.subject, `Ihr Passwort für ${siteName} zurücksetzen`);
      assert.match(reset.text, /Um ein neues zu wählen, öffnen Sie:/);

      // An invitation: German words, and the expiry in German in the site's zone.
      await app.services.invitations.invite(owner, {
        email: 'redaktion@example.com',
        role: 'author',
      });
      const invitation = await mailTo('redaktion@example.com', /invitation\?token=/);
      assert.equal(invitation.subject, `Einladung: Arbeiten Sie als Autor/in bei ${siteName} mit`);
      assert.match(invitation.text, /Noor Admin lädt Sie ein, als Autor\/in in der Redaktion/);
      assert.match(
        invitation.text,
        /Der Link funktioniert einmal, bis \d{1,2}\. [A-Z][a-zä]+ \d{4}, \d\d:\d\d\u00a0MES?Z\./,
      );

      // A reply notification: German words around the quoted reply and the links.
      const parentAuthor = await storedPerson(db.store);
      const parent = await storedComment(db.store, { authorId: parentAuthor.id });
      const reply = await storedComment(db.store, {
        articleId: parent.articleId,
        parentId: parent.id,
        body: 'Da stimme ich zu.',
      });
      app.services.notifications.replyPublished(reply);
      await app.services.notifications.drain();
      const replied = await mailTo(parentAuthor.email, /unsubscribe/);
      assert.match(
        replied.subject,
        /^Person [\w-]+ hat auf Ihren Kommentar zu Story \d+ geantwortet$/,
      );
      assert.match(
        replied.text,
        /hat auf Ihren Kommentar zu „Story \d+“ geantwortet:\n\n> Da stimme ich zu\.\n/,
      );
      assert.match(replied.text, new RegExp(`Lesen und antworten: ${origin}/news/`));
      assert.match(
        replied.text,
        /Sie erhalten diese E-Mails, weil Sie bei The Lowmoor Gazette kommentieren\./,
      );
      assert.match(
        replied.text,
        /\(ein Klick, ohne Anmeldung\): http:\/\/broadsheet\.test\/account\/unsubscribe\/replies\?token=/,
      );
    });
  });
}
