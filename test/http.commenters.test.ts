/**
 * What commenters run into (issue 18): an unconfirmed address, landing back on the discussion
 * after posting, their own comments awaiting review, reporting, and printing with comments.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  publishedArticle,
  signedInPerson,
  storedComment,
  storedPerson,
  type Person,
} from './helpers/fixtures.js';
import { json } from './helpers/http.js';

const origin = 'http://broadsheet.test';

for (const database of databases()) {
  describe(`commenters on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let writer: User;

    const article = (): Promise<Article> => publishedArticle(db.store, { authorIds: [writer.id] });

    const page = async (path: string, who: Person | null) => {
      const res = await fetch(`${app.url}${path}`, {
        redirect: 'manual',
        headers: who ? { cookie: who.cookie } : {},
      });
      return { status: res.status, text: await res.text(), location: res.headers.get('location') };
    };

    const form = (path: string, fields: Record<string, string>, who: Person) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          cookie: who.cookie,
        },
        body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
      });

    const apiPost = (articleId: string, body: string, who: Person) =>
      fetch(`${app.url}/api/v1/articles/${articleId}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie: who.cookie },
        body: JSON.stringify({ body }),
      });

    before(async () => {
      db = await database.open();
      app = await startApp(
        db,
        {},
        {
          commentPostsPerPerson: { max: 10_000, windowMs: 60_000 },
          commentPostsPerAddress: { max: 10_000, windowMs: 60_000 },
        },
      );
      writer = await storedPerson(db.store, { role: 'author' });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    describe('an unconfirmed email address', () => {
      after(async () => {
        await db.store.settings.set('comments.unconfirmedEmail', 'refuse');
      });

      test('the page says so before they type, with a way to get the link again', async () => {
        const a = await article();
        const path = articlePath(a);
        const newcomer = await signedInPerson(db.store, app, { emailVerified: false });
        const shown = await page(path, newcomer);
        assert.equal(shown.status, 200);
        assert.match(shown.text, /Confirm your email address to comment/);
        assert.ok(shown.text.includes(newcomer.user.email), 'names the address the link went to');
        assert.match(shown.text, /action="\/account\/verify\/resend"/);
        assert.match(shown.text, /Send the link again/);
        assert.doesNotMatch(shown.text, /id="comment-body"/, 'no box to type into in vain');

        const confirmed = await signedInPerson(db.store, app);
        const theirs = await page(path, confirmed);
        assert.doesNotMatch(theirs.text, /Confirm your email address/);
        assert.match(theirs.text, /id="comment-body"/);
      });

      test('their comment is refused, by form and API, and nothing is published', async () => {
        const a = await article();
        const path = articlePath(a);
        const newcomer = await signedInPerson(db.store, app, { emailVerified: false });
        const res = await form(`${path}/comments`, { body: 'Straight in, unconfirmed' }, newcomer);
        assert.equal(res.status, 403);
        const text = await res.text();
        assert.match(
          text,
          /id="comment-body-error"[^]*Confirm your email address before commenting/,
        );
        assert.match(text, />\s*Straight in, unconfirmed<\/textarea/, 'what they wrote is kept');
        assert.match(text, /action="\/account\/verify\/resend"/);

        const api = await apiPost(a.id, 'By the API, unconfirmed', newcomer);
        assert.equal(api.status, 403);
        assert.equal((await json(api)).error.condition, 'email_unconfirmed');

        const listed = await json(await fetch(`${app.url}/api/v1/articles/${a.id}/comments`));
        assert.equal(listed.items.length, 0);
        assert.doesNotMatch((await page(path, null)).text, /unconfirmed/);
      });

      test('the resend button sends the link and says so', async () => {
        const newcomer = await signedInPerson(db.store, app, { emailVerified: false });
        const res = await form('/account/verify/resend', {}, newcomer);
        assert.equal(res.status, 303);
        assert.equal(res.headers.get('location'), '/account?done=verification-sent');
        const outbox = await db.store.outbox.list(50);
        assert.ok(
          outbox.some((m) => m.to === newcomer.user.email && /account\/verify/.test(m.text)),
        );
      });

      test('set to hold, their comment waits for review and the page says so', async () => {
        await db.store.settings.set('comments.unconfirmedEmail', 'hold');
        const a = await article();
        const path = articlePath(a);
        const newcomer = await signedInPerson(db.store, app, { emailVerified: false });
        const shown = await page(path, newcomer);
        assert.match(shown.text, /Your comments wait for review until you confirm/);
        assert.match(shown.text, /id="comment-body"/);
        const res = await apiPost(a.id, 'Held until confirmed', newcomer);
        assert.equal(res.status, 201);
        assert.equal((await json(res)).status, 'pending');

        await db.store.settings.set('comments.unconfirmedEmail', 'allow');
        const open = await apiPost(a.id, 'Allowed while unconfirmed', newcomer);
        assert.equal((await json(open)).status, 'published');
        assert.doesNotMatch(
          (await page(path, newcomer)).text,
          /Confirm your email|wait for review until/,
        );
      });
    });

    describe('after posting', () => {
      /** Posts by form and follows the redirect, as a browser without JavaScript does. */
      async function postAndLand(path: string, fields: Record<string, string>, who: Person) {
        const res = await form(`${path}/comments`, fields, who);
        assert.equal(res.status, 303, await res.text());
        const location = res.headers.get('location') ?? '';
        const landed = await page(location.split('#')[0]!, who);
        assert.equal(landed.status, 200);
        return { location, text: landed.text };
      }
      const focused = (text: string) =>
        /class="comment__card comment__card--focus"[^>]*aria-labelledby="comment-([^"]+)-author"/.exec(
          text,
        )?.[1];

      test('a comment or a reply lands on the whole discussion, at the new comment', async () => {
        const a = await article();
        const path = articlePath(a);
        const earlier: string[] = [];
        for (let i = 0; i < 4; i++) {
          earlier.push(
            (await storedComment(db.store, { articleId: a.id, body: `Earlier ${i}` })).id,
          );
        }
        const me = await signedInPerson(db.store, app);
        const top = await postAndLand(path, { body: 'My own view' }, me);
        const id = /#comment-(.+)$/.exec(top.location)?.[1];
        assert.ok(id, `anchored at the comment: ${top.location}`);
        assert.equal(focused(top.text), id, 'the new comment is highlighted');
        for (const e of earlier) assert.match(top.text, new RegExp(`id="comment-${e}"`));
        assert.doesNotMatch(top.text, /Showing the thread of one comment/);
        assert.match(top.text, /data-live=/, 'the discussion carries on live');

        const reply = await postAndLand(path, { body: 'Answering you', parentId: earlier[1]! }, me);
        const replyId = /#comment-(.+)$/.exec(reply.location)?.[1];
        assert.ok(replyId);
        assert.equal(focused(reply.text), replyId);
        for (const e of earlier) assert.match(reply.text, new RegExp(`id="comment-${e}"`));
        assert.doesNotMatch(reply.text, /Showing the thread of one comment/);
      });

      test('in a long discussion a new comment lands on the newest first, with the others', async () => {
        const a = await article();
        const path = articlePath(a);
        for (let i = 0; i < 25; i++) {
          await storedComment(db.store, {
            articleId: a.id,
            body: `Old ${i}`,
            createdAt: new Date(Date.now() - (30 - i) * 60_000).toISOString(),
          });
        }
        const me = await signedInPerson(db.store, app);
        const landed = await postAndLand(path, { body: 'Late to the party' }, me);
        const id = /#comment-(.+)$/.exec(landed.location)?.[1];
        assert.equal(focused(landed.text), id);
        assert.match(landed.text, /Old 24/);
        assert.match(landed.text, /Load more comments/);
        assert.doesNotMatch(landed.text, /Showing the thread of one comment/);
      });
    });

    describe('their own comments and reports', () => {
      test('a comment awaiting review can be edited and deleted by its author alone', async () => {
        const a = await article();
        const path = articlePath(a);
        await app.services.commentSettings.setArticleSettings(a.id, {
          mode: 'premoderated',
          autoCloseHours: null,
        });
        const me = await signedInPerson(db.store, app);
        const posted = await json(await apiPost(a.id, 'Waiting for a moderator', me));
        assert.equal(posted.status, 'pending');
        const shown = await page(path, me);
        assert.match(shown.text, /Awaiting review/);
        assert.match(shown.text, new RegExp(`href="/comments/${posted.id}/edit"`));
        assert.match(
          shown.text,
          new RegExp(`class="comment__delete" href="/comments/${posted.id}/delete"`),
        );

        // Long after the edit window, it can still be changed while nobody else has seen it.
        await db.store.settings.set('comments.editWindowMinutes', '0');
        try {
          const editPage = await page(`/comments/${posted.id}/edit`, me);
          assert.equal(editPage.status, 200);
          assert.match(editPage.text, /until a moderator has looked at it/);
          assert.match(
            editPage.text,
            new RegExp(`href="${path}#comment-${posted.id}"`),
            'Cancel goes back to it',
          );
          const edited = await form(
            `/comments/${posted.id}/edit`,
            { body: 'Waiting, reworded' },
            me,
          );
          assert.equal(edited.status, 303);
          assert.equal(edited.headers.get('location'), `${path}#comment-${posted.id}`);
          const stored = await db.store.comments.byId(posted.id);
          assert.equal(stored?.body, 'Waiting, reworded');
          assert.equal(stored?.status, 'pending', 'editing does not publish it');
        } finally {
          await db.store.settings.set('comments.editWindowMinutes', '15');
        }

        const other = await signedInPerson(db.store, app);
        assert.equal((await page(`/comments/${posted.id}/delete`, other)).status, 404);
        const confirm = await page(`/comments/${posted.id}/delete`, me);
        assert.equal(confirm.status, 200);
        assert.match(confirm.text, /class="button button--danger">Delete comment/);
        const deleted = await form(`/comments/${posted.id}/delete`, {}, me);
        assert.equal(deleted.status, 303);
        assert.equal((await db.store.comments.byId(posted.id))?.status, 'deleted');
        assert.doesNotMatch((await page(path, me)).text, /Awaiting review/);
      });

      test('"Report" becomes "Reported", and stays so, among the actions', async () => {
        const a = await article();
        const path = articlePath(a);
        const c = await storedComment(db.store, { articleId: a.id, body: 'Report this one' });
        const me = await signedInPerson(db.store, app);
        const before = await page(path, me);
        assert.match(
          before.text,
          new RegExp(
            `<div class="comment__actions">[^]*?href="${path}\\?report=${c.id}#report-${c.id}"`,
          ),
          'Report is one of the comment actions',
        );
        // Without JavaScript, Report opens the page with that comment's form open.
        const opened = await page(`${path}?report=${c.id}`, me);
        assert.match(
          opened.text,
          new RegExp(
            `<details class="comment__report" id="report-${c.id}" open>[^]*?action="/comments/${c.id}/reports"`,
          ),
        );
        const res = await form(`/comments/${c.id}/reports`, { reason: 'spam', text: '' }, me);
        assert.equal(res.status, 303);
        const later = await page(path, me);
        assert.match(later.text, /class="comment__reported"\s*>Reported/);
        assert.doesNotMatch(later.text, new RegExp(`report=${c.id}#`));
        const someoneElse = await signedInPerson(db.store, app);
        assert.match((await page(path, someoneElse)).text, new RegExp(`report=${c.id}#`));
      });

      test("Delete on one's own comment is styled as dangerous and asks first", async () => {
        const a = await article();
        const me = await signedInPerson(db.store, app);
        const c = await json(await apiPost(a.id, 'Mine to delete', me));
        const shown = await page(articlePath(a), me);
        assert.match(
          shown.text,
          new RegExp(`class="comment__delete" href="/comments/${c.id}/delete"`),
        );
        const confirm = await page(`/comments/${c.id}/delete`, me);
        assert.match(confirm.text, /Delete your comment\?/);
        assert.match(confirm.text, /button--danger/);
        assert.equal(
          (await db.store.comments.byId(c.id))?.status,
          'published',
          'asking deletes nothing',
        );
      });
    });

    describe('printing with comments', () => {
      test('every published comment, in thread order, and nothing to press', async () => {
        const a = await article();
        const path = articlePath(a);
        const minute = (m: number) => new Date(Date.now() - (600 - m) * 60_000).toISOString();
        const tops: string[] = [];
        for (let i = 0; i < 26; i++) {
          tops.push(
            (
              await storedComment(db.store, {
                articleId: a.id,
                body: `Top ${i}`,
                createdAt: minute(i * 20),
              })
            ).id,
          );
        }
        // The first thread has more replies than a page shows.
        const replies: string[] = [];
        for (let i = 0; i < 12; i++) {
          const r = await storedComment(db.store, {
            articleId: a.id,
            body: `Reply ${i}`,
            parentId: tops[0]!,
            createdAt: minute(1 + i / 20),
          });
          replies.push(r.id);
        }
        await db.store.comments.create({
          articleId: a.id,
          parentId: null,
          authorId: writer.id,
          body: 'Held back',
          html: '<p>Held back</p>',
          status: 'pending',
          createdAt: minute(590),
        });
        const me = await signedInPerson(db.store, app);
        for (const who of [null, me]) {
          const printed = await page(`${path}/print?comments=1`, who);
          assert.equal(printed.status, 200);
          const text = printed.text;
          const order = [...text.matchAll(/<li class="comment[^"]*" id="comment-([^"]+)"/g)].map(
            (m) => m[1],
          );
          assert.deepEqual(
            order,
            [tops[0], ...replies, ...tops.slice(1)],
            'every comment, thread by thread',
          );
          assert.doesNotMatch(text, /Held back/);
          assert.doesNotMatch(
            text,
            /Sign in to comment|id="comment-form"|Load more comments|More replies/,
          );
          assert.doesNotMatch(text, /<button[^>]*class="comment__react"|\?reply=|\/reports"|Sort:/);
          assert.doesNotMatch(text, /The first \d+ of/);
          assert.match(text, /Comments <span class="comment-total">\(38\)<\/span>/);
        }
      });

      test('above the cap, it says how many of how many and where the rest is', async () => {
        const { printedCommentsCap } = await import('../src/domain/comment-print.js');
        const a = await article();
        const many = printedCommentsCap + 3;
        const start = Date.now() - many * 1000;
        for (let i = 0; i < many; i++) {
          await db.store.comments.create({
            articleId: a.id,
            parentId: null,
            authorId: writer.id,
            body: `Comment ${i}`,
            html: `<p>Comment ${i}</p>`,
            status: 'published',
            createdAt: new Date(start + i * 1000).toISOString(),
          });
        }
        const printed = await page(`${articlePath(a)}/print?comments=1`, null);
        const shown = [...printed.text.matchAll(/<li class="comment[^"]*" id="comment-/g)].length;
        assert.equal(shown, printedCommentsCap);
        assert.match(
          printed.text,
          new RegExp(
            `The first ${printedCommentsCap} of ${many}\\s+comments; the discussion continues at <span class="print-url">http://broadsheet.test${articlePath(a)}#comments</span>`,
          ),
        );
      });
    });
  });
}
