/**
 * Staff pages on a phone (issue 18): the moderation queue, its log, people and the settings fit
 * a 390 px and a 320 px screen in English and in German (longer words): nothing is wider than
 * the screen, no word is broken in the middle, the log's table reflows into cards (and scrolls in
 * a labelled, focusable region where it is a table), and axe passes, light and dark. SQLite
 * only: what is under test is the HTML and CSS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Article } from '../src/domain/article.js';
import type { Role, User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { assertAccessible, browserAvailable, launchBrowser, openPage } from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

const generous = { max: 10_000, windowMs: 60_000 };

/**
 * What on the page does not fit: elements past the right edge (outside a scrolling region),
 * words broken in two. Run in the page (a string: the test's compiler knows no DOM).
 */
const misfitsScript = `(() => {
  const found = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > window.innerWidth) {
    found.push('the page is ' + document.documentElement.scrollWidth + ' px wide');
  }
  const describe = (el) =>
    el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + [...el.classList].join('.') +
    ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const hidden = (el) => el.closest('.visually-hidden, details:not([open]) > :not(summary)');
  const scroller = (el) => el.parentElement && el.parentElement.closest('[role="region"][tabindex="0"]');
  for (const el of document.querySelectorAll('.admin-page *')) {
    if (hidden(el) || scroller(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5) {
      found.push(describe(el) + ' ends at ' + Math.round(box.right) + ' px');
    }
  }
  // A word drawn on two lines was broken in the middle; one joined to the next by a hyphen or
  // a slash may wrap there, and one longer than its line must break somewhere.
  const room = (el) => {
    let block = el;
    while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) {
      block = block.parentElement;
    }
    const style = getComputedStyle(block);
    return block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };
  const walker = document.createTreeWalker(document.querySelector('.admin-page'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || hidden(parent) || parent.closest('option, script, textarea')) continue;
    const text = node.textContent || '';
    for (const match of text.matchAll(/[\\p{L}\\p{N}]+/gu)) {
      const word = match[0];
      if (word.length < 3) continue;
      const next = text[match.index + word.length];
      const previous = text[match.index - 1];
      if (next === '-' || next === '/' || previous === '-' || previous === '/') continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + word.length);
      const rects = [...range.getClientRects()];
      const lines = new Set(rects.map((r) => Math.round(r.top)));
      const wide = rects.reduce((sum, r) => sum + r.width, 0);
      if (lines.size > 1 && wide <= room(parent)) {
        found.push('"' + word + '" is broken in ' + describe(parent));
      }
    }
  }
  return found;
})()`;

async function misfits(page: Page): Promise<string[]> {
  return (await page.evaluate(misfitsScript)) as string[];
}

