/**
 * The moderators' email digest (issue 18 §12): opt-in per moderator (form and API), sent when
 * held and reported comments reach the threshold, at most once per interval, once per moderator
 * however many processes check, with links to the queue. On both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { translator } from '../src/i18n/translator.js';
import { MailService } from '../src/services/mail.js';
import { ModerationDigest } from '../src/services/moderation-digest.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import {
  publishedArticle,
  signedInPerson,
  storedComment,
  storedPerson,
} from './helpers/fixtures.js';

const origin = 'http://broadsheet.test';

for (const database of databases()) {
  describe(`moderation digest (${database.name})`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    before(async () => {
      db = await database.open();
      app = await startApp(db);
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    /** A digest checker on the same database with its own clock: another process, in effect. */
    const checker = (clock: { now: Date }) =>
      new ModerationDigest({
        store: db.store,
        mail: new MailService({
          store: db.store,
          smtpUrl: null,
          from: 'news@broadsheet.test',
          log: { info: () => {}, warn: () => {} },
        }),
        baseUrl: origin,
        siteName: () => 'The Quay Gazette',
        i18n: () => translator('en-GB', 'UTC'),
        now: () => clock.now,
      });
    const digestsTo = async (email: string) =>
      (await db.store.outbox.list(200)).filter(
        (m) => m.to === email && /wait for moderation/.test(m.subject),
      );

    test('moderators opt in and out on /account and by API; commenters cannot', async () => {
      const mod = await signedInPerson(db.store, app, { role: 'moderator' });
      const form = (person: typeof mod, on: boolean) =>
        fetch(`${app.url}/account/moderation-digest`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin,
            cookie: person.cookie,
          },
          body: new URLSearchParams({ _csrf: person.csrf, ...(on ? { digest: 'on' } : {}) }),
        });
      const accountPage = async (person: typeof mod) =>
        (await fetch(`${app.url}/account`, { headers: { cookie: person.cookie } })).text();
      assert.match(
        await accountPage(mod),
        /<label for="moderation-digest">Email me the moderation digest</,
      );
      assert.doesNotMatch(await accountPage(mod), /id="moderation-digest"[^>]*checked/);
      const on = await form(mod, true);
      assert.equal(on.status, 303);
      assert.equal(on.headers.get('location'), '/account?done=digest-on');
      assert.equal(await app.services.moderationDigest.isSubscribed(mod.user.id), true);
      assert.match(await accountPage(mod), /id="moderation-digest"[^>]*checked/);
      assert.equal((await form(mod, false)).status, 303);
      assert.equal(await app.services.moderationDigest.isSubscribed(mod.user.id), false);

      const api = (method: string, person: typeof mod) =>
        fetch(`${app.url}/api/v1/moderation/digest`, {
          method,
          headers: { origin, cookie: person.cookie },
        });
      assert.deepEqual(await (await api('PUT', mod)).json(), { subscribed: true });
      assert.deepEqual(await (await api('GET', mod)).json(), { subscribed: true });
      assert.deepEqual(await (await api('DELETE', mod)).json(), { subscribed: false });

      const reader = await signedInPerson(db.store, app, { role: 'commenter' });
      assert.doesNotMatch(await accountPage(reader), /moderation-digest/);
      assert.equal((await form(reader, true)).status, 403);
      assert.equal((await api('PUT', reader)).status, 403);
      assert.equal(await app.services.moderationDigest.isSubscribed(reader.user.id), false);
    });

    test('sent at the threshold, once an interval, once per moderator across processes', async () => {
      await db.store.settings.set('moderation.digestThreshold', '3');
      const mod = await storedPerson(db.store, { role: 'moderator' });
      const admin = await storedPerson(db.store, { role: 'admin' });
      const quiet = await storedPerson(db.store, { role: 'moderator' });
      const demoted = await storedPerson(db.store, { role: 'moderator' });
      for (const p of [mod, admin, demoted]) await app.services.moderationDigest.subscribe(p.id);
      await db.store.users.setRole(demoted.id, 'commenter');

      const clock = { now: new Date('2026-12-04T09:00:00Z') };
      const article = await publishedArticle(db.store);
      await storedComment(db.store, { articleId: article.id, status: 'pending' });
      await storedComment(db.store, { articleId: article.id, status: 'pending' });
      // Two waiting: below the threshold, nobody is emailed.
      assert.deepEqual(await checker(clock).run(), []);

      const reported = await storedComment(db.store, { articleId: article.id });
      const reporter = await storedPerson(db.store);
      await db.store.moderation.addReport({
        commentId: reported.id,
        reporterId: reporter.id,
        reason: 'spam',
        text: '',
        createdAt: clock.now.toISOString(),
      });
      // Three processes check at the same moment: each moderator is emailed once.
      const sent = (
        await Promise.all([checker(clock).run(), checker(clock).run(), checker(clock).run()])
      ).flat();
      assert.deepEqual(sent.sort(), [admin.email, mod.email].sort());
      const [mail] = await digestsTo(mod.email);
      assert.ok(mail);
      assert.equal(mail.subject, '3 comments wait for moderation on The Quay Gazette');
      assert.match(
        mail.text,
        /2 comments are held for review:\nhttp:\/\/broadsheet\.test\/admin\/moderation\?status=pending/,
      );
      assert.match(
        mail.text,
        /1 published comment is reported:\nhttp:\/\/broadsheet\.test\/admin\/moderation\?status=reported/,
      );
      assert.equal((await digestsTo(quiet.email)).length, 0, 'not opted in');
      assert.equal((await digestsTo(demoted.email)).length, 0, 'no longer a moderator');

      // Within the hour: nothing more; after it, still waiting: another.
      clock.now = new Date('2026-12-04T09:59:00Z');
      assert.deepEqual(await checker(clock).run(), []);
      clock.now = new Date('2026-12-04T10:00:01Z');
      assert.deepEqual((await checker(clock).run()).sort(), [admin.email, mod.email].sort());
      assert.equal((await digestsTo(mod.email)).length, 2);
    });
  });
}
