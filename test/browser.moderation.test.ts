/**
 * The moderation queue in a real browser, by keyboard alone: j/k move with a visible focus, a
 * approves, r rejects, f features, each carrying on from the next comment after the page reloads.
 * The queue announces changes made elsewhere while it is open. axe-core checks the queue, the
 * log, the settings and an article with a Featured strip, a report form and one's own held
 * comment. SQLite only: what is under test is the HTML, CSS and script.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { articlePath, type Article } from '../src/domain/article.js';
import type { Role, User } from '../src/domain/user.js';
import { startApp, type RunningApp } from './helpers/app.js';
import {
  axeViolations,
  browserAvailable,
  formatViolations,
  launchBrowser,
  openPage,
} from './helpers/browser.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

const generous = { max: 10_000, windowMs: 60_000 };

if (browserAvailable()) {
  describe('moderation in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let moderator: User;
    let admin: User;
    let commenter: User;
    let story: Article;
    let serial = 0;

    const person = (role: Role) => {
      const slug = `${role}-${++serial}`;
      return storedPerson(db.store, {
        slug,
        name: `${role[0]?.toUpperCase()}${role.slice(1)} ${serial}`,
        role,
        createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      });
    };

    const held = async (body: string, author = commenter) => {
      const { comment } = await app.services.comments.postComment({
        author,
        article: story.id,
        body,
      });
      assert.equal(comment.status, 'pending');
      return comment.id;
    };

    before(async () => {
      db = await openSqliteStore();
      app = await startApp(
        db,
        {},
        { commentPostsPerPerson: generous, commentPostsPerAddress: generous },
      );
      browser = await launchBrowser();
      moderator = await person('moderator');
      admin = await person('admin');
      commenter = await person('commenter');
      story = await publishedArticle(db.store, {
        slug: 'harbour-wall',
        headline: 'The harbour wall will be rebuilt',
        standfirst: 'Work starts in spring.',
        body: 'The council agreed the plan.',
        dateline: 'PORTHAVEN',
        authorIds: [admin.id],
      });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    async function signedIn<T>(
      user: User,
      fn: (page: Page, context: BrowserContext) => Promise<T>,
    ) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce',
      });
      try {
        context.setDefaultTimeout(5000);
        const { id } = await app.services.sessions.start(user.id);
        await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
        return await fn(await context.newPage(), context);
      } finally {
        await context.close();
      }
    }

    const focusedItem = (page: Page): Promise<string | null> =>
      page.evaluate(
        "(document.activeElement && document.activeElement.closest('[data-mod-item]') || {}).id || null",
      );
    const focusOn = (page: Page, id: string | undefined) =>
      page.locator(`#item-${id}:focus`).waitFor();

    async function assertNoViolations(page: Page, label: string) {
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `${label}:\n${formatViolations(violations)}`);
    }

    test('the queue worked by keyboard alone', async () => {
      const ids = [
        await held('First link https://one.example/a'),
        await held('Second link https://two.example/b'),
        await held('Third link https://three.example/c'),
        await held('Fourth link https://four.example/d'),
      ];
      await signedIn(moderator, async (page) => {
        await openPage(page, `${app.url}/admin/moderation?status=pending`);
        await assertNoViolations(page, 'queue');

        await page.keyboard.press('j');
        assert.equal(await focusedItem(page), `item-${ids[0]}`);
        // The focus is visible: an outline, not just a colour change.
        const outline = await page
          .locator(':focus')
          .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).outlineStyle);
        assert.notEqual(outline, 'none');
        await page.keyboard.press('j');
        await page.keyboard.press('j');
        assert.equal(await focusedItem(page), `item-${ids[2]}`);
        await page.keyboard.press('k');
        await page.keyboard.press('k');
        assert.equal(await focusedItem(page), `item-${ids[0]}`);

        // a: approve the first; the queue comes back focused on the next one.
        await Promise.all([page.waitForURL(/done=approve/), page.keyboard.press('a')]);
        assert.equal((await db.store.comments.byId(ids[0]!))?.status, 'published');
        await focusOn(page, ids[1]);
        assert.match(await page.locator('.done-banner').innerText(), /Approved/);

        // r: reject the second.
        await Promise.all([page.waitForURL(/done=reject/), page.keyboard.press('r')]);
        assert.equal((await db.store.comments.byId(ids[1]!))?.status, 'rejected');
        await focusOn(page, ids[2]);

        // f: feature the third, which approves it too, so it leaves the pending tab.
        await Promise.all([page.waitForURL(/done=feature/), page.keyboard.press('f')]);
        const third = await db.store.moderation.moderated(ids[2]!);
        assert.equal(third?.status, 'published');
        assert.ok(third?.featuredAt);

        // The focus moves on to what is left; typing in a field is never taken for a shortcut.
        await focusOn(page, ids[3]);
        const field = page.locator(`#item-${ids[3]}-reason`);
        await field.focus();
        await page.keyboard.type('a reason');
        assert.equal((await db.store.comments.byId(ids[3]!))?.status, 'pending');
        assert.equal(await field.inputValue(), 'a reason');
        await assertNoViolations(page, 'queue after actions');
      });
    });

    test('an open queue says when comments change elsewhere', async () => {
      await signedIn(moderator, async (page) => {
        await openPage(page, `${app.url}/admin/moderation?status=pending`);
        // The script marks the live region once the stream is open.
        await page.locator('[data-mod-live][data-connected]').waitFor({ state: 'attached' });
        await held('Arrived while you were reading https://late.example/x');
        const live = page.locator('[data-mod-live]');
        await live.getByText(/1 comment has changed/).waitFor();
        assert.equal(await live.getByRole('link', { name: 'Refresh the queue' }).count(), 1);

        // Another moderator decides an item on this page: it is marked where it stands.
        const listed = await page.locator('[data-mod-item]').first().getAttribute('data-id');
        assert.ok(listed);
        await app.services.moderation.act(admin, [listed], 'approve');
        const item = page.locator(`[data-mod-item][data-id="${listed}"]`);
        await item.getByText(/this comment was decided by another moderator/).waitFor();
        await live.getByText(/2 comments have changed/).waitFor();
        await assertNoViolations(page, 'queue with a changed item');
      });
    });

    test('the log, the settings and the article pass axe', async () => {
      await signedIn(moderator, async (page) => {
        await openPage(page, `${app.url}/admin/moderation/log`);
        await assertNoViolations(page, 'log');
        await openPage(page, `${app.url}/admin/moderation?status=all`);
        await assertNoViolations(page, 'all tab');
      });
      await signedIn(admin, async (page) => {
        await openPage(page, `${app.url}/admin/settings`);
        await assertNoViolations(page, 'settings');
        await page.locator('#setting-moderation-reportThreshold').fill('none');
        await Promise.all([
          page.waitForLoadState(),
          page.getByRole('button', { name: 'Save settings' }).click(),
        ]);
        await page.locator('.error-summary').waitFor();
        await assertNoViolations(page, 'settings with a problem');
      });
      await signedIn(commenter, async (page) => {
        await openPage(page, app.url + articlePath(story));
        assert.equal(await page.getByRole('heading', { name: 'Featured' }).count(), 1);
        assert.match(await page.locator('.own-comments').innerText(), /Awaiting review/);
        assert.match(await page.locator('.own-comments').innerText(), /Rejected/);
        await assertNoViolations(page, 'article for its commenter');
      });
      const other = await person('commenter');
      await signedIn(other, async (page) => {
        await openPage(page, app.url + articlePath(story));
        assert.equal(await page.locator('.own-comments').count(), 0);
        // Report opens the page again with that comment's form open (decision 0084).
        await Promise.all([
          page.waitForURL(/report=/),
          page.locator('.comment__report-link').first().click(),
        ]);
        const report = page.locator('details.comment__report[open]');
        assert.equal(await report.count(), 1);
        await assertNoViolations(page, 'article with a report form open');
        await report.getByLabel('Off topic').check();
        await Promise.all([
          page.waitForURL(/reported=/),
          report.getByRole('button', { name: 'Send report' }).click(),
        ]);
        await page.getByText('your report was sent to the moderators').waitFor();
      });
    });
  });
} else {
  test('moderation in a browser', { skip: 'Chromium not found (set CHROMIUM_PATH)' }, () => {});
}
