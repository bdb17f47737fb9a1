/**
 * Errors through the whole app: the API's error object keeps its `code` (the kind) and adds the
 * `condition` and the `field`; forms mark the input an error names, whatever its wording.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { json, type Json } from './helpers/http.js';
import { signedInPerson, type Person } from './helpers/fixtures.js';

for (const database of databases()) {
  describe(`error answers on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let author: Person;

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

    const created = async (extra: Record<string, unknown> = {}): Promise<Json> => {
      const res = await call('POST', '/api/v1/articles', author, {
        headline: 'Harbour wall to be rebuilt',
        section: 'news',
        body: 'The old wall is failing.',
        ...extra,
      });
      const body = await json(res);
      assert.equal(res.status, 201, JSON.stringify(body));
      return body;
    };

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      author = await signedInPerson(db.store, app, { slug: 'error-author', role: 'author' });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('a stale PATCH answers 409: code conflict, condition stale_version, the current article', async () => {
      const article = await created();
      const saved = await call('PATCH', `/api/v1/articles/${article.id}`, author, {
        version: 1,
        body: 'Mine.',
      });
      assert.equal(saved.status, 200);
      const stale = await call('PATCH', `/api/v1/articles/${article.id}`, author, {
        version: 1,
        body: 'An older idea.',
      });
      assert.equal(stale.status, 409);
      const answer = await json(stale);
      assert.equal(answer.error.code, 'conflict');
      assert.equal(answer.error.condition, 'stale_version');
      assert.equal(answer.error.field, undefined);
      assert.match(answer.error.message, /Someone saved this article/);
      assert.equal(answer.current.version, 2);
    });

    test('a taken slug names its condition and the field', async () => {
      await created({ slug: 'harbour-wall' });
      const res = await call('POST', '/api/v1/articles', author, {
        headline: 'Another harbour story',
        section: 'news',
        slug: 'harbour-wall',
      });
      assert.equal(res.status, 409);
      const { error } = await json(res);
      assert.deepEqual(error, {
        code: 'conflict',
        condition: 'slug_taken',
        message: 'The slug "harbour-wall" is already used by another article.',
        field: 'slug',
      });
    });

    test('a schema refusal, a missing route and a missing sign-in keep their codes', async () => {
      const long = await call('POST', '/api/v1/articles', author, {
        headline: 'x'.repeat(301),
        section: 'news',
      });
      assert.equal(long.status, 400);
      const refused = (await json(long)).error;
      assert.equal(refused.code, 'bad_request');
      assert.equal(refused.condition, 'invalid_request');
      assert.equal(refused.field, 'headline');

      const nowhere = await json(await call('GET', '/api/v1/nowhere', null));
      assert.equal(nowhere.error.code, 'not_found');
      assert.equal(nowhere.error.condition, 'not_found');

      const anonymous = await call('POST', '/api/v1/articles', null, { headline: 'x' });
      assert.equal(anonymous.status, 401);
      const unsigned = (await json(anonymous)).error;
      assert.equal(unsigned.code, 'unauthorized');
      assert.equal(unsigned.condition, 'sign_in_required');
    });

    test('the OpenAPI error schema describes code, condition and field', async () => {
      const doc = await json(await call('GET', '/api/v1/openapi.json', null));
      const error = doc.components.schemas.Error.properties.error;
      assert.deepEqual(Object.keys(error.properties).sort(), [
        'code',
        'condition',
        'field',
        'message',
      ]);
      assert.deepEqual([...error.required].sort(), ['code', 'condition', 'message']);
    });

    test('the editor marks the input the error names, not one its message mentions', async () => {
      // The refused tag's name says "headline": a match over the message would mark that input.
      const tag = `Headline news ${'x'.repeat(60)}`;
      const res = await fetch(app.url + '/admin/articles', {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://broadsheet.test',
          cookie: author.cookie,
        },
        body: new URLSearchParams({
          _csrf: author.csrf,
          headline: 'A tagged story',
          section: 'news',
          tags: tag,
          authors: author.user.slug,
          intent: 'save',
        }).toString(),
      });
      assert.equal(res.status, 400);
      const page = await res.text();
      assert.match(page, /<a href="#tags">A tag can be at most 60 characters/);
      assert.match(page, /id="tags"[^>]*aria-invalid="true"/);
      assert.doesNotMatch(page, /id="headline"[^>]*aria-invalid="true"/);
    });
  });
}
