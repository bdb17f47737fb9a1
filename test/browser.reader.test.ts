/**
 * Reader pages in a real browser (Debian's Chromium through playwright-core): accessibility with
 * axe-core in every theme, the article's anatomy as assistive technology sees it, small screens,
 * the keyboard, Adjust, and the page without JavaScript. Runs on SQLite only: what is under test
 * here is the HTML, CSS and script, not the database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
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
import { storedPerson } from './helpers/fixtures.js';
import { json } from './helpers/http.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

interface DemoArticle {
  url: string;
  slug: string;
  headline: string;
  body: string;
  dateline: string;
  commentCount: number;
  authors: { name: string }[];
}

/** Letters, digits and single spaces only, so Markdown source and rendered text compare. */
function words(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

if (browserAvailable()) {
  describe('reader pages in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let article: DemoArticle;
    let articlePath: string;
    let related: { slug: string; headline: string };

    before(async () => {
      db = await openSqliteStore();
      await loadDemoIfEmpty(db.store);
      app = await startApp(db);
      browser = await launchBrowser();
      const list = await json(await fetch(`${app.url}/api/v1/articles?limit=50`));
      const items = list.items as DemoArticle[];
      const found = items.find((a) => a.body.includes('[[related:'));
      assert.ok(found, 'the demo has an article with an inline related story');
      article = found;
      articlePath = new URL(article.url).pathname;
      const slug = /\[\[related:([a-z0-9-]+)\]\]/.exec(article.body)?.[1] ?? '';
      const target = items.find((a) => a.slug === slug);
      assert.ok(target, `the inline related story ${slug} is published`);
      related = { slug, headline: target.headline };
      mkdirSync(resultsDir, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    /** A fresh context (own storage, own settings) and a page in it, closed afterwards. */
    async function withPage<T>(
      options: BrowserContextOptions & { adjust?: Record<string, string> },
      fn: (page: Page, context: BrowserContext) => Promise<T>,
    ): Promise<T> {
      const { adjust, ...contextOptions } = options;
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        ...contextOptions,
      });
      try {
        if (adjust) {
          // Stored Adjust settings, as a returning reader has them before the page loads.
          await context.addInitScript(
            `try { localStorage.setItem('bs-adjust', ${JSON.stringify(JSON.stringify(adjust))}) } catch (e) {}`,
          );
        }
        // Fail fast: a missing element is a failure, not something to wait half a minute for.
        context.setDefaultTimeout(5000);
        const page = await context.newPage();
        return await fn(page, context);
      } finally {
        await context.close();
      }
    }

    const open = (page: Page, url: string) => openPage(page, app.url + url);

    async function assertAccessible(page: Page, label: string): Promise<void> {
      const violations = await axeViolations(page);
      assert.equal(
        violations.length,
        0,
        `${label}: axe found WCAG 2.x A/AA violations:\n${formatViolations(violations)}`,
      );
    }

    const paragraphFontSize = (page: Page) =>
      page
        .locator('.article__body > p')
        .first()
        .evaluate((p) => parseFloat(p.ownerDocument.defaultView.getComputedStyle(p).fontSize));

    const noHorizontalScroll = async (page: Page, label: string) => {
      const [scrollWidth, clientWidth] = await page
        .locator('html')
        .evaluate((el) => [el.scrollWidth, el.clientWidth] as [number, number]);
      assert.ok(
        scrollWidth <= clientWidth,
        `${label}: the page scrolls sideways (${scrollWidth} px of content in ${clientWidth} px)`,
      );
    };

    for (const scheme of ['light', 'dark'] as const) {
      for (const which of ['front page', 'article page']) {
        test(`the ${which} has no WCAG 2.x A/AA violations with a ${scheme} system theme`, () =>
          withPage({ colorScheme: scheme }, async (page) => {
            await page.emulateMedia({ colorScheme: scheme });
            await open(page, which === 'front page' ? '/' : articlePath);
            await assertAccessible(page, `${which}, ${scheme}`);
          }));
      }
    }

    for (const theme of ['light', 'dark', 'sepia']) {
      test(`the article page and open Adjust panel pass axe in the ${theme} theme`, () =>
        // The system says the opposite, so the chosen theme must win on its own.
        withPage(
          { colorScheme: theme === 'dark' ? 'light' : 'dark', adjust: { theme } },
          async (page) => {
            await open(page, articlePath);
            assert.equal(await page.locator('html').getAttribute('data-theme'), theme);
            await page.getByRole('button', { name: /^Adjust/ }).click();
            await assertAccessible(page, `article with Adjust open, ${theme} theme`);
          },
        ));
    }

    test('the article page shows its anatomy in order, with named tools', () =>
      withPage({}, async (page) => {
        await open(page, articlePath);
        const h1 = page.getByRole('heading', { level: 1 });
        assert.equal(await h1.count(), 1, 'exactly one h1');
        assert.equal((await h1.innerText()).trim(), article.headline);

        const tools = page.getByRole('group', { name: 'Article tools' });
        const adjust = tools.getByRole('button', { name: /^Adjust/ });
        const n = article.commentCount;
        const comment = tools.getByRole('link', {
          name: new RegExp(`^Comment, ${n} comments?$`),
        });
        const print = tools.getByRole('link', { name: /^Print/ });
        for (const [name, control] of [
          ['Adjust', adjust],
          ['Comment', comment],
          ['Print', print],
        ] as const) {
          assert.equal(await control.count(), 1, `one ${name} control`);
          assert.ok(await control.isVisible(), `${name} is visible`);
        }
        assert.equal(await adjust.getAttribute('aria-expanded'), 'false', 'Adjust starts closed');
        assert.equal(await comment.getAttribute('href'), '#comments');
        assert.equal(await print.getAttribute('href'), `${articlePath}/print`);

        const byline = page.locator('.byline');
        assert.ok(await byline.isVisible());
        const bylineText = await byline.innerText();
        assert.match(bylineText, /^By /);
        for (const author of article.authors) assert.ok(bylineText.includes(author.name));
        const dateline = page.locator('.dateline');
        assert.equal(
          (await dateline.innerText()).trim().toUpperCase(),
          article.dateline.toUpperCase(),
        );
        assert.ok(await dateline.isVisible());
        assert.ok(await page.locator('.article-meta time').first().isVisible(), 'published time');

        const inline = page.getByRole('complementary', { name: 'Related story' });
        assert.ok(await inline.first().isVisible(), 'inline related story');
        const inlineLink = inline.first().getByRole('link', { name: related.headline });
        assert.ok(await inlineLink.isVisible(), 'inline related headline links to the story');
        assert.match(
          (await inlineLink.getAttribute('href')) ?? '',
          new RegExp(`/${related.slug}$`),
        );
        assert.ok(!(await page.locator('body').innerText()).includes('[[related:'));

        const comments = page.getByRole('heading', { level: 2, name: /^Comments/ });
        assert.ok(await comments.isVisible(), 'Comments heading');
        assert.match(await comments.innerText(), new RegExp(`\\(${n}\\)`));

        // Top to bottom: headline, toolbar, byline, dateline, body, comments.
        const tops: number[] = [];
        for (const l of [h1, tools, byline, dateline, inline.first(), comments]) {
          tops.push((await l.boundingBox())?.y ?? NaN);
        }
        const sorted = [...tops].sort((a, b) => a - b);
        assert.deepEqual(tops, sorted, `anatomy out of order: ${tops.join(', ')}`);
      }));

    for (const [label, adjust] of [
      ['default text', undefined],
      ['the largest text size', { size: '5' }],
    ] as const) {
      test(`at 320 px wide nothing scrolls sideways (${label})`, () =>
        withPage(
          { viewport: { width: 320, height: 640 }, ...(adjust ? { adjust } : {}) },
          async (page) => {
            for (const url of ['/', articlePath, `/${articlePath.split('/')[1]}`]) {
              await open(page, url);
              await noHorizontalScroll(page, `${url} (${label})`);
            }
            await open(page, articlePath);
            await page.getByRole('button', { name: /^Adjust/ }).click();
            await noHorizontalScroll(page, `article with Adjust open (${label})`);
          },
        ));
    }

    test('every Tab stop on the article page shows a clear focus ring', () =>
      // Reduced motion: focus scrolls at once instead of smoothly, so it can be measured at once.
      withPage({ reducedMotion: 'reduce' }, async (page) => {
        await open(page, articlePath);
        const seen: string[] = [];
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab');
          // Past the last stop focus leaves the page for the browser's own controls.
          if ((await page.locator(':focus').count()) === 0) break;
          const stop = await page.locator(':focus').evaluate((el) => {
            const style = el.ownerDocument.defaultView.getComputedStyle(el);
            const box = el.getBoundingClientRect();
            const view = el.ownerDocument.documentElement;
            return {
              name: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`,
              outline: `${style.outlineStyle} ${parseFloat(style.outlineWidth)}`,
              onScreen: box.width > 0 && box.top >= 0 && box.bottom <= view.clientHeight + 1,
            } as { name: string; outline: string; onScreen: boolean };
          });
          assert.match(stop.outline, /^solid ([2-9]|\d{2})/, `${stop.name} has no focus ring`);
          assert.ok(stop.onScreen, `${stop.name} is scrolled into view when focused`);
          seen.push(stop.name);
        }
        for (const expected of [
          'Skip to content',
          'Adjust',
          'Comment',
          'Print',
          related.headline,
        ]) {
          assert.ok(
            seen.some((n) => n.includes(expected.slice(0, 30))),
            `${expected} is a Tab stop: ${seen.join(', ')}`,
          );
        }
      }));

    test('WCAG text-spacing overrides at 320 px clip nothing', () =>
      // The override is an inline style sheet, which the page's CSP rightly refuses.
      withPage({ viewport: { width: 320, height: 640 }, bypassCSP: true }, async (page) => {
        await open(page, articlePath);
        await page.addStyleTag({
          content:
            '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }',
        });
        await noHorizontalScroll(page, 'article with text spacing');
        await page.getByRole('button', { name: /^Adjust/ }).click();
        const clipped = await page
          .locator('.toolbar a, .toolbar button')
          .evaluateAll((els) =>
            els
              .filter(
                (el) =>
                  el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
              )
              .map((el) => (el.textContent ?? '').trim()),
          );
        assert.deepEqual(clipped, [], 'controls whose text no longer fits');
        await noHorizontalScroll(page, 'article with text spacing and Adjust open');
      }));

    test('the skip link is the first Tab stop and moves focus to the content', () =>
      withPage({}, async (page) => {
        await open(page, articlePath);
        await page.keyboard.press('Tab');
        const skip = page.locator(':focus');
        assert.equal((await skip.innerText()).trim(), 'Skip to content');
        const box = await skip.boundingBox();
        assert.ok(box && box.y >= 0 && box.height >= 24, 'the focused skip link is on screen');
        await page.keyboard.press('Enter');
        assert.equal(await page.locator(':focus').getAttribute('id'), 'main');
        await page.keyboard.press('Tab');
        const next = page.locator(':focus');
        assert.ok(
          await next.evaluate((el) => el.closest('main') !== null),
          'the next Tab stop is inside the content',
        );
      }));

    test('the Comment control takes the reader to the comment box, or to signing in', async () => {
      await withPage({}, async (page) => {
        await open(page, articlePath);
        await page.getByRole('link', { name: /^Comment, \d+ comments?$/ }).click();
        const focused = page.locator(':focus');
        assert.equal((await focused.innerText()).trim(), 'Sign in to comment');
        assert.match(page.url(), /#comments$/);
        assert.match((await focused.getAttribute('href')) ?? '', /^\/signin\?next=/);
      });
      const reader = await storedPerson(db.store, {
        slug: 'toolbar-reader',
        name: 'Toolbar Reader',
      });
      const { id } = await app.services.sessions.start(reader.id);
      await withPage({}, async (page, context) => {
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        await open(page, articlePath);
        await page.getByRole('link', { name: /^Comment, \d+ comments?$/ }).press('Enter');
        assert.equal(await page.locator(':focus').getAttribute('id'), 'comment-body');
        assert.ok(await page.locator('#comment-body').isVisible());
      });
    });

    test('Adjust works from the keyboard and the setting persists', () =>
      withPage({}, async (page) => {
        await open(page, articlePath);
        const before = await paragraphFontSize(page);
        const adjust = page.getByRole('button', { name: /^Adjust/ });
        await adjust.focus();
        await page.keyboard.press('Enter');
        assert.equal(await adjust.getAttribute('aria-expanded'), 'true', 'Enter opens the panel');
        const panel = page.locator(`#${await adjust.getAttribute('aria-controls')}`);
        assert.ok(await panel.isVisible(), 'the panel the control points at is shown');
        const larger = panel.getByRole('group', { name: 'Text size' }).getByRole('button', {
          name: '140%',
        });
        await larger.focus();
        await page.keyboard.press('Enter');
        assert.equal(await larger.getAttribute('aria-pressed'), 'true');
        const after = await paragraphFontSize(page);
        assert.ok(
          Math.abs(after / before - 1.4) < 0.02,
          `paragraphs grow to 140% (from ${before}px to ${after}px)`,
        );

        await page.keyboard.press('Escape');
        assert.equal(
          await adjust.getAttribute('aria-expanded'),
          'false',
          'Escape closes the panel',
        );
        assert.ok(await panel.isHidden());
        assert.ok(
          await adjust.evaluate((el) => el === el.ownerDocument.activeElement),
          'focus returns to the Adjust control',
        );

        await page.reload();
        assert.equal(await page.locator('html').getAttribute('data-size'), '3');
        assert.equal(await paragraphFontSize(page), after, 'the size is remembered');
        await adjust.click();
        assert.equal(await larger.getAttribute('aria-pressed'), 'true');
        await panel.getByRole('button', { name: 'Reset to defaults' }).click();
        assert.equal(await paragraphFontSize(page), before, 'reset restores the default size');
        assert.equal(await page.locator('html').getAttribute('data-size'), null);
      }));

    test('without JavaScript the whole article is there and Print leads to the print view', () =>
      withPage({ javaScriptEnabled: false }, async (page) => {
        await open(page, articlePath);
        assert.equal(await page.locator('html').getAttribute('class'), null, 'no script ran');
        const body = page.locator('.article__body');
        const shown = words(await body.innerText());
        const paragraphs = article.body
          .split(/\n{2,}/)
          .filter((p) => p.trim() && !p.includes('[[related:') && !/^\s*[#>!-]/.test(p));
        assert.ok(paragraphs.length > 2);
        for (const p of paragraphs) {
          const start = words(p).slice(0, 60);
          assert.ok(shown.includes(start), `paragraph shown: ${start}`);
        }
        assert.ok(await body.locator('p').last().isVisible());
        assert.ok(await page.getByRole('heading', { level: 2, name: /^Comments/ }).isVisible());

        // The Adjust disclosure still opens and says how to zoom instead.
        await page.locator('summary', { hasText: 'Adjust' }).click();
        assert.ok(await page.getByText(/use your browser’s zoom/).isVisible());

        await page.getByRole('link', { name: /^Print/ }).click();
        await page.waitForURL(`**${articlePath}/print`);
        assert.equal(
          (await page.getByRole('heading', { level: 1 }).innerText()).trim(),
          article.headline,
        );
        assert.equal(await page.getByRole('group', { name: 'Article tools' }).count(), 0);
        assert.ok(await page.locator('.byline').isVisible());
      }));

    test('screenshots of the front and article pages at 1280 and 320 px', () =>
      withPage({}, async (page) => {
        for (const width of [1280, 320]) {
          await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
          for (const [name, url] of [
            ['front', '/'],
            ['article', articlePath],
          ]) {
            await open(page, url ?? '/');
            const file = path.join(resultsDir, `${name}-${width}.png`);
            await page.screenshot({ path: file, fullPage: true });
          }
        }
        // What a reader gets from the wide layout: a serif reading face at a comfortable measure.
        await page.setViewportSize({ width: 1280, height: 900 });
        await open(page, articlePath);
        const p = page.locator('.article__body > p').first();
        const [family, chars] = await p.evaluate((el) => {
          const style = el.ownerDocument.defaultView.getComputedStyle(el);
          const probe = el.ownerDocument.createElement('span');
          probe.textContent = 'abcdefghijklmnopqrstuvwxyz';
          el.appendChild(probe);
          const perChar = probe.getBoundingClientRect().width / 26;
          probe.remove();
          return [style.fontFamily, el.clientWidth / perChar] as [string, number];
        });
        assert.match(family, /^"?Source Serif 4/);
        assert.ok(
          chars >= 55 && chars <= 80,
          `about 66 characters a line, got ${chars.toFixed(0)}`,
        );
      }));
  });
}
