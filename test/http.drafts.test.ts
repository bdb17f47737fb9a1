/**
 * Deleting drafts through the whole app (decisions/0040): the API and the newsroom pages. An
 * author deletes their own draft (then it is gone from the editor and the API), not another's;
 * an editor deletes anyone's; a published or once-published article is refused; an admin lists
 * and recovers deleted drafts; the purge removes them for good after 30 days.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../src/domain/user.js';
import type { Change } from '../src/services/changes.js';
import { NewsroomService } from '../src/services/newsroom.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { signedInPerson, type Person } from './helpers/fixtures.js';
import { json, type Json, postForm } from './helpers/http.js';

let serial = 0;

for (const database of databases()) {
  describe(`deleting drafts on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let author: Person;
    let otherAuthor: Person;
    let editor: Person;
    let admin: Person;
    const changes: Change[] = [];

    const person = (role: Role): Promise<Person> => {
      const slug = `${role}-${++serial}`;
      return signedInPerson(db.store, app, { slug, role, name: `The ${slug}` });
    };

    const call = (method: string, path: string, who: Person | null, body?: unknown) =>
      fetch(app.url + path, {
        method,
        redirect: 'manual',
        headers: {
          origin: 'http://broadsheet.test',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(who ? { cookie: who.cookie } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    const get = (path: string, who: Person) =>
      fetch(app.url + path, { headers: { cookie: who.cookie }, redirect: 'manual' });
    const post = (path: string, who: Person, fields: Record<string, string> = {}) =>
      postForm(app.url + path, fields, who);

    const ok = async (res: Response, status = 200): Promise<Json> => {
      const body = await json(res);
      assert.equal(res.status, status, JSON.stringify(body));
      return body;
    };
    const refused = async (res: Response, status: number, condition: string) => {
      const body = await json(res);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(body.error.condition, condition);
      return body;
    };

    const draft = async (who: Person = author, extra: Record<string, unknown> = {}) =>
      ok(
        await call('POST', '/api/v1/articles', who, {
          headline: `A draft number ${++serial}`,
          section: 'news',
          body: 'The first paragraph.',
          ...extra,
        }),
        201,
      );

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      author = await person('author');
      otherAuthor = await person('author');
      editor = await person('editor');
      admin = await person('admin');
      app.services.changes.subscribe((c) => changes.push(c));
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('an author deletes their own draft: gone from the editor, the API and the list', async () => {
      const a = await draft();
      const edited = await ok(
        await call('PATCH', `/api/v1/articles/${a.id}`, author, { version: 1, body: 'Second.' }),
      );
      assert.equal(edited.version, 2);
      changes.length = 0;
      const deleted = await ok(await call('DELETE', `/api/v1/articles/${a.id}`, author));
      assert.equal(deleted.id, a.id);
      assert.equal(deleted.status, 'draft');
      assert.equal(deleted.deletedBy.id, author.user.id);
      assert.equal(
        Date.parse(deleted.purgeAt) - Date.parse(deleted.deletedAt),
        30 * 24 * 3_600_000,
      );
      // A draft is on no listing: the announcement names none.
      assert.deepEqual(changes, [
        { kind: 'article', articleId: a.id, sections: [], authors: [], tags: [] },
      ]);

      for (const who of [author, editor, admin]) {
        await refused(await call('GET', `/api/v1/articles/${a.id}`, who), 404, 'not_found');
        await refused(await call('GET', `/api/v1/articles/${a.slug}`, who), 404, 'not_found');
        assert.equal((await get(`/admin/articles/${a.id}`, who)).status, 404);
      }
      await refused(
        await call('PATCH', `/api/v1/articles/${a.id}`, author, { version: 2, body: 'Third.' }),
        404,
        'not_found',
      );
      await refused(await call('DELETE', `/api/v1/articles/${a.id}`, author), 404, 'not_found');
      await refused(
        await call('GET', `/api/v1/articles/${a.id}/revisions`, editor),
        404,
        'not_found',
      );
      const list = await (await get('/admin/articles', editor)).text();
      assert.ok(!list.includes(a.headline as string));
      // Its address stays reserved while it can be recovered.
      await refused(
        await call('POST', '/api/v1/articles', author, {
          headline: 'Something else',
          section: 'news',
          slug: a.slug,
        }),
        409,
        'slug_taken',
      );
    });

    test('an author cannot delete another’s draft (403); an editor can', async () => {
      const a = await draft(otherAuthor);
      await refused(
        await call('DELETE', `/api/v1/articles/${a.id}`, author),
        403,
        'not_your_article',
      );
      assert.equal((await get(`/admin/articles/${a.id}/delete`, author)).status, 403);
      assert.equal((await post(`/admin/articles/${a.id}/delete`, author)).status, 403);
      // Still there.
      await ok(await call('GET', `/api/v1/articles/${a.id}`, otherAuthor));
      const deleted = await ok(await call('DELETE', `/api/v1/articles/${a.id}`, editor));
      assert.equal(deleted.deletedBy.id, editor.user.id);
      await refused(await call('GET', `/api/v1/articles/${a.id}`, otherAuthor), 404, 'not_found');
    });

    test('published, once-published and scheduled articles answer 409; commenters 403', async () => {
      const published = await draft();
      await ok(await call('POST', `/api/v1/articles/${published.id}/publish`, editor, {}));
      const refusal = await refused(
        await call('DELETE', `/api/v1/articles/${published.id}`, editor),
        409,
        'not_deletable',
      );
      assert.match(refusal.error.message, /only be unpublished/);
      await ok(await call('POST', `/api/v1/articles/${published.id}/unpublish`, editor, {}));
      await refused(
        await call('DELETE', `/api/v1/articles/${published.id}`, admin),
        409,
        'not_deletable',
      );
      const scheduled = await draft();
      await ok(
        await call('POST', `/api/v1/articles/${scheduled.id}/publish`, editor, {
          at: new Date(Date.now() + 86_400_000).toISOString(),
        }),
      );
      const later = await refused(
        await call('DELETE', `/api/v1/articles/${scheduled.id}`, editor),
        409,
        'not_deletable',
      );
      assert.match(later.error.message, /cancel the schedule/);
      // Cancelled: back in review, never published, so it can go.
      await ok(await call('POST', `/api/v1/articles/${scheduled.id}/unpublish`, editor, {}));
      await ok(await call('DELETE', `/api/v1/articles/${scheduled.id}`, editor));

      const commenter = await person('commenter');
      const a = await draft();
      await refused(
        await call('DELETE', `/api/v1/articles/${a.id}`, commenter),
        403,
        'role_not_allowed',
      );
      await refused(
        await call('DELETE', `/api/v1/articles/${a.id}`, null),
        401,
        'sign_in_required',
      );
    });

    test('an admin lists deleted drafts and recovers one as it was, with its revisions', async () => {
      const a = await draft(author, { tags: ['Harbour'] });
      const saved = await ok(
        await call('PATCH', `/api/v1/articles/${a.id}`, author, { version: 1, body: 'Better.' }),
      );
      await ok(await call('POST', `/api/v1/articles/${a.id}/submit`, author, {}));
      const before = await ok(await call('GET', `/api/v1/articles/${a.id}`, author));
      assert.equal(before.status, 'review');
      await ok(await call('DELETE', `/api/v1/articles/${a.id}`, author));

      for (const who of [author, editor]) {
        await refused(await call('GET', '/api/v1/articles/deleted', who), 403, 'role_not_allowed');
        await refused(
          await call('POST', `/api/v1/articles/${a.id}/recover`, who, {}),
          403,
          'role_not_allowed',
        );
      }
      const listed = await ok(await call('GET', '/api/v1/articles/deleted?limit=100', admin));
      const entry = listed.items.find((d: { id: string }) => d.id === a.id);
      assert.equal(entry.headline, saved.headline);
      assert.equal(entry.status, 'review');
      assert.equal(entry.version, 2);
      assert.equal(listed.nextCursor, null);
      const first = await ok(await call('GET', '/api/v1/articles/deleted?limit=1', admin));
      assert.equal(first.items.length, 1);
      if (listed.items.length > 1) {
        assert.equal(first.nextCursor, '1');
        const second = await ok(
          await call('GET', `/api/v1/articles/deleted?limit=1&cursor=${first.nextCursor}`, admin),
        );
        assert.equal(second.items[0].id, listed.items[1].id);
      }

      const recovered = await ok(await call('POST', `/api/v1/articles/${a.id}/recover`, admin, {}));
      assert.deepEqual(recovered, before);
      const revisions = await ok(await call('GET', `/api/v1/articles/${a.id}/revisions`, author));
      assert.deepEqual(
        revisions.items.map((r: { version: number }) => r.version),
        [2, 1],
      );
      await ok(await call('GET', `/api/v1/articles/${a.id}`, author));
      await refused(
        await call('POST', `/api/v1/articles/${a.id}/recover`, admin, {}),
        404,
        'not_found',
      );
      const after = await ok(await call('GET', '/api/v1/articles/deleted?limit=100', admin));
      assert.ok(!after.items.some((d: { id: string }) => d.id === a.id));
    });

    test('the purge removes a deleted draft for good once its 30 days are over', async () => {
      const a = await draft();
      const deleted = await ok(await call('DELETE', `/api/v1/articles/${a.id}`, author));
      let clock = new Date(Date.parse(deleted.purgeAt) - 1_000);
      const newsroom = new NewsroomService({
        store: db.store,
        changes: app.services.changes,
        now: () => clock,
      });
      assert.ok(!(await newsroom.purgeDeleted()).includes(a.id as string), 'not before its time');
      await ok(await call('GET', '/api/v1/articles/deleted?limit=100', admin)).then((l) =>
        assert.ok(l.items.some((d: { id: string }) => d.id === a.id)),
      );
      clock = new Date(deleted.purgeAt as string);
      assert.ok((await newsroom.purgeDeleted()).includes(a.id as string));
      const list = await ok(await call('GET', '/api/v1/articles/deleted?limit=100', admin));
      assert.ok(!list.items.some((d: { id: string }) => d.id === a.id));
      await refused(
        await call('POST', `/api/v1/articles/${a.id}/recover`, admin, {}),
        404,
        'not_found',
      );
      // The slug is free again.
      const again = await draft(author, { headline: 'Reuse', slug: a.slug });
      assert.equal(again.slug, a.slug);
    });

    test('pages: delete with a confirmation, see the notice; an admin recovers from the list', async () => {
      const a = await draft();
      const editorPage = await (await get(`/admin/articles/${a.id}`, author)).text();
      assert.match(
        editorPage,
        new RegExp(
          `<a class="button button--danger" href="/admin/articles/${a.id}/delete">Delete draft</a>`,
        ),
      );

      const confirm = await get(`/admin/articles/${a.id}/delete`, author);
      assert.equal(confirm.status, 200);
      const confirmPage = await confirm.text();
      assert.match(confirmPage, /<h1>Delete this draft\?<\/h1>/);
      assert.match(confirmPage, new RegExp(`action="/admin/articles/${a.id}/delete"`));
      assert.match(confirmPage, /name="_csrf"/);
      assert.match(confirmPage, /Cancel, keep the draft/);
      assert.match(confirmPage, /kept with all its revisions for 30 days/);

      // Without the form's token nothing happens.
      const forged = await fetch(`${app.url}/admin/articles/${a.id}/delete`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://broadsheet.test',
          cookie: author.cookie,
        },
        body: '',
      });
      assert.equal(forged.status, 403);
      await ok(await call('GET', `/api/v1/articles/${a.id}`, author));

      const done = await post(`/admin/articles/${a.id}/delete`, author);
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), '/admin/articles?done=deleted');
      const list = await (await get('/admin/articles?done=deleted', author)).text();
      assert.match(list, /The draft has been deleted\. An admin can recover it for 30 days\./);
      assert.equal((await get(`/admin/articles/${a.id}`, author)).status, 404);
      assert.equal((await get(`/admin/articles/${a.id}/delete`, author)).status, 404);

      assert.equal((await get('/admin/articles/deleted', editor)).status, 403);
      assert.equal((await post(`/admin/articles/${a.id}/recover`, editor)).status, 403);
      const deletedPage = await (await get('/admin/articles/deleted', admin)).text();
      assert.match(deletedPage, /<h1>Deleted drafts<\/h1>/);
      assert.ok(deletedPage.includes(a.headline as string));
      assert.match(deletedPage, new RegExp(`action="/admin/articles/${a.id}/recover"`));
      assert.match(deletedPage, /href="\/admin\/articles\/deleted"\s+aria-current="page"/);

      const recovered = await post(`/admin/articles/${a.id}/recover`, admin);
      assert.equal(recovered.status, 303);
      assert.equal(recovered.headers.get('location'), `/admin/articles/${a.id}?done=recovered`);
      const back = await (await get(`/admin/articles/${a.id}?done=recovered`, admin)).text();
      assert.match(back, /The draft has been recovered as it was, with its revisions\./);
      assert.equal((await post(`/admin/articles/${a.id}/recover`, admin)).status, 404);
    });

    test('pages: no delete button on a published article; its confirmation page says why (409)', async () => {
      const a = await draft();
      await ok(await call('POST', `/api/v1/articles/${a.id}/publish`, editor, {}));
      const editorPage = await (await get(`/admin/articles/${a.id}`, editor)).text();
      assert.ok(!editorPage.includes('Delete draft'));
      const confirm = await get(`/admin/articles/${a.id}/delete`, editor);
      assert.equal(confirm.status, 409);
      const page = await confirm.text();
      assert.match(page, /only be unpublished/);
      assert.ok(!page.includes(`action="/admin/articles/${a.id}/delete"`));
      const posted = await post(`/admin/articles/${a.id}/delete`, editor);
      assert.equal(posted.status, 409);
      assert.match(await posted.text(), /only be unpublished/);
      await ok(await call('GET', `/api/v1/articles/${a.id}`, null));
    });

    test('the OpenAPI document describes the three calls', async () => {
      const doc = await ok(await call('GET', '/api/v1/openapi.json', null));
      assert.ok(doc.paths['/api/v1/articles/{id}'].delete);
      assert.ok(doc.paths['/api/v1/articles/deleted'].get);
      assert.ok(doc.paths['/api/v1/articles/{id}/recover'].post);
    });
  });
}
