/**
 * Newsletter clicks without tracking anyone (issue 24, decisions/0091), on both databases, the
 * issue delivered to a real SMTP server: every link of the mail to the site's pages names the
 * issue as its campaign and nothing about the subscriber; a reader's view through such a link
 * counts as a click of that issue (from Fastify and the fast lane alike), a robot's does not;
 * /admin/insights lists the issue with its deliveries and clicks, so does the issue's page, and
 * the newsletters CSV has the same figures. The Sections table names sections by their name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { articlePath, type Article } from '../src/domain/article.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, signedInPerson, type Person } from './helpers/fixtures.js';
import { decodedBody } from './helpers/mail-parts.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';

const origin = 'http://broadsheet.test';
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const reader = {
  'user-agent': firefox,
  'accept-language': 'en-GB,en;q=0.8',
  accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
};
const campaign = 'briefing-issue-clicks-1';
const utm = `utm_source=newsletter&utm_medium=email&utm_campaign=${campaign}`;

for (const database of databases()) {
  describe(`newsletter clicks on ${database.name}`, () => {
    let db: OpenedStore;
    let app: RunningApp;
    let smtp: TestSmtp;
    let editor: Person;
    let story: Article;
    let mail = '';

    const get = async (path: string, headers: Record<string, string>) => {
      const res = await fetch(app.url + path, { headers });
      await res.arrayBuffer();
      return res;
    };
    const page = async (path: string) => {
      const res = await fetch(app.url + path, { headers: { cookie: editor.cookie } });
      assert.equal(res.status, 200, `${path} answered ${res.status}`);
      return res.text();
    };
    const block = (html: string, id: string) =>
      new RegExp(
        `<section class="insight-block" aria-labelledby="${id}">[\\s\\S]*?</section>`,
      ).exec(html)?.[0] ?? '';

    before(async () => {
      db = await database.open();
      smtp = await startSmtp();
      app = await startApp(db, { SMTP_URL: smtp.url });
      await db.store.settings.set('newsletters.ratePerSecond', '1000');
      editor = await signedInPerson(db.store, app, { slug: 'clicks-ed', role: 'editor' });
      story = await publishedArticle(db.store, { sectionSlug: 'sport', headline: 'Derby day' });
      const now = new Date().toISOString();
      await db.store.newsletters.addSubscriber({
        id: 'sub-clicks',
        email: 'clicks@example.com',
        userId: null,
        status: 'confirmed',
        source: 'form',
        at: now,
      });
      await db.store.newsletters.addLists('sub-clicks', ['briefing'], now);
      for (const [id, subject] of [
        ['issue-clicks-1', 'Morning with clicks'],
        ['issue-clicks-2', 'Evening without'],
      ] as const) {
        await db.store.newsletters.createIssue({
          id,
          key: `briefing:${id}`,
          slug: `briefing-${id}`,
          kind: 'briefing',
          list: 'briefing',
          status: 'draft',
          subject,
          intro: '',
          articleIds: [story.id],
          sendAt: null,
          createdAt: now,
        });
        assert.equal(await db.store.newsletters.queueIssue(id, ['draft'], now), 1);
      }
      for (let i = 0; i < 100; i++) {
        if ((await app.services.newsletterSender.round()).claimed === 0) break;
      }
      const first = smtp.messages.find((m) => m.subject === 'Morning with clicks');
      assert.ok(first, 'the issue was delivered');
      mail = decodedBody(first.raw);
    });
    after(async () => {
      await app?.close();
      await smtp?.close();
      await db?.dispose();
    });

    test("the mail's links to the site name the issue and nothing about the subscriber", () => {
      const links = [...mail.matchAll(/http:\/\/broadsheet\.test[^\s"<>]*/g)].map((m) =>
        m[0].replace(/&amp;/g, '&'),
      );
      const story_ = `${origin}${articlePath(story)}?${utm}`;
      assert.ok(links.includes(story_), 'the story (HTML and text)');
      assert.ok(links.includes(`${origin}/?${utm}`), 'the masthead');
      assert.ok(links.includes(`${origin}/newsletters/briefing-issue-clicks-1?${utm}`), 'web');
      for (const link of links) {
        const url = new URL(link);
        if (url.pathname.startsWith('/newsletters/manage') || url.pathname.includes('leave'))
          continue;
        if (url.search === '') continue; // images
        assert.deepEqual(
          [...url.searchParams.keys()],
          ['utm_source', 'utm_medium', 'utm_campaign'],
        );
        assert.equal(url.searchParams.get('utm_campaign'), campaign, link);
        assert.ok(!link.includes('sub-clicks'), "no subscriber's id in the links");
      }
    });

    test('views through the links count as clicks of the issue; robots and staff do not', async () => {
      const path = `${articlePath(story)}?${utm}`;
      assert.equal((await get(path, reader)).headers.get('x-cache'), 'miss');
      assert.equal((await get(path, reader)).headers.get('x-cache'), 'hit');
      await get(`/?${utm}`, reader);
      await get(path, {
        ...reader,
        'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      });
      await get(path, { ...reader, 'sec-gpc': '1' });
      await get(path, { ...reader, cookie: editor.cookie });
      // Another campaign, and a view without one, are not this issue's.
      await get(`${articlePath(story)}?utm_campaign=briefing-issue-clicks-9`, reader);
      await get(articlePath(story), reader);
      await app.services.views.flush();
      const issue = await db.store.newsletters.issueById('issue-clicks-1');
      const other = await db.store.newsletters.issueById('issue-clicks-2');
      assert.ok(issue && other);
      const clicks = await app.services.insights.newsletterClicks([issue, other]);
      assert.deepEqual(
        clicks.map((c) => [c.issue.id, c.delivered, c.clicks]),
        [
          ['issue-clicks-1', 1, 3],
          ['issue-clicks-2', 1, 0],
        ],
      );
    });

    test('/admin/insights lists the issues with deliveries and clicks; so does the issue page', async () => {
      const html = await page('/admin/insights');
      const table = block(html, 'insight-newsletters');
      assert.match(table, /<h2 id="insight-newsletters">Newsletters<\/h2>/);
      const row = /<tr>\s*<td><a href="\/admin\/newsletters\/issue-clicks-1">[\s\S]*?<\/tr>/.exec(
        table,
      )?.[0];
      assert.ok(row, table);
      const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) =>
        m[1]!.replace(/<[^>]+>/g, '').trim(),
      );
      assert.deepEqual(
        [cells[0], cells[1], cells[3], cells[4], cells[5]],
        ['Morning with clicks', 'The daily briefing', '1', '3', '300.0'],
      );
      assert.match(table, /Evening without/);
      assert.match(table, /href="\/admin\/insights\/newsletters\.csv\?from=/);
      const issuePage = await page('/admin/newsletters/issue-clicks-1');
      assert.match(issuePage, /<p id="nl-clicks">Clicks: 3 \([^)]*300\.0 per 100 delivered\)/);
    });

    test('the newsletters CSV has each issue with its figures', async () => {
      const res = await fetch(`${app.url}/admin/insights/newsletters.csv`, {
        headers: { cookie: editor.cookie },
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(res.headers.get('content-disposition') ?? '', /newsletter-clicks-/);
      const lines = (await res.text()).trim().split('\r\n');
      assert.equal(lines[0], 'issue,subject,list,campaign,sent,delivered,clicks,clicks_per_100');
      const line = lines.find((l) => l.startsWith('briefing-issue-clicks-1,'));
      assert.match(
        line ?? '',
        /^briefing-issue-clicks-1,Morning with clicks,briefing,briefing-issue-clicks-1,[^,]+,1,3,300\.0$/,
      );
      assert.ok(lines.some((l) => /^briefing-issue-clicks-2,.*,1,0,0\.0$/.test(l)));
      const bad = await fetch(
        `${app.url}/admin/insights/newsletters.csv?from=2026-05-02&to=2026-05-01`,
        {
          headers: { cookie: editor.cookie },
        },
      );
      assert.equal(bad.status, 400);
    });

    test('the Sections table names each section; the CSV keeps the slug and adds the name', async () => {
      await get('/sport', reader);
      await app.services.views.flush();
      const sections = block(await page('/admin/insights'), 'insight-sections');
      assert.match(sections, /<a href="\/sport">Sport<\/a>/);
      const csv = await (
        await fetch(`${app.url}/admin/insights.csv`, { headers: { cookie: editor.cookie } })
      ).text();
      const lines = csv.trim().split('\r\n');
      assert.equal(lines[0], 'start,grain,page,subject,name,source,site,campaign,views');
      assert.ok(
        lines.some((l) => l.includes(',hour,section,sport,Sport,direct,,,1')),
        csv,
      );
      assert.ok(
        lines.some((l) =>
          l.includes(`,hour,article,${story.id},Derby day,newsletter,,${campaign},2`),
        ),
        csv,
      );
    });
  });
}
