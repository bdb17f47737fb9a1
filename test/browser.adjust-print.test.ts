/**
 * Adjust and Print in a real browser (Debian's Chromium through playwright-core): every reading
 * setting as computed styles on the article and the comments, the settings in force at the moment
 * the first paragraph is parsed on a later visit, reflow, axe-core in every theme, the keyboard,
 * and print: the page under print media, and PDFs from Chromium read back with poppler's
 * pdftotext (and drawn to PNG with pdftoppm, in test-results/, for a person to look at).
 * Runs on SQLite only: what is under test is the HTML, CSS and script.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
  waitForTrue,
} from './helpers/browser.js';
import { openSqliteStore, tempDir, type OpenedStore } from './helpers/databases.js';
import { json } from './helpers/http.js';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const popplerAvailable = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm');

interface DemoArticle {
  url: string;
  slug: string;
  headline: string;
  standfirst: string;
  body: string;
  dateline: string;
  section: { slug: string; name: string };
  commentCount: number;
  publishedAt: string;
  updatedAt: string | null;
  corrections: { kind: string; text: string; retractedAt: string | null }[];
}

/** What the reader sees of the first paragraph and the page around it. */
interface Reading {
  fontSize: number;
  lineHeight: number;
  fontFamily: string;
  color: string;
  background: string;
  headlineFont: string;
  columnWidth: number;
  comments: { fontSize: number; lineHeight: number; fontFamily: string; color: string };
}

const readingScript = `(() => {
  const p = document.querySelector('.article__body > p');
  const cs = getComputedStyle(p);
  const note = getComputedStyle(document.querySelector('.comments .comment__body p, .comments .empty'));
  return {
    fontSize: parseFloat(cs.fontSize),
    lineHeight: parseFloat(cs.lineHeight),
    fontFamily: cs.fontFamily,
    color: cs.color,
    background: getComputedStyle(document.body).backgroundColor,
    headlineFont: getComputedStyle(document.querySelector('h1')).fontFamily,
    columnWidth: document.querySelector('.article').getBoundingClientRect().width,
    comments: {
      fontSize: parseFloat(note.fontSize),
      lineHeight: parseFloat(note.lineHeight),
      fontFamily: note.fontFamily,
      color: note.color,
    },
  };
})()`;

/**
 * Installed before any page script: records the first article paragraph's computed style the
 * moment the parser inserts it. If the (render-blocking) style sheet has not arrived by then,
 * nothing can be painted yet, so the styles are read when it arrives instead. `atInsertion`
 * keeps what was on <html> at that moment and whether reader.js had already run (it replaces
 * the <details>); it must not have, so the settings seen are the work of the inline head script
 * alone. A second record is taken at the first animation frame, the last moment before the
 * first paint.
 */
