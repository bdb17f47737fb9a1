/**
 * Choosing the interface language in Adjust, in a real browser (Debian's Chromium through
 * playwright-core): from the keyboard alone, the page comes back drawn in German by the server
 * (nothing changes after it loads), the choice holds on the next page, axe is clean in light and
 * dark, and "Site language" undoes it. Without JavaScript the same buttons post a form.
 * A screenshot of the German article with Adjust open goes to test-results/ for a person to look
 * at. Runs on SQLite only: what is under test is the HTML, CSS and script.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { articlePath, type Article } from '../src/domain/article.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser, openPage } from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedComment, storedPerson } from './helpers/fixtures.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

if (browserAvailable()) {
  describe('the interface language in Adjust, in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let article: Article;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      const author = await storedPerson(db.store, {
        slug: 'mara',
        name: 'Mara Quill',
        role: 'author',
      });
      article = await publishedArticle(db.store, {
        headline: 'Harbour ferry returns after ten years',
        standfirst: 'The crossing takes twelve minutes.',
        body: 'The ferry runs every hour from Monday.\n\nTickets cost two pounds.',
        authorIds: [author.id],
        tags: [{ slug: 'harbour', name: 'Harbour' }],
      });
      await storedComment(db.store, { articleId: article.id, body: 'At last!' });
      browser = await launchBrowser();
      mkdirSync(resultsDir, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const lang = (page: Page) => page.evaluate('document.documentElement.lang') as Promise<string>;

    /** Presses Tab until the focused element's text is `text`. */
    const tabTo = async (page: Page, text: string, limit = 80) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const focused = (await page.evaluate(
          "(document.activeElement.textContent || '').replace(/\\s+/g, ' ').trim()",
        )) as string;
        if (focused === text) return;
      }
      throw new Error(`never reached "${text}" with Tab`);
    };

    test('Deutsch from the keyboard: the server draws German, it lasts, and Site language undoes it', async () => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
        colorScheme: 'light',
      });
      context.setDefaultTimeout(10_000);
      try {
        const page = await context.newPage();
        // Everything the page's text ever was, from the first bytes on: no English may appear
        // after the reload (nothing is swapped in by script).
        await openPage(page, app.url + articlePath(article));
        assert.equal(await lang(page), 'en-GB');

        await tabTo(page, 'Adjust');
        await page.keyboard.press('Enter');
        const deutsch = page.locator('#adjust-panel').getByRole('button', { name: 'Deutsch' });
        assert.equal(await deutsch.getAttribute('lang'), 'de-DE');
        assert.equal(await deutsch.getAttribute('aria-pressed'), 'false');
        await tabTo(page, 'Deutsch');
        await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

        // The server drew it in German: the first HTML the browser got says so.
        assert.equal(await lang(page), 'de-DE');
        const served = (await page.evaluate('document.documentElement.outerHTML')) as string;
        assert.match(served, /<span>Anpassen<\/span>/);
        assert.equal(
          await page.getByRole('group', { name: 'Artikelwerkzeuge' }).count(),
          1,
          'the toolbar is named in German',
        );
        assert.match(await page.locator('.masthead').innerText(), /Suche/);
        assert.match(
          await page.locator('.article-meta').innerText(),
          /Veröffentlicht am \d+\. \w+ \d{4}/,
        );
        // Article text is not translated.
        assert.equal(await page.locator('h1').innerText(), 'Harbour ferry returns after ten years');
        const cookies = await context.cookies(app.url);
        assert.equal(cookies.find((c) => c.name === 'bs-lang')?.value, 'de-DE');

        // Adjust shows the choice.
        await page.getByRole('button', { name: 'Anpassen' }).click();
        assert.equal(
          await page
            .locator('#adjust-panel')
            .getByRole('button', { name: 'Deutsch' })
            .getAttribute('aria-pressed'),
          'true',
        );
        await assertAccessible(page, 'German article, Adjust open, light');
        await page.screenshot({
          path: path.join(resultsDir, 'languages-adjust-de.png'),
          fullPage: true,
        });
        await page.emulateMedia({ colorScheme: 'dark' });
        await assertAccessible(page, 'German article, Adjust open, dark');
        await page.emulateMedia({ colorScheme: 'light' });

        // Another page, reached from the keyboard: still German.
        await page.keyboard.press('Escape');
        const home = page.getByRole('link', { name: 'Startseite' });
        await home.focus();
        await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
        assert.equal(await lang(page), 'de-DE');
        assert.match(await page.locator('.masthead').innerText(), /Suche/);
        await assertAccessible(page, 'German front page, light');
        await page.emulateMedia({ colorScheme: 'dark' });
        await assertAccessible(page, 'German front page, dark');

        // Back to the site's language.
        await openPage(page, app.url + articlePath(article));
        await tabTo(page, 'Anpassen');
        await page.keyboard.press('Enter');
        await tabTo(page, 'Sprache der Website');
        await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
        assert.equal(await lang(page), 'en-GB');
        assert.equal(
          (await context.cookies(app.url)).find((c) => c.name === 'bs-lang'),
          undefined,
          'the cookie is gone',
        );
      } finally {
        await context.close();
      }
    });

    test('without JavaScript the language buttons post the choice and come back to the page', async () => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        javaScriptEnabled: false,
      });
      context.setDefaultTimeout(10_000);
      try {
        const page = await context.newPage();
        await page.goto(app.url + articlePath(article));
        await page.locator('summary', { hasText: 'Adjust' }).click();
        const [response] = await Promise.all([
          page.waitForResponse((res) => res.url().endsWith('/language')),
          page.getByRole('button', { name: 'Deutsch' }).click(),
        ]);
        assert.equal(response.status(), 303);
        await page.waitForLoadState('load');
        assert.equal(page.url(), app.url + articlePath(article));
        // (No script runs here, not even the test's: the page is read as the browser drew it.)
        assert.equal(await page.locator('html').getAttribute('lang'), 'de-DE');
        assert.match(await page.locator('.masthead').innerText(), /Suche/);
        await page.locator('summary', { hasText: 'Anpassen' }).click();
        assert.equal(
          await page.getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed'),
          'true',
        );
      } finally {
        await context.close();
      }
    });
  });
}
