/**
 * A right-to-left page in a real browser (decisions/0050-logical-css.md): an article and its
 * comment form drawn in the pseudo-language ar-XB (cookie `bs-lang=ar-XB`) are `<html dir="rtl">`
 * and their masthead, toolbar, headline, body and form start at the right, judged by element
 * boxes; nothing overflows sideways on a phone or a desktop; axe finds nothing. Screenshots go to
 * test-results/. SQLite only: what is under test is the CSS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { articlePath } from '../src/domain/article.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser, openPage } from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

/** A box's horizontal extent, in CSS pixels from the viewport's left. */
interface Span {
  left: number;
  right: number;
}

/** How far apart two edges may be and still count as the same edge (sub-pixel rounding). */
const near = 2;

if (browserAvailable()) {
  describe('a right-to-left page in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let articleUrl = '';
    let readerId = '';

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(db);
      browser = await launchBrowser();
      mkdirSync(resultsDir, { recursive: true });
      const author = await storedPerson(db.store, {
        slug: 'rana',
        name: 'Rana Haddad',
        role: 'author',
      });
      const reader = await storedPerson(db.store, {
        slug: 'omar',
        name: 'Omar Aziz',
        createdAt: new Date(Date.now() - 86_400_000).toISOString(),
      });
      readerId = reader.id;
      const article = await publishedArticle(db.store, {
        slug: 'ferry-starts',
        // Short, so that where its one line starts shows which way the page reads.
        headline: 'Ferry starts',
        standfirst: 'It runs every hour.',
        body: [
          'The new ferry crosses the harbour every hour from Monday, the port authority said. ' +
            'Tickets cost the same as the bus, and the first crossing leaves at six.',
          'The old ferry will be kept.',
          '> We waited years for this, the harbour master said.',
        ].join('\n\n'),
        dateline: 'PORT',
        authorIds: [author.id],
      });
      articleUrl = articlePath(article);
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    /** The page in ar-XB at a width, signed in as the reader (for the comment form) or not. */
    async function inRtl<T>(
      width: number,
      signedIn: boolean,
      work: (page: Page) => Promise<T>,
    ): Promise<T> {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        reducedMotion: 'reduce',
      });
      try {
        context.setDefaultTimeout(5000);
        const cookies = [{ name: 'bs-lang', value: 'ar-XB', url: app.url }];
        if (signedIn) {
          const { id } = await app.services.sessions.start(readerId);
          cookies.push({ name: 'bs_session', value: id, url: app.url });
        }
        await context.addCookies(cookies);
        return await work(await context.newPage());
      } finally {
        await context.close();
      }
    }

    const box = (page: Page, selector: string): Promise<Span> =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { left: r.left, right: r.right };
        });

    /** The content box (inside padding) of an element. */
    const contentBox = (page: Page, selector: string): Promise<Span> =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const r = el.getBoundingClientRect();
          const style = el.ownerDocument.defaultView!.getComputedStyle(el);
          return {
            left: r.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth),
            right: r.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth),
          };
        });

    /** The lines an element's text is drawn on, first to last: where the words really are. */
    const lines = (page: Page, selector: string): Promise<Span[]> =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const range = el.ownerDocument.createRange();
          range.selectNodeContents(el);
          const byLine = new Map<number, { left: number; right: number }>();
          const rects = range.getClientRects() as unknown as ArrayLike<{
            width: number;
            top: number;
            left: number;
            right: number;
          }>;
          for (const r of Array.from(rects)) {
            if (r.width === 0) continue;
            const key = Math.round(r.top);
            const line = byLine.get(key);
            byLine.set(
              key,
              line
                ? { left: Math.min(line.left, r.left), right: Math.max(line.right, r.right) }
                : { left: r.left, right: r.right },
            );
          }
          return [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([, span]) => span);
        });

    async function noSidewaysOverflow(page: Page, label: string): Promise<void> {
      const { scroll, client } = (await page.evaluate(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
      )) as { scroll: number; client: number };
      assert.ok(scroll <= client, `${label}: the page is ${scroll}px wide in a ${client}px window`);
    }

    /** Text that starts at the right: its line ends at the container's right, not its left. */
    function startsAtRight(line: Span | undefined, container: Span, what: string): void {
      assert.ok(line, `${what} has text`);
      assert.ok(
        Math.abs(line.right - container.right) <= near,
        `${what}: its line ends at ${line.right}, the container's right edge is ${container.right}`,
      );
      assert.ok(
        line.left > container.left + 20,
        `${what}: its line reaches the left edge (${line.left} vs ${container.left})`,
      );
    }

    for (const width of [390, 1280]) {
      test(`an article at ${width}px reads from the right`, async () => {
        await inRtl(width, false, async (page) => {
          await openPage(page, app.url + articleUrl);
          const html = page.locator('html');
          assert.equal(await html.getAttribute('dir'), 'rtl');
          assert.equal(await html.getAttribute('lang'), 'ar-XB');

          // The masthead's top row runs right to left: its first item (the date) is right of the
          // next, and on a wide screen (a phone centres the row) at the row's right edge.
          const wrap = await contentBox(page, '.masthead .wrap');
          const firstTop = await box(page, '.masthead__top > :nth-child(1)');
          const secondTop = await box(page, '.masthead__top > :nth-child(2)');
          assert.ok(firstTop.left >= secondTop.right, 'the date is right of the masthead tools');
          if (width >= 480) {
            assert.ok(
              Math.abs(firstTop.right - wrap.right) <= near,
              `the masthead's first item ends at ${firstTop.right}, the row at ${wrap.right}`,
            );
          }

          // The toolbar: its first tool (Adjust) is the rightmost, the next one to its left.
          const toolbar = await contentBox(page, '.toolbar');
          const shown = await page.locator('.toolbar .tool').evaluateAll((children) =>
            children
              .map((child) => child.getBoundingClientRect())
              .filter((r) => r.width > 0)
              .map((r) => ({ left: r.left, right: r.right })),
          );
          const [first, second] = shown;
          assert.ok(first && second, 'the toolbar shows its tools');
          assert.ok(
            Math.abs(first.right - toolbar.right) <= near,
            `the first tool ends at ${first.right}, the toolbar at ${toolbar.right}`,
          );
          assert.ok(second.right <= first.left, 'the second tool is left of the first');

          // The headline's one line, the standfirst and the body's last line start at the right.
          const column = await box(page, '.article h1');
          startsAtRight((await lines(page, '.article h1'))[0], column, 'the headline');
          const paragraphs = page.locator('.article__body > p');
          const last = await paragraphs.nth(1).evaluate((p) => {
            const r = p.getBoundingClientRect();
            return { left: r.left, right: r.right };
          });
          const paragraphLines = await lines(page, '.article__body > p:nth-of-type(2)');
          startsAtRight(paragraphLines.at(-1), last, 'the body');
          assert.equal(
            await paragraphs
              .nth(0)
              .evaluate((p) => p.ownerDocument.defaultView!.getComputedStyle(p).direction),
            'rtl',
          );

          // A quotation's rule stands at the start of the line: the right, in this language.
          const rule = await page.locator('.article__body blockquote').evaluate((q) => {
            const style = q.ownerDocument.defaultView!.getComputedStyle(q);
            return { left: style.borderLeftWidth, right: style.borderRightWidth };
          });
          assert.deepEqual(rule, { left: '0px', right: '4px' });

          await noSidewaysOverflow(page, `the article at ${width}px`);
          await assertAccessible(page, `the article in ar-XB at ${width}px`);
          await page.screenshot({
            path: path.join(resultsDir, `rtl-article-${width}.png`),
            fullPage: true,
          });
        });
      });

      test(`the comment form at ${width}px reads from the right`, async () => {
        await inRtl(width, true, async (page) => {
          await openPage(page, app.url + articleUrl);
          const form = page.locator('#comment-form');
          await form.scrollIntoViewIfNeeded();
          const formBox = await contentBox(page, '#comment-form');
          const label = await lines(page, 'label[for="comment-body"]');
          startsAtRight(label[0], formBox, 'the comment box’s label');
          const textarea = await box(page, '#comment-body');
          assert.ok(
            Math.abs(textarea.right - formBox.right) <= near,
            `the comment box ends at ${textarea.right}, the form at ${formBox.right}`,
          );
          const submit = await box(page, '#comment-form button[type="submit"]');
          assert.ok(
            Math.abs(submit.right - formBox.right) <= near,
            `the button ends at ${submit.right}, the form at ${formBox.right}`,
          );
          await noSidewaysOverflow(page, `the comment form at ${width}px`);
          await assertAccessible(page, `the comment form in ar-XB at ${width}px`);
          await form.screenshot({ path: path.join(resultsDir, `rtl-comment-form-${width}.png`) });
        });
      });
    }
  });
}