const firstParagraphProbe = `(() => {
  const record = (window.__firstParagraph = {});
  const measure = (p) => {
    const cs = getComputedStyle(p);
    return {
      fontSize: parseFloat(cs.fontSize),
      lineHeight: parseFloat(cs.lineHeight),
      fontFamily: cs.fontFamily,
      color: cs.color,
      background: getComputedStyle(document.body).backgroundColor,
      dataset: Object.assign({}, document.documentElement.dataset),
    };
  };
  const observer = new MutationObserver(() => {
    const p = document.querySelector('.article__body > p');
    if (!p) return;
    observer.disconnect();
    const link = document.querySelector('link[rel="stylesheet"]');
    record.atInsertion = {
      dataset: Object.assign({}, document.documentElement.dataset),
      enhanced: !document.querySelector('details.adjust'),
      styleSheetLoaded: Boolean(link && link.sheet),
    };
    if (record.atInsertion.styleSheetLoaded) record.atParse = measure(p);
    else link.addEventListener('load', () => { record.atParse = measure(p); }, { once: true });
    requestAnimationFrame(() => { record.firstFrame = measure(p); });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** Every call to window.print() is counted instead of opening a dialog. */
const printStub = `window.__printCalls = [];
window.print = () => {
  window.__printCalls.push({
    images: Array.from(document.images, (i) => i.complete && i.naturalWidth > 0),
    comments: document.documentElement.classList.contains('print-comments'),
  });
};`;

/** Whitespace (including no-break spaces) collapsed, so rendered and extracted text compare. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Text with every space and hyphen taken out, for comparing addresses: a PDF breaks a long one
 * across lines, and pdftotext joins a word broken at a hyphen without the hyphen.
 */
const unbroken = (text: string) => text.replace(/[\s-]/g, '');

/** The text of a PDF, one string per page. */
function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((page, i, all) => i < all.length - 1 || page.trim() !== '');
}

/** Draws each page to test-results/<name>-<n>.png at 60 dpi and returns the file names. */
function pdfToPng(file: string, name: string): string[] {
  for (const old of readdirSync(resultsDir)) {
    if (old.startsWith(`${name}-`) && old.endsWith('.png')) rmSync(path.join(resultsDir, old));
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(resultsDir, name)]);
  return readdirSync(resultsDir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
}

/** The mean brightness (0 = black, 255 = white) of each page, from a small grey rendering. */
function pageBrightness(file: string): number[] {
  const prefix = path.join(tempDir('broadsheet-pgm-'), 'page');
  execFileSync('pdftoppm', ['-gray', '-r', '20', file, prefix]);
  const dir = path.dirname(prefix);
  const result = readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const data = readFileSync(path.join(dir, f));
      // Binary PGM: "P5", width, height, maxval, then one byte per pixel.
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'));
      assert.ok(header, `${f} is a binary PGM`);
      const pixels = data.subarray(header[0].length);
      let sum = 0;
      for (const v of pixels) sum += v;
      return sum / pixels.length;
    });
  rmSync(dir, { recursive: true, force: true });
  return result;
}

if (browserAvailable()) {
  describe('Adjust and Print in a browser', () => {
    let db: OpenedStore;
    let app: RunningApp;
    let browser: Browser;
    let updated: DemoArticle; // has a marked update (and headings in its body)
    let corrected: DemoArticle; // has a correction or clarification
    let sectionNames: string[];

    before(async () => {
      db = await openSqliteStore();
      await loadDemoIfEmpty(db.store);
      app = await startApp(db);
      browser = await launchBrowser();
      const items = (await json(await fetch(`${app.url}/api/v1/articles?limit=50`)))
        .items as DemoArticle[];
      const find = (what: string, ok: (a: DemoArticle) => boolean) => {
        const found = items.find(ok);
        assert.ok(found, `the demo has an article that ${what}`);
        return found;
      };
      updated = find('has a marked update and sub-headings', (a) =>
        Boolean(a.updatedAt && /^## /m.test(a.body)),
      );
      corrected = find('has a correction', (a) => a.corrections.some((c) => !c.retractedAt));
      sectionNames = [...new Set(items.map((a) => a.section.name))];
      mkdirSync(resultsDir, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await db?.dispose();
    });

    const pathOf = (a: DemoArticle) => new URL(a.url).pathname;
    // The demo's articles link only within the site, so the tests add a link to another one to
    // the first paragraph, as an editor would write it in Markdown.
    const externalHref = 'https://example.com/reports/flood-barrier-review';
    const addExternalLink = (page: Page) =>
      page.evaluate(`(() => {
        const a = document.createElement('a');
        a.href = ${JSON.stringify(externalHref)};
        a.textContent = 'the barrier review';
        document.querySelector('.article__body > p').append(' Read ', a, '.');
      })()`);
    /** The article's canonical address as the page states it. */
    const canonicalOf = (a: DemoArticle) => `http://broadsheet.test${pathOf(a)}`;

    /** A fresh context (own storage, own settings) and a page in it, closed afterwards. */
    async function withPage<T>(
      options: BrowserContextOptions & { adjust?: Record<string, string>; init?: string[] },
      fn: (page: Page, context: BrowserContext) => Promise<T>,
    ): Promise<T> {
      const { adjust, init = [], ...contextOptions } = options;
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        ...contextOptions,
      });
      try {
        if (adjust) {
          await context.addInitScript(
            `try { localStorage.setItem('bs-adjust', ${JSON.stringify(JSON.stringify(adjust))}) } catch (e) {}`,
          );
        }
        for (const script of init) await context.addInitScript(script);
        context.setDefaultTimeout(5000);
        const page = await context.newPage();
        return await fn(page, context);
      } finally {
        await context.close();
      }
    }

    const open = (page: Page, url: string) => openPage(page, app.url + url);

    const reading = (page: Page) => page.evaluate(readingScript) as Promise<Reading>;
    const dataset = (page: Page) =>
      page.evaluate('Object.assign({}, document.documentElement.dataset)') as Promise<
        Record<string, string>
      >;
    const stored = (page: Page) =>
      page.evaluate(`JSON.parse(localStorage.getItem('bs-adjust') || '{}')`) as Promise<
        Record<string, string>
      >;

    async function openPanel(page: Page) {
      const adjust = page.getByRole('button', { name: /^Adjust/ });
      if ((await adjust.getAttribute('aria-expanded')) !== 'true') await adjust.click();
      const panel = page.locator(`#${await adjust.getAttribute('aria-controls')}`);
      assert.ok(await panel.isVisible(), 'the Adjust panel is open');
      return panel;
    }

    async function choose(page: Page, group: string, name: string) {
      const panel = await openPanel(page);
      const button = panel
        .getByRole('group', { name: group })
        .getByRole('button', { name, exact: true });
      await button.click();
      assert.equal(await button.getAttribute('aria-pressed'), 'true', `${group}: ${name}`);
      const pressed = panel
        .getByRole('group', { name: group })
        .getByRole('button', { pressed: true });
      assert.equal(await pressed.count(), 1, `${group}: exactly one choice is pressed`);
    }

    /** No axe violations on the page, or (with `within`) on the elements inside that one. */
    async function assertAccessible(page: Page, label: string, within?: string): Promise<void> {
      let violations = await axeViolations(page);
      if (within) {
        const inside = async (target: unknown[]) =>
          page.evaluate(
            `Boolean(document.querySelector(${JSON.stringify(String(target[0]))})?.closest(${JSON.stringify(within)}))`,
          );
        const kept = [];
        for (const v of violations) {
          const nodes = [];
          for (const n of v.nodes) if (await inside(n.target)) nodes.push(n);
          if (nodes.length) kept.push({ ...v, nodes });
        }
        violations = kept;
      }
      assert.equal(
        violations.length,
        0,
        `${label}: axe found WCAG 2.x A/AA violations:\n${formatViolations(violations)}`,
      );
    }

    const near = (actual: number, expected: number, label: string, tolerance = 0.6) =>
      assert.ok(
        Math.abs(actual - expected) <= tolerance,
        `${label}: expected about ${expected}, got ${actual}`,
      );

    // ------------------------------------------------------------------ Adjust

    test('every Adjust setting changes the article and the comments as chosen', () =>
      withPage({ colorScheme: 'light' }, async (page) => {
        await open(page, pathOf(updated));
        const base = await reading(page);
        assert.match(base.fontFamily, /^"?Source Serif 4/);
        assert.equal(base.background, 'rgb(255, 255, 255)');

        // Text size: seven steps, one below the default and five above, body and comments alike.
        const sizes: [string, number][] = [
          ['90%', 0.9],
          ['100%', 1],
          ['112%', 1.125],
          ['125%', 1.25],
          ['140%', 1.4],
          ['160%', 1.6],
          ['180%', 1.8],
        ];
        const seen: number[] = [];
        for (const [label, scale] of sizes) {
          await choose(page, 'Text size', label);
          const r = await reading(page);
          near(r.fontSize, base.fontSize * scale, `paragraph at ${label}`);
          near(r.comments.fontSize, base.comments.fontSize * scale, `comments at ${label}`);
          seen.push(r.fontSize);
        }
        assert.deepEqual(
          seen,
          [...seen].sort((a, b) => a - b),
          'each step is larger than the last',
        );
        assert.equal((await stored(page)).size, '5');
        await choose(page, 'Text size', '100%');
        assert.equal((await dataset(page)).size, undefined, 'the default is not stored');

        // Line spacing: three steps, in the article and the comments.
        for (const [label, leading] of [
          ['Tight', 1.4],
          ['Loose', 1.9],
          ['Standard', 1.6],
        ] as const) {
          await choose(page, 'Line spacing', label);
          const r = await reading(page);
          near(r.lineHeight / r.fontSize, leading, `paragraph line spacing ${label}`, 0.02);
          near(
            r.comments.lineHeight / r.comments.fontSize,
            leading,
            `comments line spacing ${label}`,
            0.02,
          );
        }

        // Font: serif or sans-serif for the text, the headline and the comments.
        await choose(page, 'Font', 'Sans-serif');
        let r = await reading(page);
        for (const [where, family] of [
          ['paragraph', r.fontFamily],
          ['headline', r.headlineFont],
          ['comments', r.comments.fontFamily],
        ])
          assert.match(family ?? '', /^system-ui/, `${where} is sans-serif`);
        await choose(page, 'Font', 'Serif');
        r = await reading(page);
        assert.match(r.fontFamily, /^"?Source Serif 4/);
        assert.match(r.comments.fontFamily, /^"?Source Serif 4/);

        // Theme: light, dark, sepia, and auto following the system.
        const themes = {
          Light: ['rgb(255, 255, 255)', 'rgb(27, 27, 27)'],
          Dark: ['rgb(20, 20, 20)', 'rgb(232, 230, 227)'],
          Sepia: ['rgb(245, 236, 217)', 'rgb(54, 41, 26)'],
        } as const;
        for (const [label, [background, color]] of Object.entries(themes)) {
          await choose(page, 'Theme', label);
          r = await reading(page);
          assert.equal(r.background, background, `${label} background`);
          assert.equal(r.color, color, `${label} text`);
          assert.equal(r.comments.color === 'rgb(0, 0, 0)', false, `${label} comments`);
        }
        await choose(page, 'Theme', 'Auto (system)');
        assert.equal((await dataset(page)).theme, undefined);
        for (const scheme of ['dark', 'light'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          const [background, color] = scheme === 'dark' ? themes.Dark : themes.Light;
          r = await reading(page);
          assert.equal(r.background, background, `auto with a ${scheme} system`);
          assert.equal(r.color, color, `auto with a ${scheme} system`);
        }
        // A chosen theme wins over the system's.
        await page.emulateMedia({ colorScheme: 'dark' });
        await choose(page, 'Theme', 'Light');
        assert.equal((await reading(page)).background, themes.Light[0]);
        await choose(page, 'Theme', 'Sepia');
        assert.equal((await reading(page)).background, themes.Sepia[0]);

        // Content width: narrow < standard < wide, in the proportions chosen.
        const widths: Record<string, number> = {};
        for (const label of ['Narrow', 'Wide', 'Standard']) {
          await choose(page, 'Content width', label);
          widths[label] = (await reading(page)).columnWidth;
        }
        near(widths.Narrow ?? 0, 32 * 16, 'narrow column', 1);
        near(widths.Standard ?? 0, 38 * 16, 'standard column', 1);
        near(widths.Wide ?? 0, 46 * 16, 'wide column', 1);

        // Reset: back to the defaults everywhere, and nothing left stored.
        await choose(page, 'Text size', '140%');
        await choose(page, 'Content width', 'Wide');
        const panel = await openPanel(page);
        await panel.getByRole('button', { name: 'Reset to defaults' }).click();
        assert.deepEqual(await dataset(page), {});
        assert.deepEqual(await stored(page), {});
        assert.match(await panel.getByRole('status').innerText(), /back to their defaults/);
        await page.emulateMedia({ colorScheme: 'light' });
        r = await reading(page);
        assert.deepEqual(r, base, 'reset restores every computed style');
        for (const group of ['Text size', 'Line spacing', 'Font', 'Theme', 'Content width']) {
          const pressed = panel
            .getByRole('group', { name: group })
            .getByRole('button', { pressed: true });
          assert.equal(await pressed.count(), 1);
          assert.equal(await pressed.getAttribute('data-default'), '', `${group} default`);
        }
      }));

    test('the column grows with the text size, keeping the line length', () =>
      withPage({}, async (page) => {
        await open(page, pathOf(updated));
        const charsPerLine = () =>
          page
            .locator('.article__body > p')
            .first()
            .evaluate((p) => {
              const probe = p.ownerDocument.createElement('span');
              probe.textContent = 'abcdefghijklmnopqrstuvwxyz';
              p.appendChild(probe);
              const perChar = probe.getBoundingClientRect().width / 26;
              probe.remove();
              return p.clientWidth / perChar;
            }) as Promise<number>;
        const standard = await charsPerLine();
        await choose(page, 'Text size', '140%');
        near(await charsPerLine(), standard, 'characters a line at 140%', 2);
      }));

    test('settings persist and are in force the moment the first paragraph is parsed', () =>
      withPage({ colorScheme: 'light', init: [firstParagraphProbe] }, async (page) => {
        type Probe = {
          atInsertion: { dataset: Record<string, string>; enhanced: boolean };
          atParse?: Reading & { dataset: Record<string, string> };
          firstFrame?: Reading & { dataset: Record<string, string> };
        };
        const probe = async () => {
          await waitForTrue(
            page,
            // Both records: the first paragraph's, then the first frame's (a frame later).
            'Boolean(window.__firstParagraph && window.__firstParagraph.atParse && window.__firstParagraph.firstFrame)',
          );
          return (await page.evaluate('window.__firstParagraph')) as Probe;
        };
        await open(page, pathOf(updated));
        const defaults = await probe();
        assert.deepEqual(defaults.atParse?.dataset, {}, 'a first visit has no settings');

        for (const [choices, expected] of [
          [
            [
              ['Text size', '180%'],
              ['Line spacing', 'Loose'],
              ['Font', 'Sans-serif'],
              ['Theme', 'Dark'],
              ['Content width', 'Wide'],
            ],
            { size: '5', leading: 'loose', font: 'sans', theme: 'dark', width: 'wide' },
          ],
          [
            [
              ['Reset', ''],
              ['Text size', '90%'],
              ['Line spacing', 'Tight'],
              ['Theme', 'Sepia'],
            ],
            { size: '-1', leading: 'tight', theme: 'sepia' },
          ],
        ] as const) {
          for (const [group, name] of choices) {
            if (group === 'Reset')
              await (
                await openPanel(page)
              )
                .getByRole('button', { name: 'Reset to defaults' })
                .click();
            else await choose(page, group, name);
          }
          const chosen = await reading(page);
          await page.reload();
          await page.evaluate('document.fonts.ready.then(() => undefined)');
          const seen = await probe();
          const label = JSON.stringify(expected);
          for (const [when, at] of [
            ['when the first paragraph is parsed', seen.atParse],
            ['at the first frame', seen.firstFrame],
          ] as const) {
            assert.ok(at, `${label}: recorded ${when}`);
            assert.deepEqual(at.dataset, expected, `${label}: settings on <html> ${when}`);
            assert.equal(at.fontSize, chosen.fontSize, `${label}: text size ${when}`);
            assert.equal(at.lineHeight, chosen.lineHeight, `${label}: line spacing ${when}`);
            assert.equal(at.fontFamily, chosen.fontFamily, `${label}: font ${when}`);
            assert.equal(at.color, chosen.color, `${label}: text colour ${when}`);
            assert.equal(at.background, chosen.background, `${label}: background ${when}`);
            assert.notEqual(at.fontSize, defaults.atParse?.fontSize, `${label}: not the default`);
            assert.notEqual(at.background, defaults.atParse?.background, `${label}: not white`);
          }
          assert.deepEqual(
            seen.atInsertion,
            { ...seen.atInsertion, dataset: expected, enhanced: false },
            'the settings were on <html> before reader.js ran: the head script applied them',
          );
          assert.deepEqual(await reading(page), chosen, `${label}: the same once loaded`);
        }
      }));

    for (const [label, viewport] of [
      ['320 px wide', { width: 320, height: 640 }],
      ['a 1280 px window zoomed to 200 %', { width: 640, height: 450 }],
    ] as const) {
      test(`the page reflows at ${label} with the largest text and everything widened`, () =>
        withPage(
          {
            viewport,
            adjust: { size: '5', leading: 'loose', font: 'sans', width: 'wide' },
          },
          async (page) => {
            await open(page, pathOf(updated));
            await openPanel(page);
            const overflow = (await page.evaluate(`(() => {
              const html = document.documentElement;
              const out = [];
              if (html.scrollWidth > html.clientWidth) out.push('page ' + html.scrollWidth);
              for (const el of document.querySelectorAll('main *, .masthead *')) {
                if (el.closest('.visually-hidden')) continue;
                const box = el.getBoundingClientRect();
                if (box.width === 0) continue;
                if (box.right > html.clientWidth + 0.5 || box.left < -0.5)
                  out.push(el.tagName + '.' + el.className + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
                const style = getComputedStyle(el);
                if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
                  out.push('clipped ' + el.tagName + '.' + el.className);
              }
              return out;
            })()`)) as string[];
            assert.deepEqual(overflow, [], 'nothing runs off the side or is clipped');
            const r = await reading(page);
            assert.ok(r.fontSize >= 1.8 * 17 - 0.5, `the largest size is in force (${r.fontSize})`);
          },
        ));
    }

    const axeCases: [string, BrowserContextOptions & { adjust?: Record<string, string> }][] = [
      ['auto theme, light system', { colorScheme: 'light' }],
      ['auto theme, dark system', { colorScheme: 'dark' }],
      ['light theme', { colorScheme: 'dark', adjust: { theme: 'light' } }],
      ['dark theme', { colorScheme: 'light', adjust: { theme: 'dark' } }],
      ['sepia theme', { colorScheme: 'dark', adjust: { theme: 'sepia' } }],
    ];
    for (const [label, options] of axeCases) {
      test(`with the Adjust panel open, axe finds nothing in the ${label}`, () =>
        withPage(options, async (page) => {
          await open(page, pathOf(updated));
          await openPanel(page);
          await page.getByRole('checkbox', { name: /^Include comments/ }).check();
          await assertAccessible(page, `Adjust open, ${label}`);
          // The largest text, the narrowest screen: still nothing in the content. (The masthead
          // is not Adjust's: it keeps its size, and is checked at 1280 px above.)
          await choose(page, 'Text size', '180%');
          await page.setViewportSize({ width: 320, height: 640 });
          await assertAccessible(page, `Adjust open, largest text at 320 px, ${label}`, 'main');
        }));
    }

    test('Adjust and Print work from the keyboard, with names, states and visible focus', () =>
      withPage({ reducedMotion: 'reduce', init: [printStub] }, async (page) => {
        await open(page, pathOf(updated));
        const focused = () =>
          page.locator(':focus').evaluate((el) => {
            const style = el.ownerDocument.defaultView.getComputedStyle(el);
            return {
              // A checkbox is known by its label.
              text: ((el.labels?.[0] ?? el).textContent ?? '').replace(/\s+/g, ' ').trim(),
              tag: el.tagName.toLowerCase(),
              ring: style.outlineStyle === 'solid' && parseFloat(style.outlineWidth) >= 2,
            };
          }) as Promise<{ text: string; tag: string; ring: boolean }>;
        const tabTo = async (text: string | RegExp, limit = 60) => {
          for (let i = 0; i < limit; i++) {
            await page.keyboard.press('Tab');
            const f = await focused();
            assert.ok(f.ring, `${f.tag} "${f.text}" shows a focus ring`);
            if (typeof text === 'string' ? f.text === text : text.test(f.text)) return f;
          }
          throw new Error(`never reached ${String(text)} with Tab`);
        };

        const adjust = page.getByRole('button', { name: /^Adjust/ });
        await tabTo('Adjust');
        await page.keyboard.press('Enter');
        assert.equal(await adjust.getAttribute('aria-expanded'), 'true', 'Enter opens Adjust');
        // Every control in the panel is reached in turn, named, and says whether it is on.
        const panel = page.locator('#adjust-panel');
        const names = await panel
          .getByRole('button')
          .evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
        for (const name of names) {
          const f = await tabTo(name, 1);
          assert.equal(f.text, name, `Tab reaches ${name} next`);
        }
        const pressed = await panel
          .locator('[data-setting]')
          .evaluateAll((els) => els.map((el) => el.getAttribute('aria-pressed')));
        assert.ok(
          pressed.every((p) => p === 'true' || p === 'false'),
          'every choice has aria-pressed',
        );

        // Choose with Space and Enter; the choice applies at once.
        await page
          .locator('#adjust-panel')
          .getByRole('group', { name: 'Theme' })
          .getByRole('button', { name: 'Sepia' })
          .focus();
        await page.keyboard.press('Space');
        assert.equal((await dataset(page)).theme, 'sepia');
        await page
          .locator('#adjust-panel')
          .getByRole('button', { name: '125%', exact: true })
          .focus();
        await page.keyboard.press('Enter');
        assert.equal((await dataset(page)).size, '2');
        assert.equal(
          await panel
            .getByRole('button', { name: '125%', exact: true })
            .getAttribute('aria-pressed'),
          'true',
        );

        // Escape closes the panel and puts focus back on Adjust.
        await page.keyboard.press('Escape');
        assert.equal(await adjust.getAttribute('aria-expanded'), 'false', 'Escape closes');
        assert.ok(await panel.isHidden());
        assert.equal((await focused()).text, 'Adjust', 'focus is back on Adjust');
        assert.ok((await focused()).ring, 'and visibly so');

        // Comment, Print, and the choice beside Print.
        await tabTo(/^Comment/);
        const print = page.getByRole('link', { name: /^Print/ });
        await tabTo('Print');
        const include = page.getByRole('checkbox', { name: 'Include comments when printing' });
        await tabTo('Include comments when printing');
        assert.equal(await include.isChecked(), false, 'comments are left out by default');
        await page.keyboard.press('Space');
        assert.ok(await include.isChecked());
        assert.match((await print.getAttribute('href')) ?? '', /\/print\?comments=1$/);
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Enter');
        assert.deepEqual(
          await page.evaluate('window.__printCalls'),
          [{ images: [], comments: true }],
          'Print opens the print dialog, with comments',
        );
        assert.ok(page.url().endsWith(pathOf(updated)), 'and does not leave the page');
      }));

    test('every control in the toolbar and the panel is at least 24 by 24 px', () =>
      withPage({ viewport: { width: 320, height: 640 } }, async (page) => {
        await open(page, pathOf(updated));
        await openPanel(page);
        const small = await page
          .locator('.toolbar button, .toolbar a, .toolbar label')
          .evaluateAll((els) =>
            els
              .map((el) => ({ el, box: el.getBoundingClientRect() }))
              .filter(({ box }) => box.width < 24 || box.height < 24)
              .map(({ el, box }) => `${el.textContent.trim()} ${box.width}×${box.height}`),
          );
        assert.deepEqual(small, [], 'controls smaller than 24×24');
      }));

    test('without JavaScript Adjust explains browser zoom and the print view offers comments', () =>
      withPage({ javaScriptEnabled: false }, async (page) => {
        await open(page, pathOf(updated));
        assert.equal(
          await page.locator('.print-option').isVisible(),
          false,
          'no "Include comments" checkbox that would do nothing',
        );
        await page.locator('summary', { hasText: 'Adjust' }).click();
        const note = page.getByText(/use your browser’s zoom/);
        assert.ok(await note.isVisible());
        assert.match(await note.innerText(), /Ctrl and \+/);
        assert.equal(await page.locator('.adjust__controls').isVisible(), false);

        await page.getByRole('link', { name: /^Print/ }).click();
        await page.waitForURL(`**${pathOf(updated)}/print`);
        assert.equal(await page.getByRole('heading', { name: /^Comments/ }).count(), 0);
        const source = page.locator('.print-source');
        assert.ok(await source.isVisible(), 'the print view shows where and when');
        assert.match(
          squash(await source.innerText()),
          new RegExp(`Printed from ${canonicalOf(updated)} on \\w+day, \\d{1,2} \\w+ \\d{4}$`),
        );
        await page.getByRole('link', { name: 'Include comments' }).click();
        await page.waitForURL(`**${pathOf(updated)}/print?comments=1`);
        assert.ok(await page.getByRole('heading', { level: 2, name: /^Comments/ }).isVisible());
        await page.getByRole('link', { name: 'Leave out comments' }).click();
        await page.waitForURL(`**${pathOf(updated)}/print`);
        await page.getByRole('link', { name: 'Back to the article' }).click();
        await page.waitForURL(`**${pathOf(updated)}`);
      }));

    test('the article page is the same bytes for every reader; the print view keeps ?comments', async () => {
      const first = await (await fetch(app.url + pathOf(updated))).text();
      const second = await (
        await fetch(app.url + pathOf(updated), { headers: { 'accept-language': 'de' } })
      ).text();
      assert.equal(first, second);
      assert.match(first, /<span data-print-date\s*><\/span\s*>/, 'no print date in the HTML');
      const plain = await fetch(`${app.url}${pathOf(updated)}/print`);
      assert.equal(plain.status, 200);
      const withComments = await (
        await fetch(`${app.url}${pathOf(updated)}/print?comments=1`)
      ).text();
      assert.match(
        withComments,
        /<html lang="en-GB" dir="ltr"\s+class="print-view print-comments"/,
      );
      assert.match(withComments, /id="comments-heading"/);
      assert.doesNotMatch(await plain.text(), /id="comments-heading"/);
      const moved = await fetch(`${app.url}/politics/1999/01/01/${updated.slug}/print?comments=1`, {
        redirect: 'manual',
      });
      assert.equal(moved.status, 301);
      assert.equal(moved.headers.get('location'), `${pathOf(updated)}/print?comments=1`);
    });

    test('screenshots of the toolbar with Adjust open in each theme, and of the print view', () =>
      withPage({ colorScheme: 'light' }, async (page) => {
        await open(page, pathOf(updated));
        for (const [theme, width] of [
          ['Light', 1280],
          ['Dark', 1280],
          ['Sepia', 1280],
          ['Dark', 320],
        ] as const) {
          await page.setViewportSize({ width, height: 900 });
          await choose(page, 'Theme', theme);
          await page.getByRole('checkbox', { name: /^Include comments/ }).focus();
          const box = await page.locator('.article__header').boundingBox();
          assert.ok(box);
          await page.screenshot({
            path: path.join(resultsDir, `adjust-${theme.toLowerCase()}-${width}.png`),
            clip: { x: 0, y: box.y, width, height: Math.min(box.height, 1400) },
            fullPage: true,
          });
        }
        await page.setViewportSize({ width: 1280, height: 900 });
        await open(page, `${pathOf(updated)}/print`);
        await page.screenshot({ path: path.join(resultsDir, 'print-view-1280.png') });
      }));

    // ------------------------------------------------------------------ Print

    const printCases: [string, BrowserContextOptions & { adjust?: Record<string, string> }][] = [
      ['auto theme on a dark system', { colorScheme: 'dark' }],
      ['dark theme', { colorScheme: 'light', adjust: { theme: 'dark' } }],
      ['sepia theme', { colorScheme: 'light', adjust: { theme: 'sepia' } }],
    ];
    for (const [label, options] of printCases) {
      test(`under print media the article is black on white, without the screen's tools (${label})`, () =>
        withPage(options, async (page) => {
          await open(page, pathOf(updated));
          await openPanel(page);
          await page.emulateMedia({ media: 'print' });
          const colours = (await page.evaluate(`(() => {
            const p = document.querySelector('.article__body > p');
            return [getComputedStyle(document.body).backgroundColor, getComputedStyle(p).color,
              getComputedStyle(document.querySelector('h1')).color];
          })()`)) as string[];
          assert.deepEqual(colours, ['rgb(255, 255, 255)', 'rgb(0, 0, 0)', 'rgb(0, 0, 0)']);

          for (const selector of [
            'h1',
            '.standfirst',
            '.byline',
            '.dateline',
            '.article-meta time >> nth=0',
            '.article-meta time >> nth=1',
            '.update-note',
            '.print-source',
            '.article__body > p >> nth=0',
          ])
            assert.ok(await page.locator(selector).isVisible(), `${selector} is printed`);
          for (const selector of [
            'nav.sections',
            '.toolbar',
            '#adjust-panel',
            '.skip-link',
            '.comments',
            '.related',
            '.site-footer',
          ])
            assert.equal(
              await page
                .locator(selector)
                .evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).display),
              'none',
              `${selector} is not printed`,
            );
          assert.equal(await page.locator('main button:visible, main input:visible').count(), 0);

          const source = squash(await page.locator('.print-source').innerText());
          assert.equal(source, `Printed from ${canonicalOf(updated)}`, 'no date until printing');
          await page.evaluate(`window.dispatchEvent(new Event('beforeprint'))`);
          assert.match(
            squash(await page.locator('.print-source').innerText()),
            new RegExp(
              `^Printed from ${canonicalOf(updated)} on \\d{1,2} \\w+ \\d{4}, \\d{2}:\\d{2} \\S+$`,
            ),
          );
          const when = await page.locator('.print-source time').getAttribute('datetime');
          assert.ok(when && Math.abs(Date.parse(when) - Date.now()) < 60_000, 'printed now');

          // Headings keep to what follows them; comments come back when asked for.
          const breaks = await page
            .locator('.article__body h2')
            .first()
            .evaluate((h) => h.ownerDocument.defaultView.getComputedStyle(h).breakAfter);
          assert.equal(breaks, 'avoid');
          await page.emulateMedia({ media: null });
          await page.getByRole('checkbox', { name: /^Include comments/ }).check();
          await page.emulateMedia({ media: 'print' });
          assert.ok(await page.getByRole('heading', { level: 2, name: /^Comments/ }).isVisible());
        }));
    }

    test('under print media external links show their address after the text', () =>
      withPage({}, async (page) => {
        await open(page, pathOf(updated));
        await addExternalLink(page);
        await page.emulateMedia({ media: 'print' });
        const links =
          (await page.evaluate(`Array.from(document.querySelectorAll('.article__body a'), (a) => ({
          href: a.getAttribute('href'),
          after: getComputedStyle(a, '::after').content,
        }))`)) as { href: string; after: string }[];
        const external = links.filter((l) => /^https?:/.test(l.href));
        assert.deepEqual(
          external.map((l) => l.href),
          [externalHref],
        );
        assert.ok(links.length > external.length, 'and internal ones (the related story)');
        for (const l of external) assert.equal(l.after, `" (${l.href})"`, l.href);
        for (const l of links.filter((x) => !/^https?:/.test(x.href)))
          assert.equal(l.after, 'none', `${l.href} is an internal link and shows no address`);
      }));

    if (!popplerAvailable) {
      test(
        'PDF checks',
        { skip: 'skipped: poppler-utils (pdftotext, pdftoppm) not found' },
        () => {},
      );
    } else {
      /** Prints the page as Chromium does (A4, the page's own margins) and reads the text back. */
      async function printToPdf(page: Page, name: string) {
        const file = path.join(resultsDir, `${name}.pdf`);
        await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
        const pages = pdfPages(file);
        return { file, pages, text: squash(pages.join('\n')), pngs: pdfToPng(file, name) };
      }

      /** Nothing of the screen's furniture: toolbar words, the section navigation. */
      function assertNoChrome(text: string, pages: string[], label: string, article: DemoArticle) {
        for (const word of [
          /\bAdjust\b/,
          /\bComments?\b/,
          /\bPrint\b/,
          /Include comments/i,
          /Skip to content/,
        ])
          assert.doesNotMatch(text, word, `${label}: "${word.source}" is not printed`);
        const lines = pages
          .join('\n')
          .split('\n')
          .map((l) => l.trim());
        assert.ok(!lines.includes('Home'), `${label}: the navigation is not printed`);
        for (const name of sectionNames) {
          // The article's own section is printed once, as its label above the headline.
          const allowed = name === article.section.name ? 1 : 0;
          const found = lines.filter((l) => l.toLowerCase() === name.toLowerCase()).length;
          assert.ok(found <= allowed, `${label}: section "${name}" printed ${found} times`);
        }
      }

      for (const [theme, options] of printCases) {
        test(`a PDF of the article (${theme}) has the headline, the address and the dates, and prints light`, () =>
          withPage(options, async (page) => {
            await open(page, pathOf(updated));
            const times = await page
              .locator('.article-meta time')
              .evaluateAll((els) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ')));
            assert.equal(times.length, 2, 'published and updated');
            const name = `print-${theme.replace(/\W+/g, '-')}`;
            const pdf = await printToPdf(page, name);
            const printed = squash(
              (await page.locator('[data-print-date]').innerText()).replace(/^on /, ''),
            );
            assert.ok(printed, 'the date printed was filled in for the print');

            for (const [what, expected] of [
              ['headline', updated.headline],
              ['standfirst', updated.standfirst],
              ['dateline', updated.dateline],
              ['published time', times[0] ?? ''],
              ['updated time', times[1] ?? ''],
              ['date printed', printed],
            ])
              assert.ok(pdf.text.includes(squash(expected)), `${what} is printed: ${expected}`);
            assert.ok(
              unbroken(pdf.text).includes(unbroken(`Printed from ${canonicalOf(updated)}`)),
              'the canonical address is printed',
            );
            assertNoChrome(pdf.text, pdf.pages, theme, updated);
            const brightness = pageBrightness(pdf.file);
            for (const [i, b] of brightness.entries())
              assert.ok(b > 200, `${theme}: page ${i + 1} prints light (mean brightness ${b})`);
            assert.ok(pdf.pngs.length >= 1, 'the pages were drawn to PNG');

            // With "Include comments" the same print-out ends with the comments.
            await page.getByRole('checkbox', { name: /^Include comments/ }).check();
            const withComments = await printToPdf(page, `${name}-comments`);
            assert.match(withComments.text, /Comments \(\d+\)/);
            assert.match(withComments.text, /No comments yet\.|Sign in to comment/);
            assert.ok(withComments.text.includes(squash(updated.headline)));
          }));
      }

      test('a PDF keeps every sub-heading on the page with the start of its paragraph', () =>
        withPage({}, async (page) => {
          await open(page, pathOf(updated));
          const pairs = await page
            .locator('.article__body h2')
            .evaluateAll((hs) =>
              hs.map((h) => [
                (h.textContent ?? '').replace(/\s+/g, ' ').trim(),
                (h.nextElementSibling?.textContent ?? '')
                  .replace(/\s+/g, ' ')
                  .trim()
                  .split(' ')
                  .slice(0, 3)
                  .join(' '),
              ]),
            );
          assert.ok(pairs.length >= 2, 'the article has sub-headings');
          // Different sizes paginate differently, so some heading lands near a page foot.
          for (const size of ['-1', '0', '1', '2', '3', '4', '5']) {
            await page.evaluate(`document.documentElement.dataset.size = ${JSON.stringify(size)}`);
            const pdf = await printToPdf(page, `print-size-${size}`);
            for (const [heading, start] of pairs) {
              const where = pdf.pages.findIndex((p) => squash(p).includes(heading ?? ''));
              assert.ok(where >= 0, `size ${size}: "${heading}" is printed`);
              assert.ok(
                squash(pdf.pages[where] ?? '').includes(`${heading} ${start}`),
                `size ${size}: "${heading}" is followed on its page by "${start}"`,
              );
            }
          }
        }));

      test('a PDF has the corrections; a link to another site prints its address', () =>
        withPage({}, async (page) => {
          await open(page, pathOf(corrected));
          let pdf = await printToPdf(page, 'print-corrections');
          const correction = corrected.corrections.find((c) => !c.retractedAt);
          assert.ok(correction);
          assert.ok(pdf.text.includes('Corrections and clarifications'));
          assert.ok(pdf.text.includes(squash(correction.text)), 'the correction is printed');
          const correctionDate = squash(
            await page.locator('.corrections time').first().innerText(),
          );
          assert.ok(pdf.text.includes(correctionDate), 'with its date');
          assertNoChrome(pdf.text, pdf.pages, 'corrections', corrected);

          await open(page, pathOf(updated));
          await addExternalLink(page);
          pdf = await printToPdf(page, 'print-links');
          assert.ok(
            unbroken(pdf.text).includes(unbroken(`Read the barrier review (${externalHref}).`)),
            'the link text is followed by its address',
          );
          const related = await page.locator('.inline-related a').first().innerText();
          assert.ok(pdf.text.includes(squash(related)), 'the inline related story is printed');
          assert.doesNotMatch(pdf.text, /\(\/[a-z]+\/\d{4}\//, 'with no address of its own');
        }));

      test('pictures are loaded for print, whole, with caption and credit on the same page', () =>
        withPage({ init: [printStub] }, async (page) => {
          await open(page, pathOf(updated));
          // There are no pictures in the demo yet: put one, lazily loaded, far down the body,
          // served (slowly) from the site's own origin as uploads will be.
          const dataUrl = (await page.evaluate(`(() => {
            const c = document.createElement('canvas');
            c.width = 640;
            c.height = 400;
            const g = c.getContext('2d');
            const sky = g.createLinearGradient(0, 0, 0, 400);
            sky.addColorStop(0, '#9db7c9');
            sky.addColorStop(0.55, '#dfe7ea');
            sky.addColorStop(0.56, '#4f6f7f');
            sky.addColorStop(1, '#20343f');
            g.fillStyle = sky;
            g.fillRect(0, 0, 640, 400);
            g.fillStyle = '#3b2f2a';
            for (let x = 40; x < 640; x += 90) g.fillRect(x, 170, 50, 60);
            return c.toDataURL('image/png');
          })()`)) as string;
          const png = Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
          let served = 0;
          await page.route('**/test-picture.png', async (route) => {
            served += 1;
            await new Promise((r) => setTimeout(r, 300));
            await route.fulfill({ body: png, contentType: 'image/png' });
          });
          await page.evaluate(`(() => {
            const figure = document.createElement('figure');
            figure.innerHTML = '<img src="/test-picture.png" loading="lazy" width="640" height="400" alt="The flooded lane">' +
              '<figcaption>Water stood a metre deep in Marsh Lane. <span class="credit">Photo: Test Picture Desk</span></figcaption>';
            // A long gap first, so the picture is well beyond the browser's lazy-loading distance.
            const spacer = document.createElement('div');
            spacer.dataset.testSpacer = '';
            spacer.style.height = '12000px';
            const ps = document.querySelectorAll('.article__body > p');
            ps[ps.length - 2].after(spacer, figure);
          })()`);
          await page.waitForTimeout(300);
          const img = page.locator('.article__body figure img');
          assert.equal(served, 0, 'the lazy picture far down the page is not loaded yet');

          // Print (the button) switches it to eager loading and waits for it before the dialog.
          await page.getByRole('link', { name: /^Print/ }).click();
          await waitForTrue(page, 'window.__printCalls.length === 1');
          assert.deepEqual(await page.evaluate('window.__printCalls[0].images'), [true]);
          assert.equal(await img.getAttribute('loading'), 'eager');
          assert.equal(served, 1);

          // Ctrl+P has no button: beforeprint does the same.
          const loading = await page.evaluate(`(() => {
            const img = document.querySelector('.article__body figure img');
            img.loading = 'lazy';
            window.dispatchEvent(new Event('beforeprint'));
            return img.loading;
          })()`);
          assert.equal(loading, 'eager');
          await page.evaluate(`document.querySelector('[data-test-spacer]').remove()`);

          await page.emulateMedia({ media: 'print' });
          const styles = await page.locator('.article__body figure').evaluate((f) => {
            const view = f.ownerDocument.defaultView;
            return [
              view.getComputedStyle(f).breakInside,
              view.getComputedStyle(f.querySelector('figcaption')).breakBefore,
            ];
          });
          assert.deepEqual(styles, ['avoid', 'avoid']);
          await page.emulateMedia({ media: null });
          const pdf = await printToPdf(page, 'print-picture');
          const list = execFileSync('pdfimages', ['-list', pdf.file], { encoding: 'utf8' })
            .split('\n')
            .slice(2)
            .filter((l) => l.trim());
          assert.ok(list.length >= 1, 'the picture is in the PDF');
          const imagePage = Number(list[0]?.trim().split(/\s+/)[0]);
          const captionPage =
            pdf.pages.findIndex((p) => squash(p).includes('Water stood a metre deep')) + 1;
          assert.equal(imagePage, captionPage, 'the caption is on the picture’s page');
          assert.ok(pdf.text.includes('PHOTO: TEST PICTURE DESK'), 'the credit is printed');
        }));

      test('without JavaScript the print view prints with the date it was served', () =>
        withPage({ javaScriptEnabled: false }, async (page) => {
          await open(page, `${pathOf(updated)}/print?comments=1`);
          const served = squash(await page.locator('[data-print-date]').innerText());
          assert.match(served, /^on \w+day, \d{1,2} \w+ \d{4}$/);
          const pdf = await printToPdf(page, 'print-view-nojs');
          assert.ok(pdf.text.includes(squash(updated.headline)));
          assert.ok(pdf.text.includes(served), 'the server’s date is printed');
          assert.ok(unbroken(pdf.text).includes(unbroken(canonicalOf(updated))));
          assert.match(pdf.text, /Comments \(\d+\)/, 'comments were asked for');
          assert.doesNotMatch(pdf.text, /print-friendly version/, 'the notice is not printed');
        }));
    }
  });
}
