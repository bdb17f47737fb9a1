/**
 * The comments section in a real browser: axe-core finds nothing for an anonymous reader or a
 * signed-in one (edited marker, deleted placeholder, Like buttons, sort links, Load more), "Load
 * more" appends the next page in place with the script and still works as a link without it,
 * and the Like form works without JavaScript; the script's words are the page's language.
 * SQLite only: the HTML, CSS and script are on test.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { articlePath } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
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
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

if (browserAvailable()) {
  describe('comments in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let path_: string;
    let ann: User;
    let session = '';
    let firstId = '';

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(
        db,
        {},
        {
          commentPostsPerPerson: { max: 100_000, windowMs: 60_000 },
          commentPostsPerAddress: { max: 100_000, windowMs: 60_000 },
        },
      );
      browser = await launchBrowser();
      mkdirSync(resultsDir, { recursive: true });
      const store = db.store;
      const person = (slug: string, name: string) =>
        storedPerson(store, {
          slug,
          name,
          createdAt: new Date(Date.now() - 86_400_000).toISOString(),
        });
      ann = await person('ann', 'Ann Archer');
      const ben = await person('ben', 'Ben Baker');
      const a = await publishedArticle(store, {
        slug: 'river-plan',
        headline: 'The council weighs the river plan',
        standfirst: 'Residents packed the hall.',
        body: 'The story.',
        dateline: 'RIVERTON',
        authorIds: [ben.id],
      });
      path_ = articlePath(a);
      const c = app.services.comments;
      const post = async (who: User, body: string, parentId?: string) =>
        (await c.postComment({ author: who, article: a.id, body, parentId })).comment;
      const first = await post(ann, 'The figures in the *third* paragraph do not match.');
      firstId = first.id;
      await c.editComment({
        author: ann,
        id: first.id,
        body: 'The figures in the *third* paragraph do not match the minutes.',
      });
      const gone = await post(ben, 'I will take this back.');
      await post(ann, 'Why? It was a fair point.', gone.id);
      await c.deleteComment({ author: ben, id: gone.id });
      await c.react({ user: ben, id: first.id, on: true });
      for (let i = 0; i < 24; i++)
        await post(i % 2 ? ann : ben, `Comment number ${i + 1} on the plan.`);
      session = (await app.services.sessions.start(ann.id)).id;
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    for (const signedIn of [false, true]) {
      test(`no axe violations in the comments, ${signedIn ? 'signed in' : 'anonymous'}`, async () => {
        const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
        if (signedIn) {
          await context.addCookies([{ name: 'bs_session', value: session, url: app.url }]);
        }
        const page = await context.newPage();
        try {
          await openPage(page, app.url + path_);
          const section = page.locator('#comments');
          await section.scrollIntoViewIfNeeded();
          assert.equal(await page.locator('.comment__deleted').count(), 1);
          assert.equal(await page.locator('.comment__edited').count(), 1);
          if (signedIn) assert.ok((await page.locator('.comment__react').count()) >= 20);
          await section.screenshot({
            path: path.join(resultsDir, `comments-${signedIn ? 'signed-in' : 'anonymous'}.png`),
          });
          const violations = await axeViolations(page);
          assert.deepEqual(violations, [], formatViolations(violations));
        } finally {
          await context.close();
        }
      });
    }

    test('Load more appends the next page in place, moving focus to it', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await openPage(page, app.url + path_);
        const before = await page.locator('[data-comment-list] > li').count();
        assert.equal(before, 20);
        await page.locator('[data-load-more]').click();
        await waitForTrue(
          page,
          "document.querySelectorAll('[data-comment-list] > li').length > 20",
        );
        assert.equal(new URL(page.url()).search, '', 'no navigation');
        assert.equal(await page.locator('[data-comment-list] > li').count(), 26);
        assert.equal(await page.locator('[data-load-more]').count(), 0);
        const focused = await page.evaluate<string>(
          "document.activeElement?.closest('li')?.id ?? ''",
        );
        assert.match(focused, /^comment-/);
        assert.match(
          (await page.locator('.comments-load-status').textContent()) ?? '',
          /6 more comments loaded/,
        );
      } finally {
        await context.close();
      }
    });

    for (const width of [390, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        test(`no axe violations on the comment pages (${width} px, ${colorScheme})`, async () => {
          const context = await browser.newContext({
            viewport: { width, height: 900 },
            colorScheme,
          });
          await context.addCookies([{ name: 'bs_session', value: session, url: app.url }]);
          const page = await context.newPage();
          try {
            for (const url of [
              path_,
              `/comments/${firstId}/history`,
              `/comments/${firstId}/edit`,
              `/comments/${firstId}/delete`,
            ]) {
              await openPage(page, app.url + url);
              const violations = await axeViolations(page);
              assert.deepEqual(violations, [], `${url}:\n${formatViolations(violations)}`);
              const name = url === path_ ? 'article' : url.split('/').pop();
              await page.screenshot({
                path: path.join(resultsDir, `comment-page-${name}-${width}-${colorScheme}.png`),
              });
            }
          } finally {
            await context.close();
          }
        });
      }
    }

    test('the script speaks the page’s language: Load more in German', async () => {
      const context = await browser.newContext();
      await context.addCookies([
        { name: 'bs_session', value: session, url: app.url },
        { name: 'bs-lang', value: 'de-DE', url: app.url },
      ]);
      const page = await context.newPage();
      try {
        await openPage(page, app.url + path_);
        const more = page.getByRole('link', { name: 'Weitere Kommentare laden' });
        await more.click();
        await waitForTrue(
          page,
          "document.querySelectorAll('[data-comment-list] > li').length > 20",
        );
        assert.equal(
          await page.locator('.comments-load-status').textContent(),
          '6 weitere Kommentare geladen.',
        );
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], formatViolations(violations));
      } finally {
        await context.close();
      }
    });

    test('without JavaScript, Load more is a link and Like is a form', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      await context.addCookies([{ name: 'bs_session', value: session, url: app.url }]);
      const page = await context.newPage();
      try {
        await openPage(page, app.url + path_);
        await page.locator('[data-load-more]').click();
        await page.waitForURL(/comments_cursor=/);
        assert.equal(await page.locator('[data-comment-list] > li').count(), 6);
        const like = page.locator('.comment__react').first();
        assert.equal(await like.getAttribute('aria-pressed'), 'false');
        await like.click();
        await page.waitForLoadState('load');
        assert.match(page.url(), /comments_cursor=.*#comment-/);
        assert.equal(
          await page.locator('.comment__react').first().getAttribute('aria-pressed'),
          'true',
        );
      } finally {
        await context.close();
      }
    });
  });
} else {
  test('comments in a browser', { skip: 'Chromium not found (set CHROMIUM_PATH)' }, () => {});
}
