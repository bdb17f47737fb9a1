/**
 * Live comments in a real browser: a comment posted elsewhere is announced by a button, shown
 * when the reader asks, the counts follow, and nothing moves while the reader reads.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  axeViolations,
  browserAvailable,
  formatViolations,
  launchBrowser,
  openPage,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { signedInPerson } from './helpers/fixtures.js';
import { json } from './helpers/http.js';

if (browserAvailable()) {
  describe('live comments in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let cookie: string;
    let article: { id: string; url: string; commentCount: number };

    before(async () => {
      db = await openSqliteStore();
      await loadDemoIfEmpty(db.store);
      app = await startApp(db, {}, { commentPostsPerPerson: { max: 1000, windowMs: 60_000 } });
      browser = await launchBrowser();
      const list = await json(await fetch(`${app.url}/api/v1/articles?limit=50`));
      const items = list.items as { id: string; url: string; commentCount: number }[];
      article = items.reduce((a, b) => (b.commentCount > a.commentCount ? b : a));
      assert.ok(article.commentCount >= 2, 'a demo article with comments');
      ({ cookie } = await signedInPerson(db.store, app, {
        slug: 'live-writer',
        name: 'Live Writer',
      }));
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    async function post(body: string, parentId?: string): Promise<string> {
      const res = await fetch(`${app.url}/api/v1/articles/${article.id}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://broadsheet.test', cookie },
        body: JSON.stringify({ body, ...(parentId ? { parentId } : {}) }),
      });
      assert.equal(res.status, 201);
      return (await json(res)).id as string;
    }

    /** Where the first comment on screen is, relative to the window. */
    const firstCommentTop = (page: Page) =>
      page.evaluate<number>("document.querySelector('.comment').getBoundingClientRect().top");
    const scrollY = (page: Page) => page.evaluate<number>('window.scrollY');

    test('"N new comments" appears, counts follow, the click shows them; nothing moves', async () => {
      const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
      try {
        const page = await context.newPage();
        await openPage(page, app.url + new URL(article.url).pathname);
        // The reader is reading the comments.
        await page.evaluate(
          "document.querySelector('.comment').scrollIntoView({ block: 'start', behavior: 'instant' })",
        );
        const firstId = await page.evaluate<string>(
          "document.querySelector('.comment').id.replace('comment-', '')",
        );
        const topBefore = await firstCommentTop(page);
        const scrollBefore = await scrollY(page);

        const top = await post('Arrived *live*');
        const reply = await post('A live reply', firstId);
        const button = page.getByRole('button', { name: 'Show 2 new comments' });
        await button.waitFor();
        // The button lives in a polite status region, and nothing on the page has moved.
        assert.equal(
          await page.evaluate(
            "document.querySelector('.live-comments__button').parentElement.getAttribute('role')",
          ),
          'status',
        );
        assert.equal(await firstCommentTop(page), topBefore);
        assert.equal(await scrollY(page), scrollBefore);
        assert.equal(await page.locator(`#comment-${top}`).count(), 0);
        // The counts say so already.
        const n = article.commentCount + 2;
        assert.equal(await page.locator('.toolbar .badge').textContent(), String(n));
        assert.equal(await page.locator('.comment-total').textContent(), `(${n})`);
        assert.equal(
          await page.locator('.toolbar a[href="#comments"] .visually-hidden').textContent(),
          `Comment, ${n} comments`,
        );
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, formatViolations(violations));

        await button.click();
        await page.locator(`#comment-${top}`).waitFor();
        assert.match(
          await page.locator(`#comment-${top} .comment__body`).innerHTML(),
          /<em>live<\/em>/,
        );
        // The reply sits under the comment it answers.
        assert.equal(
          await page
            .locator(`#comment-${firstId} > ol.comment-replies > #comment-${reply}`)
            .count(),
          1,
        );
        assert.equal(await page.locator('.live-comments__button').isHidden(), true);
        // Focus moves to the first new comment, so keyboard and screen reader users follow.
        assert.equal(await page.evaluate('document.activeElement.id'), `comment-${top}`);
        const after = await axeViolations(page);
        assert.equal(after.length, 0, formatViolations(after));

        // A later edit or removal of a shown comment is applied in place, without the button.
        const third = await post('Soon removed');
        await page.getByRole('button', { name: 'Show 1 new comment' }).waitFor();
        await page.getByRole('button', { name: 'Show 1 new comment' }).click();
        await page.locator(`#comment-${third}`).waitFor();
        assert.equal(await page.locator('.toolbar .badge').textContent(), String(n + 1));
      } finally {
        await context.close();
      }
    });
  });
}
