/**
 * Removing the demo from /admin/site/demo/remove over HTTP: the confirmation page says what goes
 * and what stays, the form needs an admin and the session's token, removal answers 303 to the
 * staff home with a notice, and cached pages showing the demo are dropped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoContent } from '../src/demo/content.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import {
  publishedArticle,
  signedInPerson,
  storedComment,
  type Person,
} from './helpers/fixtures.js';

const origin = 'http://broadsheet.test';

for (const database of databases()) {
  describe(`demo removal pages on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let admin: Person;
    let editor: Person;

    const get = async (path: string, cookie?: string) => {
      const res = await fetch(`${app.url}${path}`, {
        headers: cookie ? { cookie } : {},
        redirect: 'manual',
      });
      return { status: res.status, text: await res.text(), headers: res.headers };
    };
    const post = (path: string, person: Person, csrf = person.csrf) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: {
          cookie: person.cookie,
          origin,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(csrf ? { _csrf: csrf } : {}).toString(),
        redirect: 'manual',
      });

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      assert.equal(await app.services.demo.loadIfEmpty(), true);
      admin = await signedInPerson(db.store, app, {
        slug: `admin-${database.name}`,
        role: 'admin',
      });
      editor = await signedInPerson(db.store, app, { slug: `ed-${database.name}`, role: 'editor' });
      // Real content: an article of ours in the demo's News section, and a comment by one of our
      // readers on a demo article.
      await publishedArticle(db.store, {
        headline: 'Our own council story',
        sectionSlug: 'news',
        authorIds: [editor.user.id],
      });
      const demoArticle = await db.store.reader.getBySlug(demoContent.articles[0]!.slug);
      await storedComment(db.store, { articleId: demoArticle!.id });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('only admins see the confirmation page; it says what goes and what stays', async () => {
      assert.equal((await get('/admin/site/demo/remove', editor.cookie)).status, 403);
      const anonymous = await get('/admin/site/demo/remove');
      assert.notEqual(anonymous.status, 200);

      const page = await get('/admin/site/demo/remove', admin.cookie);
      assert.equal(page.status, 200);
      const text = page.text.replace(/\s+/g, ' ');
      assert.match(text, new RegExp(`${demoContent.articles.length} articles`));
      assert.match(text, /including 1 comment written since the demo was loaded/);
      assert.match(text, new RegExp(`${demoContent.people.length} accounts`));
      assert.match(text, new RegExp(`${demoContent.sections.length - 1} sections`));
      assert.match(text, /The demo’s section <strong>News<\/strong>: it holds 1 article of yours/);
      const form = /<form[^>]*action="\/admin\/site\/demo\/remove"[^>]*>([\s\S]*?)<\/form>/.exec(
        page.text,
      );
      assert.ok(form, 'the page has the form');
      assert.match(form[1]!, new RegExp(`name="_csrf" value="${admin.csrf}"`));
    });

    test('the API tells admins what removing the demo takes and keeps', async () => {
      const api = (method: string, person: Person) =>
        fetch(`${app.url}/api/v1/demo`, { method, headers: { cookie: person.cookie, origin } });
      assert.equal((await api('GET', editor)).status, 403);
      assert.equal((await api('DELETE', editor)).status, 403);
      const res = await api('GET', admin);
      assert.equal(res.status, 200);
      const plan = (await res.json()) as {
        loaded: boolean;
        articles: number;
        addedComments: number;
        kept: { sections: { slug: string; articles: number }[] };
      };
      assert.equal(plan.loaded, true);
      assert.equal(plan.articles, demoContent.articles.length);
      assert.equal(plan.addedComments, 1, 'our reader’s comment on a demo article');
      assert.deepEqual(
        plan.kept.sections.map((k) => [k.slug, k.articles]),
        [['news', 1]],
      );
      assert.equal(await app.services.demo.isLoaded(), true, 'reading the plan removes nothing');
    });

    test('the form needs an admin and the token; then the demo goes and pages are redrawn', async () => {
      const demoHeadline = demoContent.articles[0]!.headline;
      const front = async () => {
        const res = await fetch(`${app.url}/`);
        return { cache: res.headers.get('x-cache'), text: await res.text() };
      };
      await front();
      const cached = await front();
      assert.equal(cached.cache, 'hit');
      assert.ok(cached.text.includes(demoHeadline.replace(/’/g, '’')));

      assert.equal((await post('/admin/site/demo/remove', editor)).status, 403);
      assert.equal((await post('/admin/site/demo/remove', admin, '')).status, 403);
      assert.equal(await app.services.demo.isLoaded(), true);

      const res = await post('/admin/site/demo/remove', admin);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/admin?done=demo-removed');
      const home = await get('/admin?done=demo-removed', admin.cookie);
      assert.match(home.text, /The demo content has been removed\./);

      assert.equal(await app.services.demo.isLoaded(), false);
      const after = await front();
      assert.equal(after.cache, 'miss');
      assert.ok(!after.text.includes('Harwick'), 'no demo article is shown');
      assert.ok(after.text.includes('Our own council story'));

      const again = await get('/admin/site/demo/remove', admin.cookie);
      assert.match(again.text, /There is no demo content on this site/);
      assert.ok(!again.text.includes('action="/admin/site/demo/remove"'), 'no button');
    });

    test('DELETE /api/v1/demo removes what is left (here, nothing) and says so', async () => {
      const res = await fetch(`${app.url}/api/v1/demo`, {
        method: 'DELETE',
        headers: { cookie: admin.cookie, origin },
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { loaded: boolean; articles: number; comments: number };
      assert.deepEqual([body.loaded, body.articles, body.comments], [false, 0, 0]);
    });
  });
}
