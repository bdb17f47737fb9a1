/**
 * What commenters run into (issue 18), in Chromium: posting with JavaScript lands on the whole
 * discussion at the new comment; the pages touched (the unconfirmed-email notice, one's own comment
 * awaiting review with Edit and Delete, Reported, the delete confirmation, the print view with
 * comments) have no axe violations, light and dark, at 390 and 1280 px; screenshots are kept.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { articlePath, type Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser, openPage } from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedComment, storedPerson } from './helpers/fixtures.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

if (browserAvailable()) {
  describe('commenters in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let story: Article;
    let premoderated: Article;
    let writer: User;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      browser = await launchBrowser();
      mkdirSync(resultsDir, { recursive: true });
      writer = await storedPerson(db.store, { role: 'author', name: 'Wren Writer' });
      story = await publishedArticle(db.store, {
        headline: 'The ferry timetable changes',
        body: 'The story.',
        authorIds: [writer.id],
      });
      premoderated = await publishedArticle(db.store, {
        headline: 'A quiet discussion',
        body: 'Another story.',
        authorIds: [writer.id],
      });
      await app.services.commentSettings.setArticleSettings(premoderated.id, {
        mode: 'premoderated',
        autoCloseHours: null,
      });
      for (let i = 0; i < 5; i++) {
        await storedComment(db.store, {
          articleId: story.id,
          body: `An earlier comment, number ${i + 1}.`,
          createdAt: new Date(Date.now() - (10 - i) * 60_000).toISOString(),
        });
      }
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    async function as<T>(
      user: User | null,
      options: { width?: number; colorScheme?: 'light' | 'dark'; javaScript?: boolean },
      work: (page: Page) => Promise<T>,
    ): Promise<T> {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1280, height: 900 },
        colorScheme: options.colorScheme ?? 'light',
        reducedMotion: 'reduce',
        javaScriptEnabled: options.javaScript ?? true,
      });
      try {
        context.setDefaultTimeout(10_000);
        if (user) {
          const { id } = await app.services.sessions.start(user.id);
          await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        }
        return await work(await context.newPage());
      } finally {
        await context.close();
      }
    }

    for (const javaScript of [true, false]) {
      test(`posting ${javaScript ? 'with' : 'without'} JavaScript lands on the whole discussion, at the comment`, async () => {
        const me = await storedPerson(db.store);
        await as(me, { javaScript }, async (page) => {
          await openPage(page, app.url + articlePath(story));
          await page
            .getByLabel('Your comment')
            .fill(`Posted ${javaScript ? 'with' : 'without'} script`);
          await Promise.all([
            page.waitForURL(/#comment-/),
            page.getByRole('button', { name: 'Post comment' }).click(),
          ]);
          const id = new URL(page.url()).hash.slice('#comment-'.length);
          const card = page.locator(`#comment-${id} > .comment__card`);
          assert.match((await card.getAttribute('class')) ?? '', /comment__card--focus/);
          assert.ok(await card.isVisible());
          assert.equal(await page.getByText('An earlier comment, number 1.').count(), 1);
          assert.equal(await page.getByText(/Showing the thread of one comment/).count(), 0);
          const inView = await card.evaluate((el) => {
            const r = el.getBoundingClientRect();
            return r.top < (el.ownerDocument.defaultView?.innerHeight ?? 0) && r.bottom > 0;
          });
          assert.ok(inView, 'the page opens at the new comment');
        });
      });
    }

    const cases = [
      { width: 390, colorScheme: 'light' as const },
      { width: 390, colorScheme: 'dark' as const },
      { width: 1280, colorScheme: 'light' as const },
      { width: 1280, colorScheme: 'dark' as const },
    ];

    test('the touched pages have no axe violations, light and dark, at 390 and 1280 px', async () => {
      const unconfirmed = await storedPerson(db.store, { emailVerified: false, name: 'Una New' });
      const author = await storedPerson(db.store, { name: 'Pat Pending' });
      const held = await app.services.comments.postComment({
        author,
        article: premoderated.id,
        body: 'Waiting for a moderator to read this.',
      });
      assert.equal(held.comment.status, 'pending');
      const reporter = await storedPerson(db.store, { name: 'Rae Reporter' });
      const target = await storedComment(db.store, {
        articleId: premoderated.id,
        body: 'Report me.',
      });
      await app.services.moderation.report(reporter, target.id, { reason: 'spam', text: '' });

      for (const { width, colorScheme } of cases) {
        const label = `${width} px, ${colorScheme}`;
        const shot = async (page: Page, name: string) =>
          page.screenshot({
            path: path.join(resultsDir, `commenters-${name}-${width}-${colorScheme}.png`),
            fullPage: true,
          });
        await as(unconfirmed, { width, colorScheme }, async (page) => {
          await openPage(page, app.url + articlePath(story));
          await page.getByText('Confirm your email address to comment.').waitFor();
          await page.locator('#comments').scrollIntoViewIfNeeded();
          await assertAccessible(page, `unconfirmed notice, ${label}`);
          await shot(page, 'unconfirmed');
        });
        await as(author, { width, colorScheme }, async (page) => {
          await openPage(page, app.url + articlePath(premoderated));
          assert.ok(
            await page.getByRole('link', { name: 'Edit your comment awaiting review' }).isVisible(),
          );
          await assertAccessible(page, `own comment awaiting review, ${label}`);
          await shot(page, 'pending');
          await page.getByRole('link', { name: 'Delete your comment awaiting review' }).click();
          await page.getByRole('heading', { name: 'Delete your comment?' }).waitFor();
          await assertAccessible(page, `delete confirmation, ${label}`);
          await shot(page, 'delete');
        });
        await as(reporter, { width, colorScheme }, async (page) => {
          await openPage(page, app.url + articlePath(premoderated));
          assert.equal(await page.locator('.comment__reported').count(), 1);
          await assertAccessible(page, `reported, ${label}`);
        });
        await as(null, { width, colorScheme }, async (page) => {
          await openPage(page, `${app.url}${articlePath(story)}/print?comments=1`);
          assert.equal(await page.getByText('Sign in to comment').count(), 0);
          await assertAccessible(page, `print view with comments, ${label}`);
          await shot(page, 'print');
        });
      }
    });
  });
} else {
  test('commenters in a browser', { skip: 'Chromium not found (set CHROMIUM_PATH)' }, () => {});
}
