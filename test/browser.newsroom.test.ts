/**
 * The newsroom in a real browser: an author writes a draft, previews it, picks related stories
 * by search, lets autosave keep it and submits it; an editor sends it back with a note, the
 * author revises and submits again; the editor approves it by scheduling it, the scheduler
 * publishes it when its time comes, and the public page shows it; the editor corrects it.
 * axe-core checks every newsroom page and state on the way (list, new, preview, editor, picker
 * results and picks, returned draft, scheduled, published with corrections, revisions, diff,
 * conflict). SQLite only: what is under test is the pages, not the database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Role, User } from '../src/domain/user.js';
import { NewsroomService } from '../src/services/newsroom.js';
import { PublishScheduler } from '../src/services/scheduler.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  asSignedIn,
  assertAccessible,
  browserAvailable,
  launchBrowser,
  waitForTrue,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';
import { waitFor } from './helpers/wait.js';

if (browserAvailable()) {
  describe('the newsroom in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let author: User;
    let editor: User;

    const person = (slug: string, role: Role) =>
      storedPerson(db.store, { slug, name: slug === 'ann' ? 'Ann Author' : 'Ed Editor', role });

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      await db.store.sections.upsert({ slug: 'news', name: 'News', description: '', position: 0 });
      author = await person('ann', 'author');
      editor = await person('ed', 'editor');
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const as = <T>(user: User, work: (page: Page) => Promise<T>) =>
      asSignedIn(browser, app, user.id, work);
    const accessible = assertAccessible;

    test('an author writes, previews, picks related stories and submits; an editor sends it back, approves and schedules; it publishes at its time', async () => {
      // Two published stories to pick from.
      const older: string[] = [];
      for (const headline of ['Lighthouse lamp restored', 'Lighthouse opens to visitors']) {
        const a = await app.services.newsroom.create(editor, {
          headline,
          section: 'news',
          body: 'The lighthouse on the point has a story.',
          authors: ['ann'],
        });
        older.push((await app.services.newsroom.publish(editor, a.id)).slug);
      }

      const articleId = await as(author, async (page) => {
        await page.goto(`${app.url}/admin/articles`);
        await accessible(page, 'article list');
        await page.getByRole('link', { name: 'Write a new article' }).click();
        await page.waitForURL(/\/admin\/articles\/new$/);
        await accessible(page, 'new article');
        await page.getByLabel('Headline').fill('Lighthouse keeper retires after forty years');
        await page
          .getByLabel('Standfirst')
          .fill('The last keeper on the coast hands over the keys.');
        await page.getByLabel('Body').fill('Mary *Penrose* climbed the 120 steps every night.');
        await page.getByLabel('Dateline (place)').fill('PENNOCK');
        await page.getByLabel('Tags').fill('Coast, People');
        await page.getByRole('button', { name: 'Preview' }).click();
        await page.getByRole('heading', { name: 'Preview' }).waitFor();
        assert.equal(
          await page.locator('.preview .article__body em').innerText(),
          'Penrose',
          'the preview renders the Markdown like the article page',
        );
        await accessible(page, 'preview');
        // From then on the preview follows the typing.
        await page.getByLabel('Body').fill('Mary *Penrose* climbed the 120 steps every **night**.');
        await page.locator('.preview .article__body strong', { hasText: 'night' }).waitFor();
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('The draft has been created.').waitFor();
        await accessible(page, 'editor');
        const id = /\/admin\/articles\/([0-9a-z]+)/.exec(page.url())?.[1];
        assert.ok(id);

        // Related stories by search, in place: Enter searches, results are announced.
        const editorUrl = page.url();
        await page.getByLabel('Find published articles to add').fill('lighthouse');
        await page.getByLabel('Find published articles to add').press('Enter');
        const status = page.locator('#related-status');
        await page.getByText('2 published articles match.').waitFor();
        assert.equal(await status.getAttribute('role'), 'status');
        assert.equal(page.url(), editorUrl, 'no round trip');
        await accessible(page, 'picker with results');
        await page.getByRole('button', { name: 'Add “Lighthouse opens to visitors”' }).click();
        await page
          .getByText('Added “Lighthouse opens to visitors” as related story 1 of 1.')
          .waitFor();
        // The focus moved to the next result's button, so the keyboard carries on from there.
        const focused = await page.evaluate<string>(
          'document.activeElement ? document.activeElement.textContent : ""',
        );
        assert.match(focused, /Add “Lighthouse lamp restored”/);
        await page.keyboard.press('Enter');
        await page.getByText('as related story 2 of 2.').waitFor();
        await page.getByRole('button', { name: 'Move up “Lighthouse lamp restored”' }).click();
        await page.getByText('“Lighthouse lamp restored” is now related story 1 of 2.').waitFor();
        assert.equal(
          await page.locator('input[name="related"]').inputValue(),
          `${older[0]}, ${older[1]}`,
        );
        await accessible(page, 'picker with picks');
        // Autosave carries the picks (and the text) through the API.
        await page.getByLabel('Body').fill('Mary Penrose climbed the 120 steps every night.');
        await page.getByLabel('Tags').focus();
        await page.getByText(/Draft saved automatically at/).waitFor();
        // The message may still be the picker's autosave: wait for this one to reach the
        // database, then for the page to take the version it answered with.
        const body = 'Mary Penrose climbed the 120 steps every night.';
        let saved = await app.services.newsroom.article(author, id);
        await waitFor(
          async () => (saved = await app.services.newsroom.article(author, id)).body === body,
          { what: 'the autosave of the body to reach the database', timeoutMs: 10_000 },
        );
        await waitForTrue(
          page,
          `document.querySelector('input[name="version"]').value === '${saved.version}'`,
        );
        assert.deepEqual(await app.services.newsroom.relatedSlugs(saved), older);
        assert.equal(
          await page.locator('input[name="version"]').inputValue(),
          String(saved.version),
        );

        assert.equal(await page.getByRole('button', { name: 'Publish now' }).count(), 0);
        await page.getByRole('button', { name: 'Submit for review' }).click();
        await page.getByText('Submitted for review.').waitFor();
        await page.goto(`${app.url}/admin/articles/${id}/revisions`);
        await accessible(page, 'revisions');
        await page.getByRole('button', { name: 'Compare' }).click();
        await page.getByRole('heading', { name: /compared with version/ }).waitFor();
        await accessible(page, 'revisions compared');
        return id;
      });

      // The editor sends it back with a note; the author reads it, revises and submits again.
      await as(editor, async (page) => {
        await page.goto(`${app.url}/admin/articles?status=review`);
        await page
          .getByRole('link', { name: 'Lighthouse keeper retires after forty years' })
          .click();
        await page.getByLabel('Note to the author (optional)').fill('Say when she started.');
        await page.getByRole('button', { name: 'Send back to draft' }).click();
        await page.getByText('Sent back to draft. The author sees your note').waitFor();
      });
      await as(author, async (page) => {
        await page.goto(`${app.url}/admin/articles/${articleId}`);
        await page.getByRole('heading', { name: 'Sent back to draft' }).waitFor();
        await page.getByText('Say when she started.').waitFor();
        await accessible(page, 'returned draft');
        await page
          .getByLabel('Body')
          .fill('Mary Penrose climbed the 120 steps every night from 1986.');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Saved.').first().waitFor();
        await page.getByRole('button', { name: 'Submit for review' }).click();
        await page.getByText('Submitted for review.').waitFor();
        assert.equal(await page.getByRole('heading', { name: 'Sent back to draft' }).count(), 0);
      });

      // The editor approves it for 08:30 UTC on 1 June 2099.
      await as(editor, async (page) => {
        await page.goto(`${app.url}/admin/articles?status=review`);
        await page
          .getByRole('link', { name: 'Lighthouse keeper retires after forty years' })
          .click();
        await page.getByLabel('Publish at (UTC)').fill('2099-06-01T08:30');
        await page.getByRole('button', { name: 'Schedule' }).click();
        await page.getByText('Scheduled.').first().waitFor();
        await accessible(page, 'scheduled article');
        const scheduled = await app.services.newsroom.article(editor, articleId);
        assert.equal(scheduled.status, 'scheduled');
        assert.equal(scheduled.publishAt, '2099-06-01T08:30:00.000Z');
      });

      // The scheduler, with its clock at 08:29 and then at 08:31, publishes it once, at its time.
      let clock = new Date('2099-06-01T08:29:00Z');
      const newsroom = new NewsroomService({
        store: db.store,
        changes: app.services.changes,
        now: () => clock,
      });
      // Counting the scheduler's looks proves that "still scheduled" followed a look, not a nap.
      let looks = 0;
      const scheduler = new PublishScheduler(
        { publishDue: () => newsroom.publishDue().finally(() => looks++) },
        { intervalMs: 50 },
      );
      const status = async () => (await app.services.newsroom.article(editor, articleId)).status;
      scheduler.start();
      try {
        await waitFor(() => looks >= 2, { what: 'two looks of the scheduler at 08:29' });
        assert.equal(await status(), 'scheduled');
        clock = new Date('2099-06-01T08:31:00Z');
        await waitFor(async () => (await status()) === 'published', {
          what: 'the scheduler to publish at 08:31',
          intervalMs: 50,
        });
      } finally {
        await scheduler.stop();
      }
      const out = await app.services.newsroom.article(editor, articleId);
      assert.equal(out.status, 'published');
      assert.equal(out.publishedAt, '2099-06-01T08:30:00.000Z');

      await as(editor, async (page) => {
        await page.goto(`${app.url}/admin/articles/${articleId}`);
        await page.getByText('Published', { exact: true }).first().waitFor();
        // A correction shown above the article.
        await page.getByLabel('Where').selectOption('high');
        await page.getByLabel('Text (shown to readers)').fill('She climbed 121 steps, not 120.');
        await page.getByRole('button', { name: 'Add the notice' }).click();
        await page.getByText('The notice has been added to the article.').waitFor();
        await accessible(page, 'published article with its corrections');
        await page.getByRole('link', { name: 'View on the site' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'Lighthouse keeper retires after forty years' })
          .waitFor();
        await page.getByText('She climbed 121 steps, not 120.').waitFor();
        const related = await page.locator('.related a').allInnerTexts();
        assert.deepEqual(related.slice(0, 2), [
          'Lighthouse lamp restored',
          'Lighthouse opens to visitors',
        ]);
      });
    });

    test('without JavaScript the picker works by round trips and keeps unsaved text', async () => {
      // The newsroom script is not loaded (axe itself needs the page's JavaScript to run).
      const context = await browser.newContext();
      await context.route(/\/assets\/newsroom\.[^/]*js$/, (route) => route.abort());
      try {
        context.setDefaultTimeout(5000);
        const { id } = await app.services.sessions.start(author.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        const page = await context.newPage();
        const a = await app.services.newsroom.create(author, {
          headline: 'Harbour crane removed',
          section: 'news',
          body: 'The crane goes.',
        });
        let scripts = 0;
        page.on('requestfailed', (r) => {
          if (r.url().includes('/assets/newsroom.')) scripts++;
        });
        await page.goto(`${app.url}/admin/articles/${a.id}`);
        assert.equal(scripts, 1, 'the newsroom script was kept out');
        await page.getByLabel('Headline').fill('Harbour crane removed today');
        await page.getByLabel('Find published articles to add').fill('lighthouse');
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await page.getByText(/published articles? match/).waitFor();
        assert.equal(await page.getByLabel('Headline').inputValue(), 'Harbour crane removed today');
        await accessible(page, 'picker results without JavaScript');
        await page
          .getByRole('button', { name: /^Add “Lighthouse/ })
          .first()
          .click();
        await page.getByText(/^Added “Lighthouse/).waitFor();
        await accessible(page, 'picker picks without JavaScript');
        // Enter in a text field saves (the form's first button is Save, not a picker button).
        await page.getByLabel('Dateline (place)').press('Enter');
        await page.getByText('Saved.').first().waitFor();
        const saved = await app.services.newsroom.article(author, a.id);
        assert.equal(saved.headline, 'Harbour crane removed today');
        assert.equal(saved.relatedIds.length, 1);
      } finally {
        await context.close();
      }
    });

    test('a stale save in the browser shows both versions, accessibly', async () => {
      const a = await app.services.newsroom.create(author, {
        headline: 'Tide tables printed',
        section: 'news',
        body: 'High water at noon.',
      });
      await as(author, async (page) => {
        await page.goto(`${app.url}/admin/articles/${a.id}`);
        await app.services.newsroom.edit(editor, a.id, { version: 1, body: 'High water at one.' });
        await page.getByLabel('Body').fill('High water at two.');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('heading', { name: /Someone else saved this article/ }).waitFor();
        assert.equal(await page.getByLabel('Body').inputValue(), 'High water at two.');
        await accessible(page, 'conflict');
        // The author's own page settings, and the author page with a photo.
        await page.goto(`${app.url}/account`);
        await page.getByLabel('Bio').fill('Writes about the tides.');
        await page.getByRole('button', { name: 'Save author page' }).click();
        await page.getByText('Your author page has been updated.').waitFor();
        await accessible(page, 'account with the author page panel');
      });
      await app.services.newsroom.setProfile(author, {
        bio: 'Writes about the tides.',
        photo: '/images/0123456789abcdef0123456789abcdef.webp',
      });
      await as(author, async (page) => {
        await page.goto(`${app.url}/author/ann`);
        await page.getByText('Writes about the tides.').waitFor();
        assert.equal(await page.getByRole('img', { name: 'Photo of Ann Author' }).count(), 1);
        await accessible(page, 'author page with a photo');
      });
    });
  });
}
