/**
 * The daily briefing at its local time (the clock is the test's): made an hour before from the
 * front page's stories, editable and previewable, sent at 07:00 in the site's zone (New York,
 * UTC−5 in December) to confirmed briefing subscribers through a real SMTP server; held, it waits
 * for an editor. Section digests go only when the section has new stories.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from '../src/domain/ids.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { decodedBody } from './helpers/mail-parts.js';
import type { User } from '../src/domain/user.js';

for (const database of databases()) {
  describe(`the daily briefing on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let smtp: TestSmtp;
    let editor: User;

    const subscribe = async (email: string, lists: string[]) => {
      const id = newId();
      const at = new Date().toISOString();
      await db.store.newsletters.addSubscriber({
        id,
        email,
        userId: null,
        status: 'confirmed',
        source: 'import-attested',
        at,
      });
      await db.store.newsletters.addLists(id, lists, at);
    };
    const sendAll = async () => {
      for (let i = 0; i < 50; i++) {
        if ((await app.services.newsletterSender.round()).claimed === 0) return;
      }
    };

    before(async () => {
      db = await database.open();
      smtp = await startSmtp();
      app = await startApp(db, { SMTP_URL: smtp.url });
      const admin = await storedPerson(db.store, { role: 'admin' });
      editor = await storedPerson(db.store, { role: 'editor' });
      await app.services.site.update(admin, { timeZone: 'America/New_York' });
      await db.store.settings.set('newsletters.ratePerSecond', '1000');
      await db.store.settings.set('newsletters.briefingTime', '07:00');
      await subscribe('morning@example.com', ['briefing']);
      await subscribe('sport-fan@example.com', ['section:sport']);
      await subscribe('culture-fan@example.com', ['section:culture']);
      await publishedArticle(db.store, {
        headline: 'Council <votes> on budget',
        sectionSlug: 'news',
        publishedAt: '2026-12-04T09:00:00.000Z',
      });
      await publishedArticle(db.store, { headline: 'Harbour wins the cup', sectionSlug: 'sport' });
      await publishedArticle(db.store, {
        headline: 'Old review',
        sectionSlug: 'culture',
        publishedAt: '2026-11-01T10:00:00.000Z',
      });
    });
    after(async () => {
      app?.services.mail.close();
      await app?.close();
      await smtp?.close();
      await db?.dispose();
    });

    test('made an hour early, edited, then sent at 07:00 New York time and not again', async () => {
      const desk = app.services.newsletterDesk;
      // 05:30 in New York: too early to make it.
      assert.deepEqual(await desk.tick(new Date('2026-12-04T10:30:00Z')), []);
      assert.equal(await db.store.newsletters.issueByKey('briefing:2026-12-04'), null);
      // 06:10: made, for 07:00 (12:00 UTC), not sent.
      assert.deepEqual(await desk.tick(new Date('2026-12-04T11:10:00Z')), []);
      const briefing = await db.store.newsletters.issueByKey('briefing:2026-12-04');
      assert.ok(briefing, 'the briefing is made');
      assert.equal(briefing.sendAt, '2026-12-04T12:00:00.000Z');
      assert.equal(briefing.status, 'draft');
      assert.match(briefing.subject, /Friday, 4 December 2026/);
      assert.ok(briefing.articleIds.length >= 2);
      // An editor changes the words; the preview shows them, escaped.
      await desk.edit(editor, briefing.id, {
        subject: 'Morning: the <budget> vote',
        intro: 'Good morning & welcome.',
        articleIds: briefing.articleIds,
      });
      const preview = await desk.preview(briefing.id);
      assert.ok(preview.html.includes('Morning: the &lt;budget&gt; vote'));
      assert.ok(preview.html.includes('Good morning &amp; welcome.'));
      assert.ok(preview.html.includes('Council &lt;votes&gt; on budget'));
      // 06:59: still waiting. 07:00: queued; the digests of sections with new stories too.
      assert.deepEqual(await desk.tick(new Date('2026-12-04T11:59:00Z')), []);
      const mark = smtp.messages.length;
      const queued = await desk.tick(new Date('2026-12-04T12:00:00Z'));
      assert.ok(queued.includes(briefing.id));
      await sendAll();
      const got = smtp.messages.slice(mark);
      const morning = got.filter((m) => m.to.includes('morning@example.com'));
      assert.equal(morning.length, 1);
      assert.equal(morning[0]!.subject, 'Morning: the <budget> vote');
      assert.match(decodedBody(morning[0]!.raw), /Council <votes> on budget/);
      assert.equal(got.filter((m) => m.to.includes('sport-fan@example.com')).length, 1);
      assert.equal(
        got.filter((m) => m.to.includes('culture-fan@example.com')).length,
        0,
        'no digest without new stories',
      );
      // Later looks that day make and send nothing more.
      await desk.tick(new Date('2026-12-04T12:01:00Z'));
      await desk.tick(new Date('2026-12-04T15:00:00Z'));
      await sendAll();
      assert.equal(smtp.messages.length, mark + got.length);
      await assert.rejects(
        desk.edit(editor, briefing.id, { subject: 'Too late', intro: '', articleIds: [] }),
        /already been sent/,
      );
    });

    test('held when the site does not send as built: it waits for an editor', async () => {
      await db.store.settings.set('newsletters.sendAsBuilt', '0');
      const desk = app.services.newsletterDesk;
      await desk.tick(new Date('2026-12-05T11:30:00Z'));
      const held = await db.store.newsletters.issueByKey('briefing:2026-12-05');
      assert.equal(held?.status, 'held');
      assert.deepEqual(await desk.tick(new Date('2026-12-05T12:30:00Z')), []);
      const mark = smtp.messages.length;
      assert.equal(await desk.sendNow(editor, held!.id), 1);
      await sendAll();
      assert.deepEqual(
        smtp.messages.slice(mark).map((m) => m.to[0]),
        ['morning@example.com'],
      );
      await assert.rejects(desk.sendNow(editor, held!.id), /already been sent/);
    });
  });
}
