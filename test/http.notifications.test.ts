/** Reply notifications through the whole app, delivered to a real SMTP server. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson } from './helpers/fixtures.js';
import { json } from './helpers/http.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';

for (const database of databases()) {
  describe(`reply notifications on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let smtp: TestSmtp;
    let article: Article;
    const people: Record<string, { user: User; cookie: string; csrf: string }> = {};

    const person = async (slug: string) => {
      people[slug] = await signedInPerson(db.store, app, { slug, emailVerified: true });
    };

    const post = async (who: string, body: string, parentId?: string): Promise<string> => {
      const res = await fetch(`${app.url}/api/v1/articles/${article.id}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://broadsheet.test',
          cookie: people[who]!.cookie,
        },
        body: JSON.stringify({ body, ...(parentId ? { parentId } : {}) }),
      });
      assert.equal(res.status, 201);
      return (await json(res)).id as string;
    };

    /** Every notification in flight has been recorded and delivered. */
    const settled = () => app.services.notifications.drain();

    before(async () => {
      db = await database.open();
      smtp = await startSmtp();
      app = await startApp(
        db,
        { SMTP_URL: smtp.url },
        { commentPostsPerPerson: { max: 10_000, windowMs: 60_000 } },
      );
      for (const slug of ['ann', 'bob', 'cat']) await person(slug);
      article = await publishedArticle(db.store, {
        headline: 'Replies',
        authorIds: [people.ann!.user.id],
      });
    });
    after(async () => {
      await app?.close();
      await smtp?.close();
      await db?.dispose();
    });

    test('a reply emails the parent’s author, with a one-click unsubscribe', async () => {
      const parent = await post('ann', 'What do you think?');
      // Replying to yourself sends nothing.
      await post('ann', 'Anyone?', parent);
      await settled();
      assert.equal(smtp.messages.filter((m) => m.to.includes('ann@example.com')).length, 0);

      const before = smtp.messages.length;
      const reply = await post('bob', 'I think *so*.', parent);
      await settled();
      const mail = await smtp.next('ann@example.com', before);
      assert.match(mail.subject, /Person bob replied to your comment/);
      assert.match(mail.text, /> I think \*so\*\./);
      assert.ok(mail.text.includes(`http://broadsheet.test/news/`));
      assert.ok(mail.text.includes(`#comment-${reply}`));
      assert.match(mail.raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      const header = /^List-Unsubscribe: <([^>]+)>/m.exec(mail.raw.replace(/\r?\n[ \t]+/g, ' '));
      assert.ok(header, 'a List-Unsubscribe header');
      const link = new URL(header[1]!);
      assert.equal(link.pathname, '/account/unsubscribe/replies');
      assert.ok(mail.text.includes(header[1]!), 'the same link in the text');

      // A forged or altered token does nothing.
      const token = link.searchParams.get('token')!;
      const forged = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
      for (const bad of [forged, `${people.bob!.user.id}.${token.split('.')[1]}`, '', 'x']) {
        const res = await fetch(
          `${app.url}/account/unsubscribe/replies?token=${encodeURIComponent(bad)}`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'List-Unsubscribe=One-Click',
          },
        );
        assert.equal(res.status, 404);
      }
      assert.equal(await app.services.notifications.wantsReplies(people.ann!.user.id), true);

      // Opening the link shows a button (link scanners do not unsubscribe anyone) ...
      const page = await fetch(`${app.url}${link.pathname}${link.search}`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Stop emails about replies<\/button>/);
      assert.equal(await app.services.notifications.wantsReplies(people.ann!.user.id), true);
      // ... and the mail program's one-click POST (RFC 8058), without any session, turns it off.
      const oneClick = await fetch(`${app.url}${link.pathname}${link.search}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      assert.equal(oneClick.status, 200);
      assert.equal(await app.services.notifications.wantsReplies(people.ann!.user.id), false);

      // No more emails to ann; others still get theirs.
      const bobsComment = await post('bob', 'Mine');
      const mark = smtp.messages.length;
      await post('cat', 'To ann', parent);
      await post('cat', 'To bob', bobsComment);
      await settled();
      await smtp.next('bob@example.com', mark);
      assert.equal(
        smtp.messages.slice(mark).filter((m) => m.to.includes('ann@example.com')).length,
        0,
      );
    });

    test('a held reply emails the parent’s author when approved, and only the first time', async () => {
      await app.services.notifications.setReplies(people.bob!.user.id, true);
      const parent = await post('bob', 'Held replies, anyone?');
      const moderator = await db.store.users.create({
        email: 'mod@example.com',
        name: 'Mod',
        slug: 'mod',
        role: 'moderator',
        passwordHash: null,
        createdAt: new Date().toISOString(),
      });
      await db.store.settings.set('comments.mode', 'premoderated');
      let held: string;
      try {
        held = await post('cat', 'A reply that waits for review', parent);
      } finally {
        await db.store.settings.set('comments.mode', 'open');
      }
      assert.equal((await db.store.comments.byId(held))?.status, 'pending');
      const mark = smtp.messages.length;
      await settled();
      assert.equal(
        smtp.messages.slice(mark).filter((m) => m.to.includes('bob@example.com')).length,
        0,
      );

      await app.services.moderation.act(moderator, [held], 'approve');
      await settled();
      const mail = await smtp.next('bob@example.com', mark);
      assert.match(mail.text, /> A reply that waits for review/);

      // Rejected, then approved again: bob heard of it already.
      await app.services.moderation.act(moderator, [held], 'reject');
      await app.services.moderation.act(moderator, [held], 'approve');
      await settled();
      assert.equal(
        smtp.messages.slice(mark).filter((m) => m.to.includes('bob@example.com')).length,
        1,
      );
    });

    test('the setting on /account turns reply emails on and off', async () => {
      const cat = people.cat!;
      const save = (fields: Record<string, string>) =>
        fetch(`${app.url}/account/notifications`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: 'http://broadsheet.test',
            cookie: cat.cookie,
          },
          body: new URLSearchParams({ _csrf: cat.csrf, ...fields }).toString(),
        });
      const account = async () =>
        (await fetch(`${app.url}/account`, { headers: { cookie: cat.cookie } })).text();
      assert.match(await account(), /id="notify-replies" name="replies" value="on"\s+checked/);

      const off = await save({});
      assert.equal(off.status, 303);
      assert.equal(off.headers.get('location'), '/account?done=replies-off');
      assert.equal(await app.services.notifications.wantsReplies(cat.user.id), false);
      assert.doesNotMatch(
        await account(),
        /id="notify-replies" name="replies" value="on"\s+checked/,
      );
      const catsComment = await post('cat', 'Quiet please');
      const mark = smtp.messages.length;
      await post('bob', 'Hello cat', catsComment);
      await settled();
      assert.equal(smtp.messages.slice(mark).length, 0);

      const on = await save({ replies: 'on' });
      assert.equal(on.headers.get('location'), '/account?done=replies-on');
      assert.equal(await app.services.notifications.wantsReplies(cat.user.id), true);
      await post('bob', 'Hello again', catsComment);
      await settled();
      await smtp.next('cat@example.com', mark);
    });
  });
}
