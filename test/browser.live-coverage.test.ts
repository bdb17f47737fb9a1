/**
 * Live coverage in a real browser (issue 22): two editors post at once from the posting screen
 * (Ctrl+Enter), a reader on the article sees "Show 2 new updates" without reloading and without
 * the page moving, shows them, follows a permalink; the page without JavaScript has the same
 * updates; the unsent text survives a reload; axe finds nothing, light and dark, 390 and 1280 px.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { articlePath, type Article } from '../src/domain/article.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  assertAccessible,
  asSignedIn,
  browserAvailable,
  launchBrowser,
  openPage,
  waitForTrue,
} from './helpers/browser.js';
import { databases, openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';
import { jpeg } from './helpers/images.js';
import type { User } from '../src/domain/user.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

/** Starts the article's live coverage with six updates, the second a key event "Polls close". */
async function startWithEarlierUpdates(app: RunningApp, reporter: User, articleId: string) {
  await app.services.live.start(reporter, articleId);
  for (let i = 1; i <= 6; i++) {
    await app.services.live.post(reporter, articleId, {
      title: i === 2 ? 'Polls close' : null,
      body: `Earlier update ${i}.`,
      keyEvent: i === 2,
    });
  }
}

/** Posts an update from the posting screen with Ctrl+Enter; resolves with when it was sent. */
async function postFromDesk(
  browser: Browser,
  app: RunningApp,
  who: User,
  article: Article,
  text: string,
  keyEvent = false,
): Promise<number> {
  return asSignedIn(browser, app, who.id, async (page) => {
    await openPage(page, `${app.url}/admin/articles/${article.id}/live`);
    await page.locator('#update-body').fill(text);
    if (keyEvent) await page.locator('#update-key').check();
    // From the moment the browser sends the post: the server's work is part of the time.
    const sent = page
      .waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/live/updates'))
      .then(() => Date.now());
    await page.locator('#update-body').press('Control+Enter');
    const at = await sent;
    await page.waitForURL(/done=posted/);
    await page.getByText('The update is posted.').waitFor();
    return at;
  });
}

