/**
 * The comments in the reader's language (issue 17), through the whole app on both databases:
 * drawn in the pseudo-language en-XA, an article's comment section (threads, replies shown flat,
 * placeholders, likes, Featured, the form, Report, one's own comments awaiting review or
 * rejected, the closed and pre-moderated notices, the moderators' thread settings), the live
 * fragment and the pages about one comment (versions, edit, delete) have no text of their own
 * outside the catalogue; with the site in German, counts, words and times are German.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath, type Article } from '../src/domain/article.js';
import type { Comment } from '../src/domain/comment.js';
import type { User } from '../src/domain/user.js';
import { translator } from '../src/i18n/translator.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { pseudoCookie, untranslated } from './helpers/pseudo.js';

/** The comments section and what follows it in <main> (the thread settings). */
function commentsPart(page: string): string {
  const start = page.indexOf('<section\n    class="comments"');
  const end = page.indexOf('</main>');
  assert.ok(start > 0 && end > start, 'the page has a comments section');
  return page.slice(start, end);
}

function mainPart(page: string): string {
  const start = page.indexOf('<main');
  const end = page.indexOf('</main>');
  assert.ok(start > 0 && end > start, 'the page has a main element');
  return page.slice(start, end);
}

for (const database of databases()) {
  describe(`comments in the reader's language on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let ann: Person;
    let bob: Person;
    let mod: Person;
    let admin: Person;
    let open: Article;
    let held: Article;
    let closed: Article;
    let timedOut: Article;
    const comments: Comment[] = [];
    let annsOwn: Comment;
    let zone = 'UTC';

    const person = (slug: string, name: string, role?: User['role']) =>
      signedInPerson(db.store, app, {
        slug,
        name,
        ...(role ? { role } : {}),
        createdAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      });

    const get = async (path: string, who: Person | null, cookie = pseudoCookie) => {
      const cookies = [cookie, who?.cookie].filter(Boolean).join('; ');
      const res = await fetch(app.url + path, { headers: { cookie: cookies } });
      assert.equal(res.status, 200, `${path} answers 200`);
      return res.text();
    };

    /** People's and the site's own words: names, bodies, headlines, addresses; and the times. */
    const allowed = (part: string): string[] => {
      const xa = translator('en-XA', zone);
      const times = [...part.matchAll(/<time datetime="([^"]+)"/g)].map((m) => xa.dateTime(m[1]!));
      return [
        ...times,
        ...[ann, bob, mod, admin].flatMap((p) => [p.user.name, p.user.email]),
        ...[open, held, closed, timedOut].map((a) => a.headline),
        ...comments.map((c) => c.body.replace(/\*/g, '')),
        'Off topic here',
      ];
    };

    const check = (part: string, what: string) => {
      assert.deepEqual(
        untranslated(part, allowed(part)),
        [],
        `${what}: English outside the catalogue`,
      );
    };

    before(async () => {
      db = await database.open();
      app = await startApp(
        db,
        // The page cache is not what this file tests (and keys pages by language elsewhere).
        { PAGE_CACHE_MB: '0' },
        {
          commentPostsPerPerson: { max: 100_000, windowMs: 60_000 },
          commentPostsPerAddress: { max: 100_000, windowMs: 60_000 },
        },
      );
      zone = (await app.services.site.identity()).timeZone;
      ann = await person('ann', 'Ann Archer');
      bob = await person('bob', 'Ben Baker');
      mod = await person('mo', 'Mo Moderator', 'moderator');
      admin = await person('ad', 'Ada Admin', 'admin');
      const c = app.services.comments;
      const post = async (who: Person, article: Article, body: string, parentId?: string) => {
        const { comment } = await c.postComment({
          author: who.user,
          article: article.id,
          body,
          parentId,
        });
        comments.push(comment);
        return comment;
      };
      open = await publishedArticle(db.store, { headline: 'The council weighs the river plan' });
      const first = await post(ann, open, 'The figures do not match.');
      await c.editComment({
        author: ann.user,
        id: first.id,
        body: 'The figures do not match the minutes.',
      });
      comments.push({ ...first, body: 'The figures do not match the minutes.' });
      await c.react({ user: bob.user, id: first.id, on: true });
      // A chain deeper than the indented levels: the last replies are shown flat.
      let parent = first;
      for (let i = 1; i <= 6; i++) {
        parent = await post(i % 2 ? bob : ann, open, `Answer number ${i}`, parent.id);
      }
      const gone = await post(bob, open, 'I take it back.');
      await post(ann, open, 'Why, it was fair.', gone.id);
      await c.deleteComment({ author: bob.user, id: gone.id });
      await post(bob, open, 'A second thought on the plan.');
      await app.services.moderation.act(mod.user, [first.id], 'feature');
      annsOwn = await post(ann, open, 'My own recent words.');

      held = await publishedArticle(db.store, { headline: 'A story held for review' });
      await app.services.commentSettings.setArticleSettings(held.id, {
        mode: 'premoderated',
        autoCloseHours: null,
      });
      await post(ann, held, 'Waiting for a moderator.');
      const rejected = await post(ann, held, 'Not on topic at all.');
      await app.services.moderation.act(mod.user, [rejected.id], 'reject', 'Off topic here');

      closed = await publishedArticle(db.store, { headline: 'A closed story' });
      await app.services.commentSettings.setArticleSettings(closed.id, {
        mode: 'closed',
        autoCloseHours: null,
      });
      timedOut = await publishedArticle(db.store, {
        headline: 'An old story',
        publishedAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
      });
      await app.services.commentSettings.setArticleSettings(timedOut.id, {
        mode: null,
        autoCloseHours: 1,
      });
    });
    after(async () => {
      await app?.close();
      await db?.dispose();
    });

    test('en-XA: the comment section has no English of its own, for anyone', async () => {
      const path = articlePath(open);
      const anonymous = commentsPart(await get(path, null));
      assert.match(anonymous, /comment__deleted/);
      assert.match(anonymous, /comment__reply-to/);
      assert.match(anonymous, /featured-comments/);
      assert.match(anonymous, /comment__reactions/);
      assert.match(anonymous, /comment-signin/);
      check(anonymous, 'anonymous');

      const signedIn = commentsPart(await get(path, ann));
      assert.match(signedIn, /id="comment-body"/);
      assert.match(signedIn, /comment__report/);
      assert.match(signedIn, /\/edit"/);
      check(signedIn, 'signed in');

      const replying = commentsPart(await get(`${path}?reply=${comments[1]!.id}`, ann));
      assert.match(replying, /name="parentId"/);
      check(replying, 'replying');

      const around = commentsPart(await get(`${path}?comment=${comments[3]!.id}`, bob));
      check(around, 'around one comment');

      const moderator = commentsPart(await get(path, mod));
      assert.match(moderator, /id="thread-settings"/);
      check(moderator, 'moderator');

      const own = commentsPart(await get(articlePath(held), ann));
      assert.match(own, /own-comment--pending/);
      assert.match(own, /own-comment--rejected/);
      check(own, 'pre-moderated, with one’s own comments');

      for (const a of [closed, timedOut]) {
        const part = commentsPart(await get(articlePath(a), null));
        assert.match(part, /comments-closed/);
        check(part, a.headline);
      }
      assert.match(commentsPart(await get(articlePath(timedOut), null)), /closed[^<]*<time/);
    });

    test('en-XA: the live fragment and the pages about one comment', async () => {
      const fragment = await get(`/comments/${comments[2]!.id}/fragment`, ann);
      assert.match(fragment, /^<li class="comment"/);
      check(fragment, 'fragment');
      const deep = comments[6]!;
      const flat = await get(`/comments/${deep.id}/fragment?sort=newest`, bob);
      assert.match(flat, /comment__reply-to/);
      check(flat, 'flat fragment');

      check(mainPart(await get(`/comments/${comments[0]!.id}/history`, null)), 'history');
      check(mainPart(await get(`/comments/${annsOwn.id}/edit`, ann)), 'edit');
      check(mainPart(await get(`/comments/${annsOwn.id}/delete`, ann)), 'delete');
    });

    test('with the site in German, the comments are German, counts and times included', async () => {
      const res = await fetch(`${app.url}/api/v1/site`, {
        method: 'PATCH',
        headers: {
          origin: 'http://broadsheet.test',
          'content-type': 'application/json',
          cookie: admin.cookie,
        },
        body: JSON.stringify({ language: 'de-DE' }),
      });
      assert.equal(res.status, 200);
      try {
        const de = translator('de-DE', zone);
        const page = await get(articlePath(open), null, '');
        const part = commentsPart(page);
        assert.match(part, /Kommentare <span class="comment-total">\(\d+\)<\/span>/);
        assert.match(part, /1 Gefällt-mir-Angabe/);
        assert.match(part, /Kommentar gelöscht/);
        assert.match(part, /als Antwort an (Ann Archer|Ben Baker)/);
        assert.match(part, /Melden Sie sich an, um zu kommentieren/);
        const first = comments[0]!;
        assert.ok(part.includes(de.dateTime(first.createdAt)), 'a German time');
        assert.match(de.dateTime(first.createdAt), /^\d{1,2}\. [A-ZÄÖÜ][a-zä]+ \d{4}, \d\d:\d\d/);
        // The scripts' words come with the page: "3 neue Kommentare anzeigen".
        const texts = JSON.parse(
          (/data-texts="([^"]*)"/.exec(part)?.[1] ?? '{}').replace(/&quot;/g, '"'),
        );
        assert.equal(texts.locale, 'de-DE');
        assert.equal(texts.show.other.replace('{n}', '3'), '3 neue Kommentare anzeigen');
        assert.equal(texts.show.one.replace('{n}', '1'), '1 neuen Kommentar anzeigen');
        assert.equal(texts.toolbar.other.replace('{n}', '3'), 'Kommentieren, 3 Kommentare');
        // The closed notice, with its time in German.
        const timed = commentsPart(await get(articlePath(timedOut), null, ''));
        assert.match(
          timed,
          /Die Kommentare sind geschlossen \(seit <time datetime="[^"]+">\d{1,2}\. /,
        );
        const history = mainPart(await get(`/comments/${first.id}/history`, null, ''));
        assert.match(history, /Fassungen eines Kommentars von Ann Archer/);
        assert.match(history, /einmal bearbeitet/);
      } finally {
        const back = await fetch(`${app.url}/api/v1/site`, {
          method: 'PATCH',
          headers: {
            origin: 'http://broadsheet.test',
            'content-type': 'application/json',
            cookie: admin.cookie,
          },
          body: JSON.stringify({ language: 'en-GB' }),
        });
        assert.equal(back.status, 200);
      }
    });
  });
}