if (browserAvailable()) {
  describe('staff pages on a phone', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let admin: User;
    let story: Article;
    let serial = 0;

    const person = (role: Role, name: string) =>
      storedPerson(db.store, {
        slug: `${role}-${++serial}`,
        name,
        role,
        email: `${name.toLowerCase().replace(/\W+/g, '.')}@verwaltungsgemeinschaft.example`,
        createdAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
      });

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(
        db,
        {},
        { commentPostsPerPerson: generous, commentPostsPerAddress: generous },
      );
      browser = await launchBrowser();
      admin = await person('admin', 'Ada Quill');
      const commenter = await person('commenter', 'Maximiliane Oberhausen-Schwarzenberg');
      const reporter = await person('commenter', 'Tamsin Reed');
      await db.store.settings.set('moderation.suspectWords', 'scam');
      story = await publishedArticle(db.store, {
        headline: 'Donaudampfschifffahrtsgesellschaft announces its winter timetable',
        authorIds: [admin.id],
      });
      const write = async (body: string, who: User = commenter) =>
        (await app.services.comments.postComment({ author: who, article: story.id, body })).comment;
      const shown = await write('The ferries ran late all summer; let us hope this is better.');
      await app.services.moderation.report(reporter, shown.id, {
        reason: 'abuse',
        text: 'Unangemessen und beleidigend gegenüber der Besatzung',
      });
      await app.services.moderation.act(admin, [shown.id], 'feature');
      const held = await write(
        'A scam, surely: https://fahrplan.example/winter/2026/sonderfahrten',
      );
      await write('Another look at https://fahrplan.example/ and the timetable.');
      await app.services.moderation.act(
        admin,
        [held.id],
        'reject',
        'Werbung ist hier nicht erlaubt',
      );
      await app.services.moderation.sanction(
        admin,
        commenter.id,
        '24h',
        'Wiederholte Werbung',
        held.id,
      );
      await app.services.invitations.invite(admin, {
        email: 'neue.redakteurin@verwaltungsgemeinschaft.example',
        role: 'moderator',
      });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const pages = [
      ['queue', '/admin/moderation?status=all'],
      ['log', '/admin/moderation/log'],
      ['people', '/admin/users'],
      ['settings', '/admin/settings'],
    ] as const;

    for (const lang of ['en-GB', 'de-DE'] as const) {
      for (const width of [390, 320]) {
        test(`${lang} at ${width} px: every page fits, no word broken, axe light and dark`, async () => {
          const context = await browser.newContext({
            viewport: { width, height: 800 },
            reducedMotion: 'reduce',
          });
          try {
            context.setDefaultTimeout(5000);
            const { id } = await app.services.sessions.start(admin.id);
            await context.addCookies([
              { name: 'bs_session', value: id, url: app.url },
              { name: 'bs-lang', value: lang, url: app.url },
            ]);
            const page = await context.newPage();
            for (const [label, path] of pages) {
              await openPage(page, app.url + path);
              for (const summary of await page.locator('.admin-page details > summary').all()) {
                await summary.click();
              }
              assert.deepEqual(await misfits(page), [], `${label} (${lang}) at ${width} px`);
              assert.ok(
                await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'),
              );
              for (const colorScheme of ['light', 'dark'] as const) {
                await page.emulateMedia({ colorScheme });
                await assertAccessible(page, `${label} (${lang}) at ${width} px, ${colorScheme}`);
              }
              await page.emulateMedia({ colorScheme: 'light' });
              if (process.env.SCREENSHOTS) {
                // In screens' worth, to be looked at one by one.
                const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
                for (let y = 0, n = 0; y < height; y += 1200, n++) {
                  await page.screenshot({
                    path: `${process.env.SCREENSHOTS}/${label}-${lang}-${width}-${n}.png`,
                    fullPage: true,
                    clip: { x: 0, y, width, height: Math.min(1200, height - y) },
                  });
                }
              }
            }
          } finally {
            await context.close();
          }
        });
      }
    }

    test('the queue’s live notices speak the page’s language (German)', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
      try {
        context.setDefaultTimeout(5000);
        const { id } = await app.services.sessions.start(admin.id);
        await context.addCookies([
          { name: 'bs_session', value: id, url: app.url },
          { name: 'bs-lang', value: 'de-DE', url: app.url },
        ]);
        const page = await context.newPage();
        await openPage(page, `${app.url}/admin/moderation?status=pending`);
        await page.locator('[data-mod-live][data-connected]').waitFor({ state: 'attached' });
        const listed = await page.locator('[data-mod-item]').first().getAttribute('data-id');
        assert.ok(listed);
        const late = await person('commenter', 'Lena Spät');
        await app.services.comments.postComment({
          author: late,
          article: story.id,
          body: 'Spät, aber mit Link https://spaet.example/',
        });
        const live = page.locator('[data-mod-live]');
        await live
          .getByText('Seit dem Laden dieser Seite hat sich 1 Kommentar geändert.')
          .waitFor();
        assert.equal(await live.getByRole('link', { name: 'Warteschlange neu laden' }).count(), 1);
        await app.services.moderation.act(admin, [listed], 'approve');
        const item = page.locator(`[data-mod-item][data-id="${listed}"]`);
        await item.getByText(/Über diesen Kommentar hat nach dem Laden der Seite/).waitFor();
        await live.getByText(/haben sich 2 Kommentare geändert/).waitFor();
        await assertAccessible(page, 'German queue with live notices');
      } finally {
        await context.close();
      }
    });

    test('the log: cards on a phone; a table that scrolls in a named, focusable region wider', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
      try {
        const { id } = await app.services.sessions.start(admin.id);
        await context.addCookies([
          { name: 'bs_session', value: id, url: app.url },
          { name: 'bs-lang', value: 'de-DE', url: app.url },
        ]);
        const page = await context.newPage();
        await openPage(page, `${app.url}/admin/moderation/log`);
        const region = page.getByRole('region', { name: 'Moderationsmaßnahmen' });
        assert.equal(await region.getAttribute('tabindex'), '0');
        // Each entry a card: its cells one under another, each named by its column.
        const cell = page.locator('.mod-log td[data-label="Was"]').first();
        assert.equal(
          await cell.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).display),
          'block',
        );
        const before = await cell.evaluate(
          (el) => el.ownerDocument.defaultView!.getComputedStyle(el, '::before').content,
        );
        assert.equal(before, '"Was: "');
        await page.setViewportSize({ width: 1280, height: 800 });
        assert.equal(
          await cell.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).display),
          'table-cell',
        );
        await page.keyboard.press('Tab');
        await region.focus();
        assert.equal(await page.evaluate("document.activeElement.getAttribute('role')"), 'region');
        await assertAccessible(page, 'log at 1280 px');
      } finally {
        await context.close();
      }
    });
  });
} else {
  test('staff pages on a phone', { skip: 'Chromium not found (set CHROMIUM_PATH)' }, () => {});
}
