/**
 * /admin/insights and an article's readers panel in the editor, in Chromium (issue 24): views
 * counted through the app show in the chart, whose SVG is an image named by its title and whose
 * figures are in a table; the pages fit 390 px and 1280 px windows, light and dark, and axe-core
 * finds nothing. Screenshots go to test-results/insights-*.png. SQLite only: what is under test
 * is the pages.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { articlePath, type Article } from '../src/domain/article.js';
import type { User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser, openPage } from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

const reader = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'accept-language': 'en-GB,en;q=0.8',
  accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
};
const shots = path.resolve('test-results');

/** Elements wider than the window (outside regions that scroll), by a short description. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth) {
      out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth);
    }
    for (const el of document.querySelectorAll('main *')) {
      if (el.closest('.table-scroll') && !el.classList.contains('table-scroll')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      if (box.right > width + 1) {
        out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + Math.round(box.right));
      }
    }
    return out;
  })()`);
}

if (browserAvailable()) {
  describe('audience insights in the browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let editor: User;
    let derby: Article;

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      editor = await storedPerson(db.store, { slug: 'edie', role: 'editor' });
      derby = await publishedArticle(db.store, { sectionSlug: 'sport', headline: 'Derby day' });
      const vote = await publishedArticle(db.store, {
        sectionSlug: 'news',
        headline: 'Council vote',
      });
      // A sent briefing and a second issue (a section's digest) whose links nobody followed.
      const now = new Date().toISOString();
      await db.store.newsletters.addSubscriber({
        id: 'sub-shot',
        email: 'shot@example.com',
        userId: null,
        status: 'confirmed',
        source: 'form',
        at: now,
      });
      await db.store.newsletters.addLists('sub-shot', ['briefing', 'section:sport'], now);
      for (const [id, list, subject] of [
        ['nl-shot-1', 'briefing', 'Your morning briefing'],
        ['nl-shot-2', 'section:sport', 'Sport today'],
      ] as const) {
        await db.store.newsletters.createIssue({
          id,
          key: `shot:${id}`,
          slug: id,
          kind: list === 'briefing' ? 'briefing' : 'digest',
          list,
          status: 'draft',
          subject,
          intro: '',
          articleIds: [derby.id],
          sendAt: null,
          createdAt: now,
        });
        await db.store.newsletters.queueIssue(id, ['draft'], now);
      }
      while ((await app.services.newsletterSender.round()).claimed > 0);
      const views: [string, Record<string, string>][] = [
        [
          `${articlePath(derby)}?utm_source=newsletter&utm_medium=email&utm_campaign=briefing-nl-shot-1`,
          {},
        ],
        [articlePath(derby), {}],
        [articlePath(derby), { referer: 'https://www.google.com/search?q=derby' }],
        [articlePath(derby), { referer: 'https://t.co/abc' }],
        [`${articlePath(derby)}?utm_source=newsletter&utm_medium=email&utm_campaign=morning`, {}],
        [articlePath(vote), {}],
        ['/', {}],
        ['/sport', {}],
      ];
      for (const [url, extra] of views) {
        const res = await fetch(app.url + url, { headers: { ...reader, ...extra } });
        await res.arrayBuffer();
        assert.equal(res.status, 200, url);
      }
      await app.services.views.flush();
      browser = await launchBrowser();
      mkdirSync(shots, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const pages = () => [
      { name: 'admin', url: '/admin/insights' },
      { name: 'editor', url: `/admin/articles/${derby.id}` },
    ];

    for (const width of [390, 1280]) {
      test(`/admin/insights and the editor's panel at ${width} px, light and dark`, async () => {
        const context = await browser.newContext({
          viewport: { width, height: 900 },
          reducedMotion: 'reduce',
        });
        try {
          const { id } = await app.services.sessions.start(editor.id);
          await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
          const page = await context.newPage();
          for (const { name, url } of pages()) {
            await openPage(page, app.url + url);
            for (const colorScheme of ['light', 'dark'] as const) {
              await page.emulateMedia({ colorScheme });
              assert.deepEqual(await overflowing(page), [], `${url} (${colorScheme})`);
              await assertAccessible(page, `${url} at ${width} px (${colorScheme})`);
              const file = path.join(shots, `insights-${name}-${width}-${colorScheme}.png`);
              await page.screenshot({ path: file, fullPage: true });
              if (name === 'editor') {
                const panel = page.getByRole('region', { name: 'Readers', exact: true });
                await panel.screenshot({
                  path: path.join(shots, `insights-panel-${width}-${colorScheme}.png`),
                });
              }
            }
          }
        } finally {
          await context.close();
        }
      });
    }

    test('the chart is an image named by its title, with its figures in a table', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const { id } = await app.services.sessions.start(editor.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        const page = await context.newPage();
        await openPage(page, `${app.url}/admin/insights`);
        const main = page.getByRole('main');
        const chart = main.getByRole('img', { name: /^Views per hour, from .* to .*/ });
        assert.equal(await chart.count(), 1);
        assert.match(await main.innerText(), /8 views on /);
        // The figures: opened with the keyboard, 24 hours whose views add up to the total.
        const summary = main.getByText('The chart’s figures');
        await summary.focus();
        await page.keyboard.press('Enter');
        const table = main.getByRole('table', { name: /^Views per hour/ });
        assert.ok(await table.isVisible());
        const cells = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
        assert.ok(cells.length >= 23 && cells.length <= 25, `${cells.length} hours`);
        assert.equal(
          cells.reduce((sum, c) => sum + Number(c.replace(/\D/g, '')), 0),
          8,
        );
        const newsletters = main.getByRole('region', { name: 'Newsletters' });
        const rows = await newsletters.locator('tbody tr').allInnerTexts();
        assert.deepEqual(
          rows.map((r) =>
            r
              .replace(/\s+/g, ' ')
              .trim()
              .replace(/ \d+ \w+ \d{4} /, ' DATE '),
          ),
          [
            'Sport today Sport: daily digest DATE 1 0 0.0',
            'Your morning briefing The daily briefing DATE 1 1 100.0',
          ],
        );
        const articles = main.getByRole('region', { name: 'Top articles' });
        assert.deepEqual(
          (await articles.locator('tbody tr td:first-child').allInnerTexts()).map((s) => s.trim()),
          ['Derby day', 'Council vote'],
        );

        // The editor's panel: the article's own views and where its readers came from.
        await openPage(page, `${app.url}/admin/articles/${derby.id}`);
        const panel = page.getByRole('region', { name: 'Readers', exact: true });
        assert.match(await panel.innerText(), /5 views so far/);
        assert.equal(
          await panel.getByRole('img', { name: 'Views in the first 48 hours' }).count(),
          1,
        );
        const sources = await panel
          .getByRole('table', { name: 'Where readers came from' })
          .locator('tbody tr')
          .allInnerTexts();
        assert.deepEqual(sources.map((s) => s.replace(/\s+/g, ' ').trim()).sort(), [
          'Direct or unknown 1',
          'Newsletters and email 2',
          'Search engines google.com 1',
          'Social networks t.co 1',
        ]);
      } finally {
        await context.close();
      }
    });
  });
}
