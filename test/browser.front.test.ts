/**
 * Front-page curation in a real browser, by keyboard alone: an editor picks a lead story in the
 * list, moves a section up, previews the front with the unsaved arrangement, goes back, and
 * saves with Enter in a field; the public front page then leads with the pinned story. axe-core
 * checks the admin page (also with an error), the preview and the front with featured stories.
 * SQLite only: what is under test is the HTML.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  asSignedIn,
  assertAccessible,
  browserAvailable,
  launchBrowser,
  openPage,
  waitForTrue,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { hoursAgo, publishedArticle, storedPerson } from './helpers/fixtures.js';

if (browserAvailable()) {
  describe('front-page curation in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let editor: User;
    let stories: Article[];

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      for (const [i, slug] of ['news', 'sport'].entries()) {
        await db.store.sections.upsert({
          slug,
          name: slug === 'news' ? 'News' : 'Sport',
          description: '',
          position: i,
        });
      }
      editor = await storedPerson(db.store, { slug: 'ed', name: 'Ed Editor', role: 'editor' });
      stories = [];
      for (const [i, headline] of [
        'Harbour wall rebuilt',
        'Ferry timetable changes',
        'Rowing club wins the regatta',
        'Library opens on Sundays',
      ].entries()) {
        stories.push(
          await publishedArticle(db.store, {
            headline,
            sectionSlug: i === 2 ? 'sport' : 'news',
            standfirst: `About ${headline.toLowerCase()}.`,
            publishedAt: hoursAgo(10 - i),
          }),
        );
      }
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const leadHeadline = (page: Page) => page.locator('#lead-headline').innerText();

    test('an editor pins the lead with the keyboard, reorders, previews and saves', async () => {
      const oldest = stories[0]!;
      await asSignedIn(browser, app, editor.id, async (page) => {
        await openPage(page, `${app.url}/admin/front`);
        await assertAccessible(page, 'front page arrangement');

        // Tab to the lead's list and choose the oldest story with the arrow keys.
        await page.locator('#front-lead').focus();
        const options = await page.locator('#front-lead option').allInnerTexts();
        const steps = options.findIndex((o) => o.includes(oldest.headline));
        assert.ok(steps > 0, 'the oldest story is listed');
        for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
        assert.equal(await page.locator('#front-lead').inputValue(), oldest.id);

        // Move Sport up: a round trip that keeps the choice and the focus on the button.
        await page.getByRole('button', { name: /^Move up\W+Sport$/ }).focus();
        // The page is already /admin/front: wait until it shows the new order.
        await page.keyboard.press('Enter');
        await waitForTrue(
          page,
          `document.querySelector('.front-sections label')?.innerText.trim() === 'Sport'`,
        );
        await page.waitForLoadState('domcontentloaded');
        assert.equal(await page.locator('#front-lead').inputValue(), oldest.id);
        const order = await page.locator('.front-sections label').allInnerTexts();
        assert.deepEqual(order, ['Sport', 'News']);
        await assertAccessible(page, 'front page arrangement after a move');

        // Preview: the front with the unsaved arrangement.
        await page.getByRole('button', { name: 'Preview' }).focus();
        await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
        await page.getByText('It is not saved yet').waitFor();
        assert.equal(await leadHeadline(page), oldest.headline);
        assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex');
        await assertAccessible(page, 'front page preview');
        const readers = await (await fetch(`${app.url}/`)).text();
        assert.ok(!readers.includes(`>${oldest.headline}</a></h2>`), 'readers see no change yet');

        // Back to the form, then save with Enter in the expiry field (the hidden Save answers).
        await page.getByRole('button', { name: 'Back to editing' }).focus();
        await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
        await page.locator('#front-featured-1').waitFor();
        assert.equal(await page.locator('#front-lead').inputValue(), oldest.id);
        await page.locator('#front-featured-1').selectOption(stories[1]!.id);
        await page.locator('#front-lead-expires').focus();
        await Promise.all([page.waitForURL(/done=saved/), page.keyboard.press('Enter')]);
        await page.getByText('The front page is saved').waitFor();
        await assertAccessible(page, 'front page arrangement saved');

        // A refusal comes back beside its field, announced in the summary.
        await page.locator('#front-featured-2').selectOption(oldest.id);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('already pinned in another slot').first().waitFor();
        assert.equal(await page.locator('#front-featured-2').getAttribute('aria-invalid'), 'true');
        await assertAccessible(page, 'front page arrangement with an error');
      });

      const reader = await browser.newPage();
      try {
        await openPage(reader, `${app.url}/`);
        assert.equal(await leadHeadline(reader), oldest.headline);
        assert.deepEqual(await reader.locator('.front-featured h3').allInnerTexts(), [
          stories[1]!.headline,
        ]);
        const blocks = await reader
          .locator('.section-block:not(.front-featured) h2')
          .allTextContents();
        assert.deepEqual(
          blocks.map((b) => b.trim()),
          ['Sport', 'News'],
        );
        await assertAccessible(reader, 'front page with a pinned lead and a featured story');
      } finally {
        await reader.close();
      }
    });
  });
} else {
  test(
    'front-page curation in a browser',
    { skip: 'Chromium not found (set CHROMIUM_PATH)' },
    () => {},
  );
}
