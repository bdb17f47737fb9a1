/**
 * The site's time zone: every time readers and editors see is local (with the zone's name),
 * the masthead and the page cache turn at local midnight, and scheduling takes local time —
 * refusing past times and times the clocks pass twice or skip.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NewsroomService } from '../src/services/newsroom.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { postForm } from './helpers/http.js';
import {
  publishedArticle,
  signedInPerson,
  storedComment,
  storedPerson,
  type Person,
} from './helpers/fixtures.js';

const newYork = 'America/New_York';

describe('a site in America/New_York', () => {
  let db: OpenedStore;
  let app: RunningApp;
  let editor: Person;
  // The app's clock: the masthead's date and the page cache's day read it.
  let clock = new Date('2026-07-04T16:00:00Z');

  const get = (path: string, who?: Person) =>
    fetch(app.url + path, { headers: who ? { cookie: who.cookie } : {}, redirect: 'manual' });
  const post = (path: string, who: Person, fields: Record<string, string>) =>
    postForm(app.url + path, fields, who);

  before(async () => {
    db = await openSqliteStore();
    app = await startApp(db, {}, undefined, { clock: () => clock });
    const admin = await storedPerson(db.store, { role: 'admin' });
    await app.services.site.update(admin, { timeZone: newYork });
    editor = await signedInPerson(db.store, app, { role: 'editor', slug: 'the-editor' });
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  test('the article, the front page, comments and listings show local times; feeds stay RFC-valid', async () => {
    const article = await publishedArticle(db.store, {
      headline: 'Fireworks over the river',
      publishedAt: '2026-07-04T14:05:00.000Z',
    });
    // Written at 03:30 UTC on 10 January: still the evening of the 9th in New York.
    await storedComment(db.store, {
      articleId: article.id,
      body: 'Loud.',
      createdAt: '2026-01-10T03:30:00.000Z',
    });
    const path = '/news/2026/07/04/fireworks-over-the-river';
    const page = await (await get(path)).text();
    assert.match(
      page,
      /Published <time datetime="2026-07-04T14:05:00.000Z">4 July 2026, 10:05\u00a0EDT<\/time>/,
    );
    assert.match(
      page,
      /<time datetime="2026-01-10T03:30:00.000Z">9 January 2026, 22:30\u00a0EST<\/time>/,
    );
    assert.match(
      page,
      /<body data-time-zone="America\/New_York">/,
      'the scripts format in the zone',
    );
    assert.doesNotMatch(page, /\u00a0UTC</);

    const front = await (await get('/')).text();
    assert.match(front, /4 July 2026, 10:05\u00a0EDT/);
    const section = await (await get('/news')).text();
    assert.match(section, /4 July 2026, 10:05\u00a0EDT/);

    // Feeds carry machine times: RFC 822 in GMT for RSS, RFC 3339 for Atom.
    const rss = await (await get('/feed.xml')).text();
    assert.match(rss, /<pubDate>Sat, 04 Jul 2026 14:05:00 GMT<\/pubDate>/);
    const atom = await (await get('/atom.xml')).text();
    assert.match(atom, /<published>2026-07-04T14:05:00(\.000)?Z<\/published>/);
  });

  test('the masthead date and the cached page turn at New York’s midnight', async () => {
    const dateOf = (page: string) =>
      /<div class="masthead__top">\s*<time datetime="[\d-]+"\s*>([^<]+)<\/time/.exec(page)?.[1];
    // 23:59 on Saturday 7 March in New York is already Sunday in UTC.
    clock = new Date('2026-03-08T04:59:00Z');
    const first = await get('/');
    assert.equal(dateOf(await first.text()), 'Saturday, 7 March 2026');
    const again = await get('/');
    assert.equal(again.headers.get('x-cache'), 'hit');
    assert.equal(dateOf(await again.text()), 'Saturday, 7 March 2026');

    clock = new Date('2026-03-08T05:00:00Z');
    const midnight = await get('/');
    assert.equal(midnight.headers.get('x-cache'), 'miss', 'the day ended: the page is drawn again');
    assert.equal(dateOf(await midnight.text()), 'Sunday, 8 March 2026');
    clock = new Date('2026-07-04T16:00:00Z');
  });

  test('the schedule form takes local time; a DST-crossing schedule publishes at its instant', async () => {
    const a = await publishedArticle(db.store, {
      headline: 'Clocks go forward',
      status: 'review',
      publishedAt: null,
    });
    const panel = await (await get(`/admin/articles/${a.id}`, editor)).text();
    assert.match(panel, /<label for="publish-at">Publish at \(America\/New_York\)<\/label>/);

    // 09:00 on 14 March 2027, the morning the clocks go forward: 09:00 EDT is 13:00 UTC.
    const scheduled = await post(`/admin/articles/${a.id}/publish`, editor, {
      at: '2027-03-14T09:00',
    });
    assert.equal(scheduled.status, 303);
    const stored = await app.services.newsroom.article(editor.user, a.id);
    assert.equal(stored.publishAt, '2027-03-14T13:00:00.000Z');
    const shown = await (await get(`/admin/articles/${a.id}`, editor)).text();
    assert.match(shown, /value="2027-03-14T09:00"/, 'the form shows it back in local time');
    assert.match(shown, /14 March 2027, 09:00\u00a0EDT/);

    // The scheduler, its clock a minute before and then at the instant.
    let now = new Date('2027-03-14T12:59:00Z');
    const newsroom = new NewsroomService({
      store: db.store,
      changes: app.services.changes,
      now: () => now,
    });
    assert.deepEqual(await newsroom.publishDue(), []);
    now = new Date('2027-03-14T13:00:00Z');
    assert.deepEqual(await newsroom.publishDue(), [a.id]);
    assert.equal((await app.services.newsroom.article(editor.user, a.id)).status, 'published');
  });

  test('a past time is refused beside the field, and nothing is published', async () => {
    const a = await publishedArticle(db.store, {
      headline: 'Embargoed',
      status: 'review',
      publishedAt: null,
    });
    const res = await post(`/admin/articles/${a.id}/publish`, editor, { at: '2020-01-01T09:00' });
    assert.equal(res.status, 422);
    const page = await res.text();
    assert.match(page, /<p class="field-error" id="publish-at-error">[\s\S]*already passed/);
    assert.match(page, /aria-invalid="true"/);
    assert.match(page, /value="2020-01-01T09:00"/, 'the time typed is kept');
    assert.match(page, /<a href="#publish-at">/, 'the summary links to the field');
    assert.equal((await app.services.newsroom.article(editor.user, a.id)).status, 'review');

    const empty = await post(`/admin/articles/${a.id}/publish`, editor, { at: '' });
    assert.equal(empty.status, 422, 'an empty schedule is not Publish now');
    assert.equal((await app.services.newsroom.article(editor.user, a.id)).status, 'review');
  });

  test('a time that happens twice or never is refused, naming both; a choice settles it', async () => {
    const a = await publishedArticle(db.store, {
      headline: 'Clocks go back',
      status: 'review',
      publishedAt: null,
    });
    const twice = await post(`/admin/articles/${a.id}/publish`, editor, {
      at: '2027-11-07T01:30',
    });
    assert.equal(twice.status, 422);
    const page = await twice.text();
    assert.match(
      page,
      /01:30 happens twice on 7 November 2027 in America\/New_York: choose 01:30 EDT \(UTC\u22124\) or 01:30 EST \(UTC\u22125\)/,
    );
    assert.match(
      page,
      /type="radio" id="publish-at-choice-0" name="choice" value="2027-11-07T05:30:00.000Z"/,
    );
    assert.match(page, /name="choice" value="2027-11-07T06:30:00.000Z"/);

    const chosen = await post(`/admin/articles/${a.id}/publish`, editor, {
      at: '2027-11-07T01:30',
      choice: '2027-11-07T06:30:00.000Z',
    });
    assert.equal(chosen.status, 303);
    assert.equal(
      (await app.services.newsroom.article(editor.user, a.id)).publishAt,
      '2027-11-07T06:30:00.000Z',
    );

    // A choice left from another time does not apply to this one.
    const never = await post(`/admin/articles/${a.id}/publish`, editor, {
      at: '2027-03-14T02:30',
      choice: '2027-11-07T06:30:00.000Z',
    });
    assert.equal(never.status, 422);
    assert.match(
      await never.text(),
      /02:30 does not happen on 14 March 2027 in America\/New_York, because the clocks go forward: choose 03:30 EDT \(UTC\u22124\) or 01:30 EST \(UTC\u22125\)/,
    );
  });

  test('an invitation mail says until when its link works, in local time', async () => {
    const admin = await storedPerson(db.store, { role: 'admin' });
    const invitation = await app.services.invitations.invite(admin, {
      email: 'new.writer@example.com',
      role: 'author',
    });
    const mail = (await db.store.outbox.list(50)).find((m) => m.to === 'new.writer@example.com');
    assert.ok(mail, 'the invitation was mailed');
    const expires = new Date(invitation.expiresAt);
    const local = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: newYork,
    })
      .format(expires)
      .replace(' at ', ', ');
    assert.match(mail.text, new RegExp(`The link works once, until ${local}\u00a0E[SD]T\\.`));
  });

  test('front-page pin expiries are typed and shown in local time', async () => {
    const admin = await signedInPerson(db.store, app, { role: 'admin' });
    const story = await publishedArticle(db.store, { headline: 'Pinned story' });
    const saved = await post('/admin/front', admin, {
      lead: story.id,
      leadExpires: '2099-07-01T18:00',
      intent: 'save',
    });
    assert.equal(saved.status, 303);
    const arrangement = await app.services.front.arrangement();
    assert.equal(arrangement.lead?.expiresAt, '2099-07-01T22:00:00.000Z');
    const form = await (await get('/admin/front', admin)).text();
    assert.match(form, /Unpin after \(America\/New_York time, optional\)/);
    assert.match(form, /value="2099-07-01T18:00"/);
  });
});
