/** The newsroom API through the whole app: workflow, roles, conflicts, revisions, URLs. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role, User } from '../src/domain/user.js';
import type { Change } from '../src/services/changes.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { storedPerson } from './helpers/fixtures.js';
import { json, type Json } from './helpers/http.js';

interface Person {
  user: User;
  cookie: string;
}

let serial = 0;

for (const database of databases()) {
  describe(`newsroom API on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let author: Person;
    let otherAuthor: Person;
    let editor: Person;
    let moderator: Person;
    const changes: Change[] = [];

    const person = async (role: Role): Promise<Person> => {
      const slug = `${role}-${++serial}`;
      const user = await storedPerson(db.store, { slug, name: `The ${slug}`, role });
      const { id } = await app.services.sessions.start(user.id);
      return { user, cookie: `bs_session=${id}` };
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

    const ok = async (res: Response, status = 200): Promise<Json> => {
      const body = await json(res);
      assert.equal(res.status, status, JSON.stringify(body));
      return body;
    };

    const draft = async (who: Person = author, extra: Record<string, unknown> = {}) =>
      ok(
        await call('POST', '/api/v1/articles', who, {
          headline: `A story number ${++serial}`,
          section: 'news',
          body: 'The first paragraph.',
          ...extra,
        }),
        201,
      );

    const published = async (extra: Record<string, unknown> = {}) => {
      const a = await draft(author, extra);
      return ok(await call('POST', `/api/v1/articles/${a.id}/publish`, editor, {}));
    };

    const path = (url: string) => new URL(url).pathname;

    before(async () => {
      db = await database.open();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      await db.store.sections.upsert({
        slug: 'politics',
        name: 'Politics',
        description: '',
        position: 1,
      });
      author = await person('author');
      otherAuthor = await person('author');
      editor = await person('editor');
      moderator = await person('moderator');
      app.services.changes.subscribe((c) => changes.push(c));
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('an author creates a draft: their byline, a slug from the headline, version 1', async () => {
      const a = await ok(
        await call('POST', '/api/v1/articles', author, {
          headline: 'Café owners welcome the new square',
          section: 'news',
          standfirst: 'A short summary.',
          body: 'Text.',
          tags: ['Town centre', 'Shops', 'town  centre'],
          dateline: 'PENNOCK',
        }),
        201,
      );
      assert.equal(a.status, 'draft');
      assert.equal(a.version, 1);
      assert.equal(a.slug, 'cafe-owners-welcome-the-new-square');
      assert.deepEqual(
        a.authors.map((p: { id: string }) => p.id),
        [author.user.id],
      );
      assert.deepEqual(
        a.tags.map((t: { slug: string }) => t.slug),
        ['town-centre', 'shops'],
      );
      assert.equal(a.publishedAt, null);
      assert.equal(a.updatedAt, null);
      // Not public: readers get 404, the author sees it.
      assert.equal((await call('GET', `/api/v1/articles/${a.id}`, null)).status, 404);
      assert.equal((await call('GET', `/api/v1/articles/${a.id}`, author)).status, 200);
      assert.equal((await call('GET', `/api/v1/articles/${a.id}`, otherAuthor)).status, 404);
      // The same headline again gets a numbered slug.
      const again = await ok(
        await call('POST', '/api/v1/articles', author, {
          headline: 'Café owners welcome the new square',
          section: 'news',
        }),
        201,
      );
      assert.equal(again.slug, 'cafe-owners-welcome-the-new-square-2');
    });

    test('bad input is a 400 that says what is wrong', async () => {
      const noSection = await call('POST', '/api/v1/articles', author, {
        headline: 'x',
        section: 'nowhere',
      });
      assert.equal(noSection.status, 400);
      assert.match((await json(noSection)).error.message, /no section "nowhere"/);
      const blank = await call('POST', '/api/v1/articles', author, {
        headline: '   ',
        section: 'news',
      });
      assert.equal(blank.status, 400);
      const a = await draft();
      const badSlug = await call('PATCH', `/api/v1/articles/${a.id}`, author, {
        version: 1,
        slug: 'Not A Slug',
      });
      assert.equal(badSlug.status, 400);
      const taken = await call('PATCH', `/api/v1/articles/${a.id}`, author, {
        version: 1,
        slug: 'cafe-owners-welcome-the-new-square',
      });
      assert.equal(taken.status, 409);
      const commenterAsAuthor = await call('PATCH', `/api/v1/articles/${a.id}`, author, {
        version: 1,
        authors: [moderator.user.id],
      });
      assert.equal(commenterAsAuthor.status, 400);
    });

    test('roles: commenters and moderators cannot write; authors cannot publish or touch others’ work', async () => {
      const body = { headline: 'Nope', section: 'news' };
      assert.equal((await call('POST', '/api/v1/articles', moderator, body)).status, 403);
      assert.equal((await call('POST', '/api/v1/articles', null, body)).status, 401);
      const a = await draft();
      assert.equal(
        (await call('POST', `/api/v1/articles/${a.id}/publish`, author, {})).status,
        403,
      );
      assert.equal(
        (await call('PATCH', `/api/v1/articles/${a.id}`, otherAuthor, { version: 1, body: 'x' }))
          .status,
        403,
      );
      assert.equal(
        (await call('POST', `/api/v1/articles/${a.id}/submit`, otherAuthor, {})).status,
        403,
      );
      assert.equal(
        (
          await call('POST', `/api/v1/articles/${a.id}/corrections`, author, {
            kind: 'correction',
            text: 'x',
          })
        ).status,
        403,
      );
      // Once published, the author can no longer edit it; an editor can.
      await ok(await call('POST', `/api/v1/articles/${a.id}/publish`, editor, {}));
      assert.equal(
        (await call('PATCH', `/api/v1/articles/${a.id}`, author, { version: 1, body: 'x' })).status,
        403,
      );
      await ok(await call('PATCH', `/api/v1/articles/${a.id}`, editor, { version: 1, body: 'y' }));
    });

    test('draft → review → published → unpublished; the public page follows, 410 at the end', async () => {
      const a = await draft();
      const reviewed = await ok(await call('POST', `/api/v1/articles/${a.id}/submit`, author, {}));
      assert.equal(reviewed.status, 'review');
      const again = await call('POST', `/api/v1/articles/${a.id}/submit`, author, {});
      assert.equal(again.status, 409);
      changes.length = 0;
      const pub = await ok(await call('POST', `/api/v1/articles/${a.id}/publish`, editor, {}));
      assert.equal(pub.status, 'published');
      assert.ok(pub.publishedAt);
      assert.equal(pub.updatedAt, null);
      // Published under its section and author: those listings are named for the page cache.
      assert.deepEqual(changes, [
        {
          kind: 'article',
          articleId: a.id,
          sections: ['news'],
          authors: [pub.authors[0].slug],
          tags: [],
        },
      ]);
      assert.match(path(pub.url), /^\/news\/\d{4}\/\d{2}\/\d{2}\/a-story-number-\d+$/);
      const page = await call('GET', path(pub.url), null);
      assert.equal(page.status, 200);
      assert.equal((await call('GET', `/api/v1/articles/${a.id}`, null)).status, 200);

      changes.length = 0;
      const off = await ok(await call('POST', `/api/v1/articles/${a.id}/unpublish`, editor, {}));
      assert.equal(off.status, 'unpublished');
      // Listed there before the change: the same listings are named.
      assert.deepEqual(changes, [
        {
          kind: 'article',
          articleId: a.id,
          sections: ['news'],
          authors: [pub.authors[0].slug],
          tags: [],
        },
      ]);
      const gone = await call('GET', path(pub.url), null);
      assert.equal(gone.status, 410);
      const notice = await gone.text();
      assert.match(notice, /withdrawn/);
      assert.equal((await call('GET', `/api/v1/articles/${a.id}`, null)).status, 410);
      // Published again: the same address (its first publication date is kept).
      const back = await ok(await call('POST', `/api/v1/articles/${a.id}/publish`, editor, {}));
      assert.equal(back.url, pub.url);
      assert.equal(back.publishedAt, pub.publishedAt);
    });

    test('an editor sends an article in review back to draft with a note the author reads', async () => {
      const a = await draft();
      // Only from review, and only by an editor.
      const early = await call('POST', `/api/v1/articles/${a.id}/return`, editor, {});
      assert.equal(early.status, 409);
      assert.match((await json(early)).error.message, /draft cannot be sent back/);
      await ok(await call('POST', `/api/v1/articles/${a.id}/submit`, author, {}));
      const byAuthor = await call('POST', `/api/v1/articles/${a.id}/return`, author, {});
      assert.equal(byAuthor.status, 403);
      const long = await call('POST', `/api/v1/articles/${a.id}/return`, editor, {
        note: 'x'.repeat(2_001),
      });
      assert.equal(long.status, 400);
      changes.length = 0;
      const back = await ok(
        await call('POST', `/api/v1/articles/${a.id}/return`, editor, {
          note: 'Needs a second source for the figures.',
        }),
      );
      assert.equal(back.status, 'draft');
      assert.equal(back.returned.note, 'Needs a second source for the figures.');
      assert.equal(back.returned.byName, editor.user.name);
      assert.ok(Date.parse(back.returned.at) > 0);
      // A draft was never listed: the change names no listing.
      assert.deepEqual(changes, [
        { kind: 'article', articleId: a.id, sections: [], authors: [], tags: [] },
      ]);
      // The author reads it, edits (an author may edit a draft) and submits again: the note goes.
      const seen = await ok(await call('GET', `/api/v1/articles/${a.id}`, author));
      assert.equal(seen.returned.note, 'Needs a second source for the figures.');
      await ok(
        await call('PATCH', `/api/v1/articles/${a.id}`, author, {
          version: seen.version,
          body: 'Two sources now.',
        }),
      );
      const again = await ok(await call('POST', `/api/v1/articles/${a.id}/submit`, author, {}));
      assert.equal(again.status, 'review');
      assert.equal(again.returned, null);
      // Without a note it still goes back.
      const plain = await ok(await call('POST', `/api/v1/articles/${a.id}/return`, editor, {}));
      assert.equal(plain.status, 'draft');
      assert.equal(plain.returned.note, '');
    });

    test('a stale edit gets 409 with the current article; nothing is overwritten', async () => {
      const a = await draft();
      const first = await ok(
        await call('PATCH', `/api/v1/articles/${a.id}`, author, { version: 1, body: 'Mine.' }),
      );
      assert.equal(first.version, 2);
      assert.equal(first.body, 'Mine.');
      const stale = await call('PATCH', `/api/v1/articles/${a.id}`, editor, {
        version: 1,
        body: 'Theirs.',
      });
      assert.equal(stale.status, 409);
      const conflict = await json(stale);
      assert.equal(conflict.error.code, 'conflict');
      assert.equal(conflict.current.version, 2);
      assert.equal(conflict.current.body, 'Mine.');
      const now = await ok(await call('GET', `/api/v1/articles/${a.id}`, author));
      assert.equal(now.body, 'Mine.');
    });

    test('two saves from the same version at once: exactly one wins', async () => {
      const a = await draft();
      const results = await Promise.all(
        ['one', 'two', 'three', 'four'].map((text) =>
          call('PATCH', `/api/v1/articles/${a.id}`, editor, { version: 1, body: text }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409, 409, 409]);
      const revisions = await ok(await call('GET', `/api/v1/articles/${a.id}/revisions`, editor));
      assert.deepEqual(
        revisions.items.map((r: { version: number }) => r.version),
        [2, 1],
      );
    });

    test('every save is a revision; any can be read and restored as a new one', async () => {
      const a = await draft(author, { body: 'Version one.' });
      await ok(
        await call('PATCH', `/api/v1/articles/${a.id}`, author, { version: 1, body: 'Two.' }),
      );
      await ok(
        await call('PATCH', `/api/v1/articles/${a.id}`, author, {
          version: 2,
          body: 'Three.',
          headline: 'A new headline',
        }),
      );
      const list = await ok(await call('GET', `/api/v1/articles/${a.id}/revisions`, author));
      assert.deepEqual(
        list.items.map((r: { version: number }) => r.version),
        [3, 2, 1],
      );
      assert.equal(list.items[0].savedBy.id, author.user.id);
      const one = await ok(await call('GET', `/api/v1/articles/${a.id}/revisions/1`, author));
      assert.equal(one.body, 'Version one.');
      assert.equal(one.headline, a.headline);
      const stale = await call('POST', `/api/v1/articles/${a.id}/revisions/1/restore`, author, {
        version: 2,
      });
      assert.equal(stale.status, 409);
      const restored = await ok(
        await call('POST', `/api/v1/articles/${a.id}/revisions/1/restore`, author, { version: 3 }),
      );
      assert.equal(restored.version, 4);
      assert.equal(restored.body, 'Version one.');
      assert.equal(restored.headline, a.headline);
      const after = await ok(await call('GET', `/api/v1/articles/${a.id}/revisions`, author));
      assert.equal(after.items.length, 4);
      assert.equal(after.items[0].note, 'Restored version 1');
      assert.equal(
        (await call('GET', `/api/v1/articles/${a.id}/revisions`, otherAuthor)).status,
        403,
      );
    });

    test('"Updated" moves only for a substantive edit, never for a typo fix', async () => {
      const a = await published();
      const typo = await ok(
        await call('PATCH', `/api/v1/articles/${a.id}`, editor, {
          version: a.version,
          body: 'The first paragraph, fixed.',
        }),
      );
      assert.equal(typo.updatedAt, null);
      const byAuthor = await call('PATCH', `/api/v1/articles/${a.id}`, author, {
        version: typo.version,
        body: 'x',
        substantive: true,
        updateNote: 'x',
      });
      assert.equal(byAuthor.status, 403);
      const noNote = await call('PATCH', `/api/v1/articles/${a.id}`, editor, {
        version: typo.version,
        substantive: true,
      });
      assert.equal(noNote.status, 400);
      const update = await ok(
        await call('PATCH', `/api/v1/articles/${a.id}`, editor, {
          version: typo.version,
          body: 'New facts.',
          substantive: true,
          updateNote: 'Adds the council’s reply.',
        }),
      );
      assert.ok(update.updatedAt);
      const page = await (await call('GET', path(update.url), null)).text();
      assert.match(page, /Updated <time datetime="[^"]+"/);
      assert.match(page, /Adds the council’s reply\./);
      const revisions = await ok(await call('GET', `/api/v1/articles/${a.id}/revisions`, editor));
      assert.equal(revisions.items[0].substantive, true);
      assert.equal(revisions.items[1].substantive, false);
    });

    test('a changed slug or section leaves a permanent redirect from the old address', async () => {
      const a = await published();
      const oldPath = path(a.url);
      const renamed = await ok(
        await call('PATCH', `/api/v1/articles/${a.id}`, editor, {
          version: a.version,
          slug: `renamed-${serial}`,
        }),
      );
      const moved = await call('GET', oldPath, null);
      assert.equal(moved.status, 301);
      assert.equal(moved.headers.get('location'), path(renamed.url));
      const print = await call('GET', `${oldPath}/print`, null);
      assert.equal(print.status, 301);
      assert.equal(print.headers.get('location'), `${path(renamed.url)}/print`);

      const resectioned = await ok(
        await call('PATCH', `/api/v1/articles/${a.id}`, editor, {
          version: renamed.version,
          section: 'politics',
        }),
      );
      assert.match(path(resectioned.url), /^\/politics\//);
      for (const old of [oldPath, path(renamed.url)]) {
        const res = await call('GET', old, null);
        assert.equal(res.status, 301, old);
        assert.equal(res.headers.get('location'), path(resectioned.url));
      }
      assert.equal((await call('GET', path(resectioned.url), null)).status, 200);
      // The old slug is not free for another article.
      const b = await draft();
      const clash = await call('PATCH', `/api/v1/articles/${b.id}`, author, {
        version: 1,
        slug: oldPath.split('/').pop(),
      });
      assert.equal(clash.status, 409);
    });

    test('publish with a future `at` schedules; a past one is refused with 422', async () => {
      const a = await draft();
      const at = new Date(Date.now() + 3_600_000).toISOString();
      const scheduled = await ok(
        await call('POST', `/api/v1/articles/${a.id}/publish`, editor, { at }),
      );
      assert.equal(scheduled.status, 'scheduled');
      assert.equal(scheduled.publishAt, at);
      assert.equal(scheduled.publishedAt, null);
      assert.equal((await call('GET', `/api/v1/articles/${a.id}`, null)).status, 404);
      // Unpublishing a scheduled article cancels it: back to review.
      const cancelled = await ok(
        await call('POST', `/api/v1/articles/${a.id}/unpublish`, editor, {}),
      );
      assert.equal(cancelled.status, 'review');
      assert.equal(cancelled.publishAt, null);
      // A time already past is refused, never published at once: Publish now is its own action.
      const past = await call('POST', `/api/v1/articles/${a.id}/publish`, editor, {
        at: '2020-01-01T00:00:00Z',
      });
      assert.equal(past.status, 422);
      assert.equal(
        ((await past.json()) as { error: { condition: string } }).error.condition,
        'time_in_past',
      );
      assert.equal((await app.services.newsroom.article(editor.user, a.id)).status, 'review');
      const noOffset = await call('POST', `/api/v1/articles/${a.id}/publish`, editor, {
        at: '2099-01-01T09:00',
      });
      assert.equal(noOffset.status, 400, 'a time without an offset names no instant');
      const offset = await ok(
        await call('POST', `/api/v1/articles/${a.id}/publish`, editor, {
          at: '2099-07-01T09:00:00-04:00',
        }),
      );
      assert.equal(offset.publishAt, '2099-07-01T13:00:00.000Z');
      const bad = await call('POST', `/api/v1/articles/${(await draft()).id}/publish`, editor, {
        at: 'tomorrow',
      });
      assert.equal(bad.status, 400);
    });

    test('an article without an author cannot be published', async () => {
      const a = await draft(editor, { authors: [] });
      const res = await call('POST', `/api/v1/articles/${a.id}/publish`, editor, {});
      assert.equal(res.status, 422);
    });

    test('corrections: typed, dated, placed by priority, never deleted, only retracted with a note', async () => {
      const a = await published({ body: 'The body paragraph.' });
      const post = (payload: unknown, who: Person = editor) =>
        call('POST', `/api/v1/articles/${a.id}/corrections`, who, payload);
      const clarification = await ok(
        await post({ kind: 'clarification', text: 'The meeting was public.' }),
        201,
      );
      assert.equal(clarification.priority, 'normal');
      let now = await ok(await call('GET', `/api/v1/articles/${a.id}`, null));
      assert.equal(now.updatedAt, null, 'a clarification does not move Updated');
      const high = await ok(
        await post({
          kind: 'correction',
          text: 'An earlier version named the wrong mayor.',
          priority: 'high',
        }),
        201,
      );
      now = await ok(await call('GET', `/api/v1/articles/${a.id}`, null));
      assert.equal(now.updatedAt, high.createdAt, 'a correction moves Updated');
      const update = await ok(await post({ kind: 'update', text: 'The vote is on Friday.' }), 201);
      now = await ok(await call('GET', `/api/v1/articles/${a.id}`, null));
      assert.equal(now.updatedAt, update.createdAt);
      assert.equal((await post({ kind: 'erratum', text: 'x' })).status, 400);
      assert.equal((await post({ kind: 'correction', text: '  ' })).status, 400);

      let page = await (await call('GET', path(a.url), null)).text();
      const articleHtml = page.slice(page.indexOf('<article'));
      const bodyAt = articleHtml.indexOf('The body paragraph.');
      const highAt = articleHtml.indexOf('An earlier version named the wrong mayor.');
      const lowAt = articleHtml.indexOf('The meeting was public.');
      assert.ok(highAt > 0 && highAt < bodyAt, 'high priority above the body');
      assert.ok(lowAt > bodyAt, 'normal priority below the body');
      assert.match(page, /<span class="kind">Correction<\/span>, <time datetime="/);

      // Retraction: a note is required, it happens once, and the notice stays visible.
      const retract = (note: string) =>
        call('POST', `/api/v1/articles/${a.id}/corrections/${high.id}/retract`, editor, { note });
      assert.equal((await retract(' ')).status, 400);
      assert.equal(
        (
          await call('POST', `/api/v1/articles/${a.id}/corrections/${high.id}/retract`, author, {
            note: 'x',
          })
        ).status,
        403,
      );
      const retracted = await ok(await retract('The mayor was named correctly.'));
      assert.ok(retracted.retractedAt);
      assert.equal(retracted.retractionNote, 'The mayor was named correctly.');
      assert.equal((await retract('again')).status, 409);
      now = await ok(await call('GET', `/api/v1/articles/${a.id}`, null));
      assert.equal(now.corrections.length, 3, 'nothing deleted');
      page = await (await call('GET', path(a.url), null)).text();
      assert.match(page, /<s>An earlier version named the wrong mayor\.<\/s>/);
      assert.match(page, /<strong>Retracted<\/strong>[\s\S]*?The mayor was named correctly\./);
      const ld = JSON.parse(
        /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '{}',
      ) as { correction?: { text: string }[] };
      assert.deepEqual(
        ld.correction?.map((c) => c.text),
        ['The meeting was public.', 'The vote is on Friday.'],
        'a retracted notice leaves the structured data',
      );

      // The site-wide list (the syndication page): live notices, newest first, linked.
      const list = await call('GET', '/corrections', null);
      assert.equal(list.status, 200);
      const listed = await list.text();
      const order = ['The vote is on Friday.', 'The meeting was public.'].map((t) =>
        listed.indexOf(t),
      );
      assert.ok(
        order.every((i) => i > 0),
        'both listed',
      );
      assert.ok(order[0]! < order[1]!, 'newest first');
      assert.ok(!listed.includes('named the wrong mayor'), 'a retracted one leaves the list');
      assert.ok(listed.includes(`href="${path(a.url)}#corrections-heading"`));
      assert.match(page, /<h2 id="corrections-heading">Important correction<\/h2>/);
      assert.match(page, /<h2 id="corrections-more-heading">Corrections and clarifications<\/h2>/);
    });

    test('tag pages list the published articles with that tag; the article links to them', async () => {
      const tag = `Harbour ${++serial}`;
      const a = await published({ tags: [tag] });
      await draft(author, { tags: [tag], headline: 'A hidden draft on the harbour' });
      const slug = tag.toLowerCase().replace(' ', '-');
      const page = await call('GET', `/tag/${slug}`, null);
      assert.equal(page.status, 200);
      const text = await page.text();
      assert.match(text, new RegExp(`<h1 class="page-title">${tag}</h1>`));
      assert.ok(text.includes(`href="${path(a.url)}"`));
      assert.ok(!text.includes('A hidden draft'));
      const article = await (await call('GET', path(a.url), null)).text();
      assert.ok(article.includes(`<a href="/tag/${slug}">${tag}</a>`));
      assert.equal((await call('GET', '/tag/no-such-topic', null)).status, 404);
    });

    test('related stories: the editor’s picks first, then shared tags, then section, then text', async () => {
      await db.store.sections.upsert({
        slug: 'islands',
        name: 'Islands',
        description: '',
        position: 5,
      });
      const story = async (headline: string, section: string, tags: string[] = []) =>
        published({ headline, section, tags });
      const unrelated = await story('Choir sings at the quayside', 'news');
      const textual = await story('Zennorwick dredging starts in spring', 'news');
      const sameSection = await story('Budget vote on the islands', 'islands');
      const tagged = await story('Crew strike stops the boats', 'news', ['Ferry routes']);
      const pick = await story('Council meets on Thursday', 'news');
      const subject = await published({
        headline: 'Zennorwick ferry fares rise again',
        section: 'islands',
        tags: ['Ferry routes'],
        related: [pick.slug],
      });
      const page = await (await call('GET', path(subject.url), null)).text();
      const aside = page.slice(page.indexOf('<aside class="related"'));
      const shown = [...aside.matchAll(/<li><a href="[^"]+">([^<]+)<\/a><\/li>/g)].map((m) => m[1]);
      assert.deepEqual(shown, [
        pick.headline,
        tagged.headline,
        sameSection.headline,
        textual.headline,
      ]);
      assert.ok(!shown.includes(unrelated.headline));
    });

    test('the OpenAPI document describes the newsroom calls', async () => {
      const doc = await ok(await call('GET', '/api/v1/openapi.json', null));
      assert.ok(doc.paths['/api/v1/articles'].post);
      assert.ok(doc.paths['/api/v1/articles/{id}'].patch);
      for (const action of ['submit', 'publish', 'unpublish', 'corrections', 'revisions']) {
        assert.ok(doc.paths[`/api/v1/articles/{id}/${action}`], action);
      }
      assert.ok(doc.components.schemas.Article.properties.publishAt);
    });
  });
}
