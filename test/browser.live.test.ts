/**
 * Live comments in a real browser: a comment posted elsewhere is announced by a button, shown
 * when the reader asks, the counts follow, and nothing moves while the reader reads. A comment
 * shown live is the server's markup for the reader (Like, Reply, Report; Edit and Delete on
 * their own), and its Like works at once; the empty state agrees with the count; the button
 * waits until the comments are in view, so it never covers the article on a phone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { articlePath } from '../src/domain/article.js';
import { loadDemoIfEmpty } from '../src/services/demo.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  axeViolations,
  browserAvailable,
  formatViolations,
  launchBrowser,
  openPage,
  waitForTrue,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, signedInPerson } from './helpers/fixtures.js';
import { json } from './helpers/http.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

if (browserAvailable()) {
  describe('live comments in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let cookie: string;
    /** The reader in the browser (not the writer of the live comments). */
    let reader: { cookie: string; session: string; csrf: string };
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
      const r = await signedInPerson(db.store, app, { slug: 'live-reader', name: 'Live Reader' });
      reader = { cookie: r.cookie, session: r.cookie.split('=')[1]!, csrf: r.csrf };
      mkdirSync(resultsDir, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    async function post(
      body: string,
      parentId?: string,
      options: { articleId?: string; as?: string } = {},
    ): Promise<string> {
      const res = await fetch(
        `${app.url}/api/v1/articles/${options.articleId ?? article.id}/comments`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: 'http://broadsheet.test',
            cookie: options.as ?? cookie,
          },
          body: JSON.stringify({ body, ...(parentId ? { parentId } : {}) }),
        },
      );
      assert.equal(res.status, 201);
      return (await json(res)).id as string;
    }

    async function readerContext(
      options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
    ): Promise<BrowserContext> {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1000, height: options.height ?? 700 },
        colorScheme: options.colorScheme ?? 'light',
        reducedMotion: 'reduce',
      });
      context.setDefaultTimeout(10_000);
      await context.addCookies([{ name: 'bs_session', value: reader.session, url: app.url }]);
      return context;
    }

    /** Where the first comment on screen is, relative to the window. */
    const firstCommentTop = (page: Page) =>
      page.evaluate<number>("document.querySelector('.comment').getBoundingClientRect().top");
    const scrollY = (page: Page) => page.evaluate<number>('window.scrollY');

    test('"N new comments" appears, counts follow, the click shows them; nothing moves', async () => {
      const context = await readerContext();
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

        // A comment shown live has every action the page gives it, drawn by the server for this
        // reader: Like, Reply and Report on another's comment…
        const card = page.locator(`#comment-${top} > .comment__card`);
        assert.equal(await card.getByRole('button', { name: /^Like/ }).count(), 1);
        assert.equal(await card.getByRole('link', { name: 'Reply to Live Writer' }).count(), 1);
        assert.equal(
          await card.getByRole('link', { name: 'Report the comment by Live Writer' }).count(),
          1,
        );
        // Like submits the page's actions form, which holds the reader's token (decision 0084).
        assert.equal(await card.locator('.comment__react').getAttribute('form'), 'comment-actions');
        assert.equal(
          await page.locator('#comment-actions input[name="_csrf"]').getAttribute('value'),
          reader.csrf,
        );
        // …and Edit and Delete on the reader's own.
        const mine = await post('My own, live', undefined, { as: reader.cookie });
        await page.getByRole('button', { name: 'Show 1 new comment' }).click();
        const own = page.locator(`#comment-${mine} > .comment__card`);
        await own.waitFor();
        assert.equal(await own.getByRole('link', { name: 'Edit your comment' }).count(), 1);
        assert.equal(await own.getByRole('link', { name: 'Delete your comment' }).count(), 1);
        assert.equal(await own.locator('.comment__report-link').count(), 0);

        // Like works on the live comment without a reload first.
        const like = card.locator('.comment__react');
        assert.equal(await like.getAttribute('aria-pressed'), 'false');
        await Promise.all([page.waitForURL(new RegExp(`#comment-${top}$`)), like.click()]);
        const liked = page.locator(`#comment-${top} > .comment__card .comment__react`);
        assert.equal(await liked.getAttribute('aria-pressed'), 'true');
        assert.equal(await liked.locator('.comment__react-count').textContent(), '1');
      } finally {
        await context.close();
      }
    });

    test('with no comment on screen, the empty state agrees with the count', async () => {
      const quiet = await publishedArticle(db.store, { headline: 'A quiet story' });
      const context = await readerContext({ width: 390, height: 844 });
      try {
        const page = await context.newPage();
        await openPage(page, app.url + articlePath(quiet));
        await page.locator('#comments').scrollIntoViewIfNeeded();
        assert.equal(await page.locator('#comments p.empty').textContent(), 'No comments yet.');
        const first = await post('The first word', undefined, { articleId: quiet.id });
        const button = page.getByRole('button', { name: 'Show 1 new comment' });
        await button.waitFor();
        assert.equal(await page.locator('.comment-total').textContent(), '(1)');
        assert.equal(
          await page.locator('#comments p.empty').textContent(),
          'No comments shown yet: 1 new comment is waiting.',
        );
        await button.click();
        await page.locator(`#comment-${first}`).waitFor();
        assert.equal(await page.locator('#comments p.empty').count(), 0);
        assert.equal(await page.locator('#comments [data-comment-list] > li').count(), 1);
        assert.equal(await page.locator('.comment-total').textContent(), '(1)');
      } finally {
        await context.close();
      }
    });

    for (const width of [390, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        test(`the button waits until the comments are in view (${width} px, ${colorScheme})`, async () => {
          const context = await readerContext({ width, height: 844, colorScheme });
          try {
            const page = await context.newPage();
            await openPage(page, app.url + new URL(article.url).pathname);
            // The reader is still reading the article: the comments are below the window.
            const sectionTop = await page.evaluate<number>(
              "document.getElementById('comments').getBoundingClientRect().top",
            );
            assert.ok(sectionTop > 844, `the comments start below the window (${sectionTop})`);
            const before = Number(
              await page
                .locator('.comment-total')
                .textContent()
                .then((t) => t?.slice(1, -1)),
            );
            await post(`Posted while the reader reads (${width}, ${colorScheme})`);
            await waitForTrue(
              page,
              `document.querySelector('.comment-total').textContent === '(${before + 1})'`,
            );
            // Counted, but no button over the article text.
            assert.equal(await page.locator('.live-comments__button').isHidden(), true);
            const violations = await axeViolations(page);
            assert.equal(violations.length, 0, formatViolations(violations));

            // At the comments it appears, over the comments and nothing else.
            await page.evaluate(
              "document.querySelector('#comments .comment').scrollIntoView({ block: 'start', behavior: 'instant' })",
            );
            const button = page.getByRole('button', { name: 'Show 1 new comment' });
            await button.waitFor();
            const [buttonBox, sectionBox] = await Promise.all([
              button.boundingBox(),
              page.locator('#comments').boundingBox(),
            ]);
            assert.ok(buttonBox && sectionBox);
            assert.ok(buttonBox.y >= sectionBox.y, 'the button floats over the comments');
            assert.ok(buttonBox.x >= 0 && buttonBox.x + buttonBox.width <= width);
            await page.screenshot({
              path: path.join(resultsDir, `live-button-${width}-${colorScheme}.png`),
            });
            const shown = await axeViolations(page);
            assert.equal(shown.length, 0, formatViolations(shown));
            // Back up in the article, it goes away again.
            await page.evaluate('window.scrollTo({ top: 0, behavior: "instant" })');
            await page.locator('.live-comments__button').waitFor({ state: 'hidden' });
            // Shown, the new comment is the server's, in this colour scheme too.
            await page.evaluate(
              "document.querySelector('#comments .comment').scrollIntoView({ block: 'start', behavior: 'instant' })",
            );
            await button.click();
            await page.locator('.comment--new').first().waitFor();
            await page
              .locator('.comment--new')
              .first()
              .screenshot({
                path: path.join(resultsDir, `live-comment-${width}-${colorScheme}.png`),
              });
            const after = await axeViolations(page);
            assert.equal(after.length, 0, formatViolations(after));
          } finally {
            await context.close();
          }
        });
      }
    }
  });
}
