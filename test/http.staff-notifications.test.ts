/**
 * Newsroom emails (issue 21) through a real SMTP server: editors hear of a submission, the
 * author of being sent back (with the note), scheduled and published (also when the scheduler
 * publishes); the person who moved the article is never emailed; each kind can be turned off on
 * /account, and is then not sent. On both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { signedInPerson, type Person } from './helpers/fixtures.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';

const origin = 'http://broadsheet.test';

for (const database of databases()) {
  describe(`newsroom emails (${database.name})`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let smtp: TestSmtp;
    let author: Person;
    let editor: Person;
    let quietEditor: Person;
    let admin: Person;
    before(async () => {
      db = await database.open();
      smtp = await startSmtp();
      app = await startApp(db, { SMTP_URL: smtp.url });
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      author = await signedInPerson(db.store, app, { role: 'author' });
      editor = await signedInPerson(db.store, app, { role: 'editor' });
      quietEditor = await signedInPerson(db.store, app, { role: 'editor' });
      admin = await signedInPerson(db.store, app, { role: 'admin' });
    });
    after(async () => {
      await app?.close();
      await smtp?.close();
      await db?.dispose();
    });

    const settings = (person: Person, on: string[]) =>
      fetch(`${app.url}/account/newsroom-emails`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          cookie: person.cookie,
        },
        body: new URLSearchParams([
          ['_csrf', person.csrf],
          ...on.map((k): [string, string] => ['on', k]),
        ]),
      });
    const accountPage = async (person: Person) =>
      (await fetch(`${app.url}/account`, { headers: { cookie: person.cookie } })).text();
    const mailTo = (person: Person) =>
      smtp.messages.filter((m) => m.to.includes(person.user.email));
    const draft = (headline: string) =>
      app.services.newsroom.create(author.user, {
        section: 'news',
        headline,
        standfirst: 'Standfirst.',
        body: 'The body.',
        authors: [author.user.slug],
      });
    const settle = async () => {
      await app.services.mail.drain();
    };

    test('/account offers each role its newsroom emails, and saves them', async () => {
      assert.match(await accountPage(editor), /<h2 id="newsroom-emails-heading">Newsroom emails</);
      assert.match(await accountPage(editor), /id="newsroom-email-submitted"[^>]*checked/);
      // Authors are not asked about submissions: they make them.
      assert.doesNotMatch(await accountPage(author), /newsroom-email-submitted/);
      assert.match(await accountPage(author), /id="newsroom-email-published"[^>]*checked/);
      const commenter = await signedInPerson(db.store, app, { role: 'commenter' });
      assert.doesNotMatch(await accountPage(commenter), /newsroom-emails/);
      assert.equal((await settings(commenter, [])).status, 403);

      const saved = await settings(quietEditor, ['returned', 'scheduled', 'published']);
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get('location'), '/account?done=newsroom-emails');
      const page = await accountPage(quietEditor);
      assert.doesNotMatch(page, /id="newsroom-email-submitted"[^>]*checked/);
      assert.match(page, /id="newsroom-email-published"[^>]*checked/);
      assert.equal((await settings(editor, ['nonsense'])).status, 400);
    });

    test('submit, send back, schedule and publish each email the right people once', async () => {
      const start = smtp.messages.length;
      let article = await draft('Harbour wall to be rebuilt');
      await app.services.newsroom.submit(author.user, article.id);
      await settle();
      await smtp.next(editor.user.email, start);
      await smtp.next(admin.user.email, start);
      const forReview = mailTo(editor).at(-1)!;
      assert.equal(forReview.subject, 'For review: Harbour wall to be rebuilt');
      assert.match(forReview.text, /submitted “Harbour wall to be rebuilt” for review/);
      assert.match(forReview.text, new RegExp(`${origin}/admin/articles/${article.id}`));
      assert.match(forReview.text, /Newsroom emails/);
      // Turned off by this editor; the author made the move and hears nothing of it.
      assert.equal(mailTo(quietEditor).length, 0);
      assert.equal(mailTo(author).length, 0);

      await app.services.newsroom.returnToDraft(
        editor.user,
        article.id,
        'Check the council quote.',
      );
      await settle();
      const back = await smtp.next(author.user.email, start);
      assert.equal(back.subject, 'Sent back to you: Harbour wall to be rebuilt');
      assert.match(back.text, /sent “Harbour wall to be rebuilt” back to you as a draft/);
      assert.match(back.text, /Check the council quote\./);

      const at = new Date(Date.now() + 1500);
      article = await app.services.newsroom.publish(editor.user, article.id, at.toISOString());
      await settle();
      const before = smtp.messages.length;
      const scheduled = await smtp.next(author.user.email, before - 1);
      assert.equal(scheduled.subject, 'Scheduled: Harbour wall to be rebuilt');

      // The scheduler publishes it: the author hears, nobody acted, so nobody is left out.
      await sleep(Math.max(0, at.getTime() - Date.now() + 50));
      assert.deepEqual(await app.services.newsroom.publishDue(), [article.id]);
      await settle();
      const published = await smtp.next(author.user.email, smtp.messages.length - 1);
      assert.equal(published.subject, 'Published: Harbour wall to be rebuilt');
      assert.match(published.text, /was published at its scheduled time/);
      assert.match(published.text, new RegExp(`${origin}/news/\\d{4}/\\d{2}/\\d{2}/`));
      assert.equal(
        mailTo(author).length,
        3,
        mailTo(author)
          .map((m) => m.subject)
          .join(' | '),
      );
      // The outbox shows them all.
      const outbox = await db.store.outbox.list(100);
      assert.ok(outbox.some((m) => m.subject === 'Published: Harbour wall to be rebuilt'));
    });

    test('an author who turned "published" off is not emailed; an editor never mails themselves', async () => {
      assert.equal((await settings(author, ['returned', 'scheduled'])).status, 303);
      const article = await draft('Ferry timetable changes');
      const mailsBefore = mailTo(author).length;
      await app.services.newsroom.publish(editor.user, article.id);
      // The editor publishing their own article hears nothing either.
      const own = await app.services.newsroom.create(editor.user, {
        section: 'news',
        headline: 'Editor’s own piece',
        standfirst: 'S.',
        body: 'B.',
        authors: [editor.user.slug],
      });
      const editorBefore = mailTo(editor).length;
      await app.services.newsroom.publish(editor.user, own.id);
      await settle();
      await sleep(200);
      assert.equal(mailTo(author).length, mailsBefore);
      assert.equal(mailTo(editor).length, editorBefore);
      assert.equal((await settings(author, ['returned', 'scheduled', 'published'])).status, 303);
    });
  });
}
