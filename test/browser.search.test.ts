/**
 * Search in a real browser: reached from the masthead with the keyboard, a query typed and
 * submitted, results that read well to assistive technology, and axe-core finding nothing in a
 * light and a dark theme. Also: the article page's JSON-LD under the real CSP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { articlePath } from '../src/domain/article.js';
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

if (browserAvailable()) {
  describe('search in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;

    before(async () => {
      db = await openSqliteStore();
      await loadDemoIfEmpty(db.store);
      app = await startApp(db);
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    test('keyboard: masthead link, type, submit, read the results; no axe violations', async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({
          viewport: { width: 1280, height: 900 },
          colorScheme: scheme,
        });
        context.setDefaultTimeout(5000);
        try {
          const page = await context.newPage();
          await openPage(page, `${app.url}/`);
          // Tab from the top of the page to the masthead's Search link and follow it.
          let focused = '';
          for (let i = 0; i < 10 && focused !== '/search'; i++) {
            await page.keyboard.press('Tab');
            focused = await page.evaluate('document.activeElement?.getAttribute("href") ?? ""');
          }
          assert.equal(focused, '/search', 'the Search link is reached early with Tab');
          await Promise.all([page.waitForURL(/\/search$/), page.keyboard.press('Enter')]);

          const box = page.getByRole('searchbox', { name: 'Search articles' });
          await box.focus();
          await page.keyboard.type('harbour dues');
          await Promise.all([
            page.waitForURL(/\/search\?q=harbour\+dues$/),
            page.keyboard.press('Enter'),
          ]);

          assert.equal(
            await page.getByRole('searchbox', { name: 'Search articles' }).inputValue(),
            'harbour dues',
          );
          assert.match(
            await page.locator('.search-summary').innerText(),
            /^\d+ articles? match harbour dues/,
          );
          const results = page.getByRole('list', { name: 'Search results' });
          const first = results.getByRole('listitem').first();
          const link = first.getByRole('heading', { level: 2 }).getByRole('link');
          assert.match(await link.innerText(), /Harbour dues/);
          assert.ok((await first.locator('mark').count()) > 0, 'matches are highlighted');
          assert.equal(await page.getByRole('search').count(), 1);

          const violations = await axeViolations(page);
          assert.equal(
            violations.length,
            0,
            `search results, ${scheme}: axe found violations:\n${formatViolations(violations)}`,
          );

          await openPage(page, `${app.url}/search?q=zyzzyvaxqq`);
          assert.match(await page.locator('main').innerText(), /No articles match zyzzyvaxqq/);
          const empty = await axeViolations(page);
          assert.equal(empty.length, 0, `empty search, ${scheme}:\n${formatViolations(empty)}`);
        } finally {
          await context.close();
        }
      }
    });

    test('the article page reports no CSP violation, and its JSON-LD parses in the page', async () => {
      const context = await browser.newContext();
      context.setDefaultTimeout(5000);
      try {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
        });
        const [first] = (await app.services.reading.published({}, undefined, 1)).items;
        assert.ok(first);
        await openPage(page, `${app.url}${articlePath(first)}`);
        const types =
          await page.evaluate(`[...document.querySelectorAll('script[type="application/ld+json"]')]
          .map((s) => JSON.parse(s.textContent)['@type'])`);
        assert.deepEqual(types, ['NewsArticle', 'BreadcrumbList']);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  });
}
