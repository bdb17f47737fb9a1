// Loaded by scripts/run-tests.mjs into every test file's process (`--import`): gives each test
// and each hook a timeout unless it sets its own, so a hung test fails instead of hanging the run.
// Node 20's --test-timeout bounds a whole file, not a test (docs/decisions/0033-test-timeouts.md),
// so the default is set here by wrapping node:test's functions before any test file imports them.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const timeoutMs = Number(process.env.TEST_TIMEOUT_MS);

if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
  const nodeTest = createRequire(import.meta.url)('node:test');

  /** `original` with `{ timeout }` added to its options unless the caller gave one. */
  const withTimeout = (original, optionsAfterFunction) =>
    Object.assign(function (...args) {
      const at = args.findIndex((arg) => typeof arg === 'object' && arg !== null);
      if (at >= 0) {
        if (args[at].timeout === undefined) args[at] = { ...args[at], timeout: timeoutMs };
      } else {
        // test(name?, fn) takes its options before the function, hooks (fn) after it.
        const fn = args.findIndex((arg) => typeof arg === 'function');
        const index = fn < 0 ? args.length : fn + (optionsAfterFunction ? 1 : 0);
        args.splice(index, 0, { timeout: timeoutMs });
      }
      return original.apply(this, args);
    }, original);

  // Not describe/suite: their timeout would bound the whole group. Their tests get their own.
  for (const name of ['test', 'it']) nodeTest[name] = withTimeout(nodeTest[name], false);
  for (const name of ['before', 'after', 'beforeEach', 'afterEach']) {
    nodeTest[name] = withTimeout(nodeTest[name], true);
  }
  syncBuiltinESMExports();
}
