/** The newsroom pages as plain forms (no JavaScript): list, editor, preview, conflicts, workflow. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../src/domain/user.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { postForm } from './helpers/http.js';
import { signedInPerson, type Person } from './helpers/fixtures.js';

let serial = 0;

describe('newsroom pages', () => {
  let db: OpenedStore;
  let app: RunningApp;
  let author: Person;
  let editor: Person;

  const person = (role: Role): Promise<Person> => {
    const slug = `${role}-${++serial}`;
    return signedInPerson(db.store, app, { slug, role, name: `The ${slug}` });
  };

  const get = (path: string, who: Person) =>
    fetch(app.url + path, { headers: { cookie: who.cookie }, redirect: 'manual' });
  const post = (path: string, who: Person, fields: Record<string, string>) =>
    postForm(app.url + path, fields, who);

  before(async () => {
    db = await openSqliteStore();
    app = await startApp(db);
    await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
    author = await person('author');
    editor = await person('editor');
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  const fields = (extra: Record<string, string> = {}) => ({
    headline: 'Harbour wall to be rebuilt',
    standfirst: 'The council votes on Friday.',
    body: 'The *old* wall is failing.',
    section: 'news',
    dateline: 'PENNOCK',
    tags: 'Harbour, Council',
    authors: author.user.slug,
    related: '',
    slug: '',
    ...extra,
  });

  test('write, preview without saving, save, and see it in the filtered list', async () => {
    const preview = await post('/admin/articles', author, { ...fields(), intent: 'preview' });
    assert.equal(preview.status, 200);
    const previewed = await preview.text();
    assert.match(previewed, /<h2 id="preview-heading">Preview<\/h2>/);
    assert.match(
      previewed,
      /<div class="article__body">\s*<p>The <em>old<\/em> wall is failing\.<\/p>/,
    );
    assert.equal(
      (await app.services.newsroom.list(editor.user, { page: 1, perPage: 50 })).length,
      0,
    );

    const created = await post('/admin/articles', author, { ...fields(), intent: 'save' });
    assert.equal(created.status, 303);
    const location = created.headers.get('location') ?? '';
    assert.match(location, /^\/admin\/articles\/[0-9a-z]+\?done=created$/);
    const page = await (await get(location, author)).text();
    assert.match(page, /The draft has been created\./);
    assert.match(page, /value="harbour-wall-to-be-rebuilt"/);
    assert.match(page, /data-autosave="/);
    assert.match(page, /Submit for review/);
    assert.ok(!page.includes('Publish now'), 'authors do not get the publish button');

    const list = await (await get('/admin/articles?status=draft&q=harbour', editor)).text();
    assert.match(list, /Harbour wall to be rebuilt/);
    const none = await (await get('/admin/articles?status=published&q=harbour', editor)).text();
    assert.ok(!none.includes('Harbour wall to be rebuilt'));
    const byAuthor = await (await get(`/admin/articles?author=${author.user.slug}`, editor)).text();
    assert.match(byAuthor, /Harbour wall to be rebuilt/);
  });

  test('related stories are picked by search without JavaScript, and nothing unsaved is lost', async () => {
    const publishedStory = async (headline: string) => {
      const a = await app.services.newsroom.create(editor.user, {
        headline,
        section: 'news',
        body: 'The lighthouse keeper retires after forty years.',
        authors: [author.user.slug],
      });
      return app.services.newsroom.publish(editor.user, a.id);
    };
    const first = await publishedStory('Lighthouse keeper retires');
    const second = await publishedStory('Lighthouse to be automated');
    const hidden = await app.services.newsroom.create(editor.user, {
      headline: 'Lighthouse draft never published',
      section: 'news',
      body: 'Lighthouse.',
    });
    const a = await app.services.newsroom.create(author.user, {
      headline: 'Coast path reopens',
      section: 'news',
      body: 'Walkers are back.',
    });
    const form = (extra: Record<string, string>) => ({
      ...fields({ headline: 'Coast path reopens, unsaved words', body: 'Unsaved body.' }),
      version: '1',
      ...extra,
    });
    const step = async (related: string, intent: string, relatedQuery = 'lighthouse') => {
      const res = await post(
        `/admin/articles/${a.id}`,
        author,
        form({ related, relatedQuery, intent }),
      );
      assert.equal(res.status, 200);
      return res.text();
    };
    const picks = (page: string) =>
      [...page.matchAll(/<li data-slug="([a-z0-9-]+)"/g)].map((m) => m[1]);
    const hiddenValue = (page: string) =>
      /name="related" id="related" value="([^"]*)"/.exec(page)?.[1];

    const searched = await step('', 'related-search');
    assert.match(searched, /<label for="related-q">Find published articles to add<\/label>/);
    assert.match(searched, /role="status">2 published articles match\.<\/p>/);
    assert.match(
      searched,
      new RegExp(
        `value="related-add:${first.slug}">Add<span class="visually-hidden"> “Lighthouse keeper retires”`,
      ),
    );
    assert.match(searched, new RegExp(`value="related-add:${second.slug}"`));
    assert.ok(!searched.includes(hidden.slug), 'drafts are not offered');
    assert.match(
      searched,
      /value="Coast path reopens, unsaved words"/,
      'the unsaved headline stays',
    );
    assert.match(searched, />Unsaved body\.<\/textarea>/);
    assert.match(
      searched,
      /id="related-q" name="relatedQuery" type="search" value="lighthouse" maxlength="200" autofocus/,
    );

    const added = await step('', `related-add:${first.slug}`);
    assert.match(added, /Added “Lighthouse keeper retires” as related story 1 of 1\./);
    assert.equal(hiddenValue(added), first.slug);
    assert.ok(!added.includes(`value="related-add:${first.slug}"`), 'a pick is not offered again');
    const both = await step(first.slug, `related-add:${second.slug}`);
    assert.deepEqual(picks(both).slice(0, 2), [first.slug, second.slug]);
    const moved = await step(`${first.slug}, ${second.slug}`, 'related-up:1');
    assert.equal(hiddenValue(moved), `${second.slug}, ${first.slug}`);
    assert.match(moved, /“Lighthouse to be automated” is now related story 1 of 2\./);
    assert.match(
      moved,
      /value="related-down:0">Move down<span class="visually-hidden"> “Lighthouse to be automated”/,
    );
    const removed = await step(`${second.slug}, ${first.slug}`, 'related-remove:1');
    assert.equal(hiddenValue(removed), second.slug);
    assert.match(removed, /Removed “Lighthouse keeper retires”\./);

    // Nothing was saved by any of it; Save then keeps the picks in order.
    assert.equal((await app.services.newsroom.article(editor.user, a.id)).version, 1);
    const saved = await post(
      `/admin/articles/${a.id}`,
      author,
      form({ related: `${second.slug}, ${first.slug}`, intent: 'save' }),
    );
    assert.equal(saved.status, 303);
    const after = await app.services.newsroom.article(editor.user, a.id);
    assert.deepEqual(after.relatedIds, [second.id, first.id]);
    assert.equal(after.headline, 'Coast path reopens, unsaved words');
    const page = await (await get(`/admin/articles/${a.id}`, author)).text();
    assert.deepEqual(picks(page).slice(0, 2), [second.slug, first.slug]);
    assert.match(
      page,
      /<h3 class="related-picker__heading" id="related-chosen-heading">Chosen \(2 of 10\)<\/h3>/,
    );
    // The form's first submit button is Save, so Enter in a field saves rather than picks.
    const firstButton = /<button[^>]*>/.exec(page.slice(page.indexOf('aria-label="Article"')))?.[0];
    assert.match(firstButton ?? '', /value="save"/);
  });

  test('staff set the bio and photo of their author page; the page shows them at once', async () => {
    const writer = await person('author');
    const a = await app.services.newsroom.create(editor.user, {
      headline: 'Pier reopens',
      section: 'news',
      body: 'Open again.',
      authors: [writer.user.slug],
    });
    await app.services.newsroom.publish(editor.user, a.id);
    const authorPage = async () => (await fetch(`${app.url}/author/${writer.user.slug}`)).text();
    assert.doesNotMatch(await authorPage(), /author-photo/);
    await authorPage(); // now cached
    const account = await (await get('/account', writer)).text();
    assert.match(account, /<h2 id="profile-heading">Your author page<\/h2>/);
    assert.match(account, /<label for="profile-photo">Photo address<\/label>/);
    const wrong = await post('/account/profile', writer, {
      bio: 'Writes about piers.',
      photo: 'https://elsewhere.example/me.gif',
    });
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /must be an image stored by this site/);
    const saved = await post('/account/profile', writer, {
      bio: 'Writes about piers and the people on them.',
      photo: 'https://broadsheet.test/images/0123456789abcdef0123456789abcdef.webp',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), '/account?done=profile');
    const shown = await authorPage();
    assert.match(
      shown,
      new RegExp(
        `<img class="author-photo" src="/images/0123456789abcdef0123456789abcdef.webp" alt="Photo of ${writer.user.name}"`,
      ),
    );
    assert.match(shown, /Writes about piers and the people on them\./);
    // Commenters have no author page to set.
    const commenter = await person('commenter');
    assert.equal((await post('/account/profile', commenter, { bio: 'x' })).status, 403);
    assert.doesNotMatch(await (await get('/account', commenter)).text(), /profile-heading/);
  });

  test('a stale save shows both versions and keeps the text that was sent', async () => {
    const a = await app.services.newsroom.create(author.user, {
      headline: 'Ferry times change',
      section: 'news',
      body: 'Boats leave at nine.',
    });
    await app.services.newsroom.edit(editor.user, a.id, {
      version: 1,
      body: 'Boats leave at ten.',
    });
    const res = await post(`/admin/articles/${a.id}`, author, {
      ...fields({ headline: 'Ferry times change', body: 'Boats leave at eleven.' }),
      version: '1',
      intent: 'save',
    });
    assert.equal(res.status, 409);
    const page = await res.text();
    assert.match(page, /Someone else saved this article while you were editing/);
    assert.match(
      page,
      /<del class="diff__removed"><span class="visually-hidden">\[removed: <\/span>ten/,
    );
    assert.match(
      page,
      /<ins class="diff__added"><span class="visually-hidden">\[added: <\/span>eleven/,
    );
    assert.match(page, />Boats leave at eleven\.<\/textarea>/, 'their own text stays in the form');
    assert.match(page, /name="version" value="2"/);
    const saved = await app.services.newsroom.article(editor.user, a.id);
    assert.equal(saved.body, 'Boats leave at ten.');
    // Saving again, now from version 2, is a deliberate overwrite.
    const again = await post(`/admin/articles/${a.id}`, author, {
      ...fields({ headline: 'Ferry times change', body: 'Boats leave at eleven.' }),
      version: '2',
      intent: 'save',
    });
    assert.equal(again.status, 303);
  });

  test('submit, schedule, publish, correct and compare revisions through forms', async () => {
    const a = await app.services.newsroom.create(author.user, {
      headline: 'Library opens late',
      section: 'news',
      body: 'Open until eight.',
    });
    assert.equal((await post(`/admin/articles/${a.id}/publish`, author, {})).status, 403);
    const submitted = await post(`/admin/articles/${a.id}/submit`, author, {});
    assert.equal(submitted.headers.get('location'), `/admin/articles/${a.id}?done=submitted`);
    const editorPage = await (await get(`/admin/articles/${a.id}`, editor)).text();
    assert.match(editorPage, /Publish now/);
    assert.match(editorPage, /Publish at \(UTC\)/);
    const scheduled = await post(`/admin/articles/${a.id}/publish`, editor, {
      at: '2099-05-01T09:00',
    });
    assert.equal(scheduled.headers.get('location'), `/admin/articles/${a.id}?done=scheduled`);
    assert.equal(
      (await app.services.newsroom.article(editor.user, a.id)).publishAt,
      '2099-05-01T09:00:00.000Z',
    );
    const published = await post(`/admin/articles/${a.id}/publish`, editor, {});
    assert.equal(published.headers.get('location'), `/admin/articles/${a.id}?done=published`);
    const corrected = await post(`/admin/articles/${a.id}/corrections`, editor, {
      kind: 'correction',
      priority: 'high',
      text: 'It opens until nine.',
    });
    assert.equal(corrected.status, 303);
    const blank = await post(`/admin/articles/${a.id}/corrections`, editor, {
      kind: 'correction',
      priority: 'normal',
      text: '',
    });
    assert.equal(blank.status, 400);
    assert.match(await blank.text(), /Write the text of the notice/);

    const current = await app.services.newsroom.article(editor.user, a.id);
    await post(`/admin/articles/${a.id}`, editor, {
      ...fields({
        headline: 'Library opens late',
        body: 'Open until nine.',
        authors: author.user.slug,
      }),
      version: String(current.version),
      intent: 'save',
    });
    const compare = await (
      await get(`/admin/articles/${a.id}/revisions/compare?a=1&b=2`, author)
    ).text();
    assert.match(compare, /Version 1 compared with version 2/);
    assert.match(compare, /\[removed: <\/span>eight/);
    assert.match(compare, /\[added: <\/span>nine/);
  });

  test('an editor sends an article back to draft; the author sees the note on the editor page', async () => {
    const a = await app.services.newsroom.create(author.user, {
      headline: 'Bridge repairs delayed',
      section: 'news',
      body: 'Work stops for winter.',
    });
    assert.doesNotMatch(
      await (await get(`/admin/articles/${a.id}`, editor)).text(),
      /Send back to draft/,
    );
    await post(`/admin/articles/${a.id}/submit`, author, {});
    const inReview = await (await get(`/admin/articles/${a.id}`, editor)).text();
    assert.match(inReview, /<label for="return-note">Note to the author \(optional\)<\/label>/);
    assert.doesNotMatch(
      await (await get(`/admin/articles/${a.id}`, author)).text(),
      /Send back to draft/,
    );
    assert.equal((await post(`/admin/articles/${a.id}/return`, author, { note: 'x' })).status, 403);
    const sent = await post(`/admin/articles/${a.id}/return`, editor, {
      note: 'Say when work starts again.\nAnd who pays.',
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.get('location'), `/admin/articles/${a.id}?done=returned`);
    const page = await (await get(`/admin/articles/${a.id}`, author)).text();
    assert.match(page, /<h2 id="returned-heading">Sent back to draft<\/h2>/);
    assert.match(page, new RegExp(`${editor.user.name} sent this article back on <time`));
    assert.match(page, /Say when work starts again.\nAnd who pays./);
    assert.match(page, /tag--draft/);
    assert.match(page, /Submit for review/);
    await post(`/admin/articles/${a.id}/submit`, author, {});
    assert.doesNotMatch(
      await (await get(`/admin/articles/${a.id}`, author)).text(),
      /returned-heading/,
    );
  });

  test('an editor closes, pre-moderates and reopens comments on one article', async () => {
    const a = await app.services.newsroom.create(author.user, {
      headline: 'Ferry timetable changes',
      section: 'news',
      body: 'New times from Monday.',
    });
    await app.services.newsroom.publish(editor.user, a.id);
    // Authors do not see the settings; editors do, following the site's setting at first.
    assert.doesNotMatch(
      await (await get(`/admin/articles/${a.id}`, author)).text(),
      /Comments on this article/,
    );
    const page = await (await get(`/admin/articles/${a.id}`, editor)).text();
    assert.match(page, /<h2 id="comment-settings-heading">Comments on this article<\/h2>/);
    assert.match(page, /<option value=""\s+selected>As the site’s setting<\/option>/);

    const closed = await post(`/admin/articles/${a.id}/comments`, editor, {
      mode: 'closed',
      autoCloseHours: '',
    });
    assert.equal(closed.headers.get('location'), `/admin/articles/${a.id}?done=comments`);
    assert.deepEqual(await app.services.commentSettings.articleSettings(a.id), {
      mode: 'closed',
      autoCloseHours: null,
    });
    const refused = await fetch(`${app.url}/api/v1/articles/${a.id}/comments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://broadsheet.test',
        cookie: editor.cookie,
      },
      body: JSON.stringify({ body: 'Will the early boat still run?' }),
    });
    assert.equal(refused.status, 422);
    assert.match(
      await (await get(`/admin/articles/${a.id}`, editor)).text(),
      /<option value="closed"\s+selected>Closed<\/option>/,
    );

    // Bad values are refused with a message and change nothing.
    for (const body of [
      { mode: 'sometimes', autoCloseHours: '' },
      { mode: 'open', autoCloseHours: 'two' },
      { mode: 'open', autoCloseHours: '-1' },
    ]) {
      const bad = await post(`/admin/articles/${a.id}/comments`, editor, body);
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Choose open|whole number of hours/);
    }
    assert.equal((await app.services.commentSettings.articleSettings(a.id)).mode, 'closed');

    await post(`/admin/articles/${a.id}/comments`, editor, {
      mode: 'premoderated',
      autoCloseHours: '48',
    });
    assert.deepEqual(await app.services.commentSettings.articleSettings(a.id), {
      mode: 'premoderated',
      autoCloseHours: 48,
    });
    await post(`/admin/articles/${a.id}/comments`, editor, { mode: '', autoCloseHours: '' });
    assert.deepEqual(await app.services.commentSettings.articleSettings(a.id), {
      mode: null,
      autoCloseHours: null,
    });
    assert.equal(
      (await post(`/admin/articles/${a.id}/comments`, author, { mode: 'closed' })).status,
      403,
    );
  });

  test('moderators and commenters are kept out', async () => {
    const moderator = await person('moderator');
    assert.equal((await get('/admin/articles', moderator)).status, 403);
    const commenter = await person('commenter');
    assert.equal((await get('/admin/articles', commenter)).status, 403);
  });
});
