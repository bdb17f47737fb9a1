/**
 * A person's own data through the whole app: the download from /account and the API, and
 * deleting the account under each site policy (anonymise, remove), with staff kept.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import type { Role } from '../src/domain/user.js';
import { hashPassword } from '../src/services/passwords.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { json, type Json } from './helpers/http.js';

const origin = 'http://broadsheet.test';
const password = 'a-long-and-private-password';

for (const database of databases()) {
  describe(`personal data on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let article: Article;
    let passwordHash: string;

    const person = (slug: string, role: Role = 'commenter'): Promise<Person> =>
      signedInPerson(db.store, app, {
        slug,
        name: `${slug[0]?.toUpperCase()}${slug.slice(1)} Example`,
        role,
        passwordHash,
        emailVerified: true,
      });

    const api = (who: Person | null, method: string, path: string, body?: unknown) =>
      fetch(app.url + path, {
        method,
        redirect: 'manual',
        headers: {
          origin,
          ...(who ? { cookie: who.cookie } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });

    const form = (who: Person, path: string, fields: Record<string, string>) =>
      fetch(app.url + path, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          origin,
          cookie: who.cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
      });

    const comment = async (who: Person, body: string, parentId?: string): Promise<string> => {
      const res = await api(who, 'POST', `/api/v1/articles/${article.id}/comments`, {
        body,
        ...(parentId ? { parentId } : {}),
      });
      assert.equal(res.status, 201);
      return (await json(res)).id as string;
    };

    const articlePage = async () => (await fetch(app.url + articlePath(article))).text();

    before(async () => {
      db = await database.open();
      passwordHash = await hashPassword(password);
      app = await startApp(db, {}, { commentPostsPerPerson: { max: 10_000, windowMs: 60_000 } });
      article = await publishedArticle(db.store, {
        headline: 'The ferry timetable changes in spring',
      });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('the download holds the person’s data and no password hash', async () => {
      const dora = await person('dora');
      const other = await person('otto');
      const first = await comment(dora, 'The *early* ferry is gone?');
      const edited = await app.services.comments.editComment({
        author: dora.user,
        id: first,
        body: 'The early ferry is really gone?',
      });
      assert.ok(edited.editedAt);
      const theirs = await comment(other, 'It is, from March.');
      assert.equal(
        (await api(dora, 'POST', `/api/v1/comments/${theirs}/reactions`, {})).status,
        200,
      );
      await app.services.moderation.report(dora.user, theirs, { reason: 'other', text: 'Check.' });

      const page = await (
        await fetch(`${app.url}/account`, { headers: { cookie: dora.cookie } })
      ).text();
      assert.match(page, /<a [^>]*href="\/account\/data"[^>]*>Download my data<\/a>/);

      const res = await fetch(`${app.url}/account/data`, { headers: { cookie: dora.cookie } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /^attachment; filename="my-data-\d{4}-\d\d-\d\d\.json"$/,
      );
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const text = await res.text();
      assert.doesNotMatch(text, /password|\$argon|scrypt/i);
      const data = JSON.parse(text) as Json;
      assert.equal(data.format, 'broadsheet-personal-data');
      assert.equal(data.profile.email, 'dora@example.com');
      assert.equal(data.profile.name, 'Dora Example');
      assert.deepEqual(data.notifications, { emailMeAboutReplies: true, moderationDigest: false });
      assert.equal(data.comments.length, 1);
      assert.equal(data.comments[0].body, 'The early ferry is really gone?');
      assert.equal(data.comments[0].article.headline, article.headline);
      assert.deepEqual(
        data.comments[0].earlierVersions.map((v: { body: string }) => v.body),
        ['The *early* ferry is gone?'],
      );
      assert.deepEqual(
        data.reactions.map((r: { commentId: string }) => r.commentId),
        [theirs],
      );
      assert.deepEqual(
        data.reportsMade.map((r: { text: string }) => r.text),
        ['Check.'],
      );

      const viaApi = await api(dora, 'GET', '/api/v1/account/data');
      assert.equal(viaApi.status, 200);
      assert.equal((await json(viaApi)).profile.email, 'dora@example.com');
      assert.equal((await api(null, 'GET', '/api/v1/account/data')).status, 401);
      const anonymous = await fetch(`${app.url}/account/data`, { redirect: 'manual' });
      assert.equal(anonymous.status, 303);
    });

    test('anonymise (the default): comments stay under “Deleted account”, the person is gone', async () => {
      const ada = await person('ada');
      const bea = await person('bea');
      const mine = await comment(ada, 'Ada’s thoughts on the timetable.');
      await comment(bea, 'Bea answers Ada.', mine);
      await api(bea, 'POST', `/api/v1/comments/${mine}/reactions`, {});
      await api(ada, 'POST', `/api/v1/comments/${mine}/reactions`, {});
      const token = (await app.services.tokens.create('ada@example.com', 'script')).token;
      // An anonymous copy of the page is cached with Ada's name on it.
      assert.match(await articlePage(), /Ada Example/);

      const wrong = await form(ada, '/account/delete', { password: 'not-the-password' });
      assert.equal(wrong.status, 400);
      const wrongPage = await wrong.text();
      assert.match(wrongPage, /<title>Error: /);
      assert.match(wrongPage, /id="delete-password-error"[\s\S]*The password is not right/);

      const done = await form(ada, '/account/delete', { password });
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), '/account/deleted');
      assert.match(done.headers.get('set-cookie') ?? '', /bs_session=;/);
      const landing = await (await fetch(`${app.url}/account/deleted`)).text();
      assert.match(landing, /<h1>Your account is deleted<\/h1>/);

      const page = await articlePage();
      assert.doesNotMatch(page, /Ada Example/, 'the cached page was refreshed');
      assert.match(page, /Deleted account/);
      assert.match(page, /Ada’s thoughts on the timetable\./);
      const stored = await db.store.comments.byId(mine);
      assert.equal(stored?.reactionCount, 1, 'only Bea’s reaction is left');

      const again = await fetch(`${app.url}/account`, {
        headers: { cookie: ada.cookie },
        redirect: 'manual',
      });
      assert.equal(again.status, 303, 'the session is gone');
      const signIn = await api(null, 'POST', '/api/v1/session', {
        email: 'ada@example.com',
        password,
      });
      assert.equal(signIn.status, 401);
      const byToken = await fetch(`${app.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(byToken.status, 401);
      const row = await db.store.users.byId(ada.user.id);
      assert.equal(row?.name, 'Deleted account');
      assert.doesNotMatch(row?.email ?? '', /ada/);
      assert.equal(await db.store.users.passwordHash(ada.user.id), null);
    });

    test('remove: an admin’s policy deletes the comments, keeping a placeholder under replies', async () => {
      const admin = await person('admin-amy', 'admin');
      const saved = await form(admin, '/admin/settings', { 'accounts.deletionPolicy': 'remove' });
      assert.equal(saved.status, 303);
      const cy = await person('cy');
      const dee = await person('dee');
      const answered = await comment(cy, 'Cy asks about the night ferry.');
      await comment(dee, 'Dee replies to Cy.', answered);
      const alone = await comment(cy, 'Cy says something nobody answered.');

      const account = await (
        await fetch(`${app.url}/account`, { headers: { cookie: cy.cookie } })
      ).text();
      assert.match(account, /Your comments are removed/);

      const refused = await api(cy, 'DELETE', '/api/v1/account', { password: 'wrong-password!' });
      assert.equal(refused.status, 400);
      const res = await api(cy, 'DELETE', '/api/v1/account', { password });
      assert.equal(res.status, 200);
      assert.deepEqual(await json(res), { deleted: true, policy: 'remove' });

      const page = await articlePage();
      assert.doesNotMatch(page, /Cy asks about the night ferry|Cy says something nobody answered/);
      assert.match(page, /Comment deleted/);
      assert.match(page, /Dee replies to Cy\./);
      assert.equal((await db.store.comments.byId(answered))?.status, 'deleted');
      assert.equal((await db.store.comments.byId(alone))?.status, 'deleted');
      await form(admin, '/admin/settings', { 'accounts.deletionPolicy': 'anonymise' });
    });

    test('the API deletes a passwordless account after a fresh sign-in, as the web form does', async () => {
      const fay = await signedInPerson(db.store, app, { slug: 'fay', emailVerified: true });
      const token = (await app.services.tokens.create(fay.user.email, 'script')).token;
      // A token is no sign-in: it cannot stand in for a password.
      const byToken = await fetch(`${app.url}/api/v1/account`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(byToken.status, 403);
      assert.match((await json(byToken)).error.message, /sign in again/);
      // A person with a password still gives it.
      const gus = await person('gus');
      assert.equal((await api(gus, 'DELETE', '/api/v1/account', {})).status, 400);
      // Fay signed in just now and has no password: her session is enough.
      const res = await api(fay, 'DELETE', '/api/v1/account', {});
      assert.equal(res.status, 200);
      assert.equal((await json(res)).deleted, true);
      assert.equal((await db.store.users.byId(fay.user.id))?.name, 'Deleted account');
    });

    test('staff cannot delete their account from /account; the reason is shown', async () => {
      const eve = await person('eve-editor', 'editor');
      const page = await (
        await fetch(`${app.url}/account`, { headers: { cookie: eve.cookie } })
      ).text();
      assert.match(page, /Delete your account/);
      assert.match(page, /has the editor role, so it cannot be deleted here/);
      assert.doesNotMatch(page, /action="\/account\/delete"/);
      const res = await api(eve, 'DELETE', '/api/v1/account', { password });
      assert.equal(res.status, 409);
      assert.match((await json(res)).error.message, /editor role/);
      assert.equal((await db.store.users.byId(eve.user.id))?.name, 'Eve-editor Example');
    });
  });
}