if (browserAvailable()) {
  describe('live coverage in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let reporter: User;
    let editor: User;
    let article: Article;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      browser = await launchBrowser();
      reporter = await storedPerson(db.store, { role: 'author', name: 'Rita Reporter' });
      editor = await storedPerson(db.store, { role: 'editor', name: 'Eddie Editor' });
      article = await publishedArticle(db.store, {
        headline: 'Election night live',
        standfirst: 'Results as they come in.',
        body: Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the story.`).join('\n\n'),
        authorIds: [reporter.id],
      });
      await startWithEarlierUpdates(app, reporter, article.id);
      mkdirSync(resultsDir, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const post = (who: User, text: string, keyEvent = false) =>
      postFromDesk(browser, app, who, article, text, keyEvent);

    test('two editors post at once; the reader sees both live, in place', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await openPage(page, app.url + articlePath(article));
      await waitForTrue(
        page,
        `document.querySelector('[data-live-updates]').hasAttribute('data-connected')`,
      );
      // The reader is in the middle of the updates.
      await page.locator('.live-updates li').nth(3).scrollIntoViewIfNeeded();
      await page.evaluate('window.scrollBy(0, 40)');
      const reading = () =>
        page.evaluate<{ y: number; top: number }>(
          `({ y: window.scrollY, top: document.querySelectorAll('.live-updates li')[3].getBoundingClientRect().top })`,
        );
      const before = await reading();
      const count = page.locator('[data-live-count]');
      assert.equal(await count.textContent(), '6 updates.');
      await Promise.all([
        post(reporter, 'Northtown declares first.', true),
        post(editor, 'Southtown recount ordered.'),
      ]);
      const button = page.getByRole('button', { name: 'Show 2 new updates' });
      await button.waitFor({ timeout: 5_000 });
      assert.deepEqual(await reading(), before, 'nothing moved while the reader read');
      await waitForTrue(
        page,
        `document.querySelector('[data-live-count]').textContent === '8 updates.'`,
      );
      const summary = page.locator('.live-key-events li');
      assert.equal(await summary.count(), 1, 'a new key event joins the summary when shown');
      await button.click();
      const list = page.locator('.live-updates');
      await list.getByText('Northtown declares first.').waitFor();
      await list.getByText('Southtown recount ordered.').waitFor();
      const entries = (await summary.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
      assert.equal(entries.length, 2);
      assert.match(entries[0]!, /Polls close$/);
      assert.match(entries[1]!, /Northtown declares first\.$/);
      assert.match(
        (await summary.nth(1).locator('a').getAttribute('href')) ?? '',
        /^#update-/,
        'the summary links to the update on this page',
      );
      assert.equal(await page.locator('.live-updates > li').count(), 8);
      await page.screenshot({
        path: path.join(resultsDir, 'live-coverage-reader.png'),
        fullPage: true,
      });
      await assertAccessible(page, 'live page with new updates');

      // The permalink of the key event, from the summary.
      await page.locator('.live-key-events a').first().click();
      await page.waitForURL(/#update-/);
      const target = await page.evaluate<string>('location.hash');
      assert.ok(await page.locator(`${target}`).isVisible());
      await context.close();

      // Without JavaScript: the same updates, and a permalink page of its own.
      const plain = await browser.newContext({ javaScriptEnabled: false });
      const noJs = await plain.newPage();
      await openPage(noJs, app.url + articlePath(article));
      assert.equal(await noJs.locator('.live-updates > li').count(), 8);
      assert.ok(await noJs.getByText('Southtown recount ordered.').isVisible());
      await noJs.locator('.live-updates .live-update__time').first().click();
      await noJs.waitForURL(/\/updates\//);
      assert.equal(await noJs.locator('h1').count(), 1);
      await noJs.getByRole('link', { name: 'All updates of this live coverage' }).waitFor();
      await plain.close();
    });

    test('the unsent update survives a reload; the desk is accessible', async () => {
      await asSignedIn(browser, app, editor.id, async (page: Page) => {
        const desk = `${app.url}/admin/articles/${article.id}/live`;
        await openPage(page, desk);
        await page.locator('#update-body').fill('Half-written update');
        await page.getByText('Draft kept in this browser.').waitFor();
        await openPage(page, desk);
        assert.equal(await page.locator('#update-body').inputValue(), 'Half-written update');
        await assertAccessible(page, 'live posting screen');
        await page.screenshot({
          path: path.join(resultsDir, 'live-coverage-desk.png'),
          fullPage: true,
        });
      });
    });

    for (const [scheme, width] of [
      ['light', 390],
      ['dark', 390],
      ['dark', 1280],
    ] as const) {
      test(`the live page is accessible, ${scheme}, ${width} px`, async () => {
        const context = await browser.newContext({
          viewport: { width, height: 900 },
          colorScheme: scheme,
        });
        const page = await context.newPage();
        await openPage(page, app.url + articlePath(article));
        await assertAccessible(page, `live page ${scheme} ${width}`);
        await page.screenshot({
          path: path.join(resultsDir, `live-coverage-${scheme}-${width}.png`),
        });
        await context.close();
      });
    }

    test('two editors on the posting screen see each other, and who is writing', async () => {
      const image = await app.services.images.upload(reporter, {
        bytes: await jpeg(800, 500),
        name: 'podium.jpg',
        details: { alt: 'The returning officer at the podium', caption: 'The first declaration' },
      });
      await app.services.live.post(editor, article.id, {
        title: 'First declaration',
        body: `Northtown has declared.\n\n[[image:${image.id}]]`,
      });
      const deskUrl = `${app.url}/admin/articles/${article.id}/live`;
      await asSignedIn(browser, app, reporter.id, async (rita) => {
        await openPage(rita, deskUrl);
        const line = rita.getByRole('status').filter({ hasText: /here|on this screen/ });
        assert.equal((await line.textContent())?.trim(), 'No one else is on this screen.');
        await asSignedIn(browser, app, editor.id, async (eddie) => {
          await openPage(eddie, deskUrl);
          await waitForTrue(
            eddie,
            `document.querySelector('[data-live-presence]').textContent.trim() === 'Rita Reporter is here'`,
          );
          await waitForTrue(
            rita,
            `document.querySelector('[data-live-presence]').textContent.trim() === 'Eddie Editor is here'`,
          );
          await eddie.locator('#update-body').pressSequentially('Southtown is', { delay: 20 });
          await waitForTrue(
            rita,
            `document.querySelector('[data-live-presence]').textContent.trim() === 'Eddie Editor is here · Eddie Editor is writing…'`,
          );
          assert.equal(await line.getAttribute('role'), 'status', 'announced politely');
          await rita
            .locator('.live-desk__list')
            .getByRole('img', { name: 'The returning officer at the podium' })
            .waitFor();
          await assertAccessible(rita, 'live posting screen with presence');
          await rita.screenshot({
            path: path.join(resultsDir, 'live-coverage-desk-presence.png'),
            fullPage: true,
          });
          // Eddie leaves the screen: Rita sees him gone without waiting for his lease.
          await openPage(eddie, `${app.url}/admin`);
        });
        await waitForTrue(
          rita,
          `document.querySelector('[data-live-presence]').textContent.trim() === 'No one else is on this screen.'`,
        );
        for (const [scheme, width] of [
          ['light', 390],
          ['dark', 1280],
        ] as const) {
          await rita.emulateMedia({ colorScheme: scheme });
          await rita.setViewportSize({ width, height: 900 });
          await assertAccessible(rita, `live posting screen ${scheme} ${width}`);
        }
      });
    });
  });
}

/**
 * The "done when": the reader is on ANOTHER server of the site (a second app on the same
 * PostgreSQL database, whose change bus is LISTEN/NOTIFY), while two editors post at once on the
 * first. Each update reaches the reader within a second without a reload, the key events follow,
 * the reader's place does not move; an update's image and related headline arrive drawn; the
 * permalink and the page without JavaScript on that server have the same updates.
 */
const postgres = databases().find((d) => d.name === 'postgres');
if (browserAvailable() && postgres) {
  describe('live coverage in a browser, the reader on another server (PostgreSQL)', () => {
    let db: OpenedStore;
    let serverA: RunningApp;
    let serverB: RunningApp;
    let browser: Browser;
    let reporter: User;
    let editor: User;
    let article: Article;
    let related: Article;
    let imageId: string;

    before(async () => {
      db = await postgres.open();
      serverA = await startApp(db);
      serverB = await startApp(db);
      browser = await launchBrowser();
      reporter = await storedPerson(db.store, { role: 'author', name: 'Rita Reporter' });
      editor = await storedPerson(db.store, { role: 'editor', name: 'Eddie Editor' });
      related = await publishedArticle(db.store, {
        headline: 'How the count works',
        slug: 'how-the-count-works',
      });
      article = await publishedArticle(db.store, {
        headline: 'Count night live',
        standfirst: 'Every result as it is declared.',
        body: Array.from({ length: 10 }, (_, i) => `Paragraph ${i + 1} of the story.`).join('\n\n'),
        authorIds: [reporter.id],
      });
      const image = await serverA.services.images.upload(reporter, {
        bytes: await jpeg(800, 500),
        name: 'hall.jpg',
        details: { alt: 'Counting tables in the sports hall', caption: 'The count at 23:00' },
      });
      imageId = image.id;
      await startWithEarlierUpdates(serverA, reporter, article.id);
      mkdirSync(resultsDir, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await serverB?.close();
      await serverA?.close();
      await db?.dispose();
    });

    test('two editors post on server A; the reader on server B sees each within a second', async (t) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const livePath = articlePath(article);
      await openPage(page, serverB.url + livePath);
      await waitForTrue(
        page,
        `document.querySelector('[data-live-updates]').hasAttribute('data-connected')`,
      );
      // Every change of the update count, with the time it happened (the clock is the machine's).
      await page.evaluate(`(() => {
        window.__counts = [];
        const count = document.querySelector('[data-live-count]');
        new MutationObserver(() => window.__counts.push({ at: Date.now(), text: count.textContent }))
          .observe(count, { childList: true, characterData: true, subtree: true });
      })()`);
      await page.locator('.live-updates li').nth(3).scrollIntoViewIfNeeded();
      await page.evaluate('window.scrollBy(0, 40)');
      const reading = () =>
        page.evaluate<{ y: number; top: number }>(
          `({ y: window.scrollY, top: document.querySelectorAll('.live-updates li')[3].getBoundingClientRect().top })`,
        );
      const before = await reading();

      const posted = await Promise.all([
        postFromDesk(browser, serverA, reporter, article, 'Northtown declares first.', true),
        postFromDesk(
          browser,
          serverA,
          editor,
          article,
          `Southtown recount ordered.\n\n[[image:${imageId}]]\n\n[[related:${related.slug}]]`,
        ),
      ]);
      await page.getByRole('button', { name: 'Show 2 new updates' }).waitFor({ timeout: 5_000 });
      const counts = await page.evaluate<{ at: number; text: string }[]>('window.__counts');
      // The k-th post sent reaches the reader as the count of 6 + k (or sooner).
      posted.sort((x, y) => x - y);
      for (const [k, at] of posted.entries()) {
        const seen = counts.find((c) => c.text === `${7 + k} updates.`);
        assert.ok(seen, `the count reached ${7 + k}: ${JSON.stringify(counts)}`);
        t.diagnostic(
          `update ${k + 1}: on server B ${seen.at - at} ms after it was sent to server A`,
        );
        assert.ok(
          seen.at - at < 1_000,
          `update ${k + 1} reached the reader ${seen.at - at} ms after it was sent`,
        );
      }
      assert.deepEqual(await reading(), before, 'nothing moved while the reader read');
      assert.equal(
        await page.locator('.live-key-events li').count(),
        1,
        'a key event joins the summary when its update is shown',
      );

      await page.getByRole('button', { name: 'Show 2 new updates' }).click();
      const list = page.locator('.live-updates');
      await list.getByText('Northtown declares first.').waitFor();
      const southtown = list.locator('li', { hasText: 'Southtown recount ordered.' });
      const picture = southtown.getByRole('img', { name: 'Counting tables in the sports hall' });
      await picture.waitFor();
      await waitForTrue(
        page,
        `[...document.querySelectorAll('.live-updates img')].some((i) => i.complete && i.naturalWidth > 0)`,
      );
      assert.equal(
        await southtown.getByRole('link', { name: 'How the count works' }).getAttribute('href'),
        articlePath(related),
      );
      const entries = (await page.locator('.live-key-events li').allTextContents()).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      );
      assert.equal(entries.length, 2);
      assert.match(entries[1]!, /Northtown declares first\.$/);
      await southtown.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: path.join(resultsDir, 'live-coverage-other-server.png'),
        fullPage: false,
      });
      await assertAccessible(page, 'live page on server B with an image update');

      // A permalink (the key event's entry in the summary) opens that update.
      await page.locator('.live-key-events a').nth(1).click();
      await page.waitForURL(/#update-/);
      const hash = await page.evaluate<string>('location.hash');
      await page.locator(hash).getByText('Northtown declares first.').waitFor();
      await context.close();

      // Without JavaScript, server B's page and the update's own page have the same updates.
      const plain = await browser.newContext({ javaScriptEnabled: false });
      const noJs = await plain.newPage();
      await openPage(noJs, serverB.url + livePath);
      assert.equal(await noJs.locator('.live-updates > li').count(), 8);
      const drawn = noJs.locator('.live-updates li', { hasText: 'Southtown recount ordered.' });
      await drawn.getByRole('img', { name: 'Counting tables in the sports hall' }).waitFor();
      await drawn.locator('.live-update__time').click();
      await noJs.waitForURL(/\/updates\//);
      await noJs.getByText('Southtown recount ordered.').waitFor();
      await noJs.getByRole('link', { name: 'How the count works' }).waitFor();
      await plain.close();
    });
  });
}
