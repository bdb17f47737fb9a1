/**
 * A real browser for tests: the system's Chromium driven by playwright-core. Nothing here ever
 * downloads a browser. Without Chromium the browser suite registers one skipped test that says
 * so (or, under CI=true, one failing test), the same way databases.ts treats a missing PostgreSQL.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningApp } from './app.js';
import { inCi } from './databases.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Belt and braces: playwright-core never downloads on its own, and this says so to any child.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

/**
 * Whether the browser suite can run. When it cannot, this registers the skipped (or, under CI,
 * failing) test that explains why, so call it once at the top of a browser test file.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (inCi) {
    test('Chromium is required under CI', () => {
      throw new Error(
        `Chromium is required under CI but was not found at ${chromiumPath} (set CHROMIUM_PATH)`,
      );
    });
  } else {
    test('browser tests', { skip: `skipped: Chromium not found at ${chromiumPath}` }, () => {});
  }
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  // launch() gives the browser a fresh temporary profile and removes it on close.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core against the page as it is now, limited to WCAG 2.x A and AA rules. The page's CSP
 * stays on: the source is evaluated through the DevTools protocol, which CSP does not govern.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(`${axeSource}\n;void 0`);
  const violations = await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(wcagTags)} }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })))`,
  );
  return violations as AxeViolation[];
}

/** One readable line per violation and an indented line per offending element. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => {
          const summary = (n.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
          return `    - ${n.target.map(String).join(' ')}${summary ? `: ${summary}` : ''}`;
        })
        .join('\n');
      const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '';
      return `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${nodes}${more}`;
    })
    .join('\n');
}

/** Opens a page that must answer 200, and waits for its fonts so measurements are final. */
export async function openPage(page: Page, url: string): Promise<void> {
  const res = await page.goto(url);
  if (res?.status() !== 200) throw new Error(`${url} answered ${res?.status()}, not 200`);
  await page.evaluate('document.fonts.ready.then(() => undefined)');
}

/** Fails with every axe-core violation on the page, under a label saying which page it was. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${label}:\n${formatViolations(violations)}`);
}

/**
 * Runs `work` in a fresh browser context (1280×900, reduced motion) signed in as the user with
 * a session the app started, and closes the context afterwards.
 */
export async function asSignedIn<T>(
  browser: Browser,
  app: RunningApp,
  userId: string,
  work: (page: Page) => Promise<T>,
  { timeout = 10_000 }: { timeout?: number } = {},
): Promise<T> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
  });
  try {
    context.setDefaultTimeout(timeout);
    const { id } = await app.services.sessions.start(userId);
    await context.addCookies([{ name: 'bs_session', value: id, url: app.url }]);
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * Waits until a JavaScript expression is true in the page. Playwright's `waitForFunction` polls
 * a string predicate with eval, which the pages' CSP forbids, so a predicate not true at once
 * fails; this polls with `page.evaluate`, which CSP does not govern, through navigations.
 */
export async function waitForTrue(
  page: Page,
  expression: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let ok = false;
    try {
      ok = await page.evaluate<boolean>(expression);
    } catch (error) {
      // A navigation (a form's round trip) replaced the page between two looks: look again.
      if (!/Execution context was destroyed|navigat/i.test(String(error))) throw error;
    }
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
