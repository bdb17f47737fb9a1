#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner through tsx.
// Node 20's --test takes no globs, so the list is built here; an empty list is a failure.
//
// Nothing waits forever (docs/decisions/0033-test-timeouts.md):
// - a test or hook fails after TEST_TIMEOUT_MS (default 120 s) unless it sets its own `timeout`;
// - a file fails after 15 minutes (Node 20's --test-timeout bounds a file), and --test-force-exit
//   ends a file's process when its tests are done, even if something left a handle open;
// - the whole run is ended after an hour, whatever is stuck.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const roots = ['src', 'test'];
const only = process.argv.slice(2);
const testTimeoutMs = Number(process.env.TEST_TIMEOUT_MS ?? 120_000);
const fileTimeoutMs = 15 * 60_000;
const runTimeoutMs = 60 * 60_000;

if (!Number.isInteger(testTimeoutMs) || testTimeoutMs <= 0) {
  console.error('run-tests: TEST_TIMEOUT_MS must be a positive whole number of milliseconds');
  process.exit(1);
}

function walk(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...walk(full));
    else if (name.endsWith('.test.ts')) files.push(full);
  }
  return files;
}

let files = roots.flatMap((root) => walk(root)).sort();
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}

const timeouts = pathToFileURL(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-timeouts.mjs'),
).href;
const args = [
  '--import',
  'tsx',
  '--import',
  timeouts,
  '--test',
  '--test-reporter=spec',
  '--test-concurrency=2',
  `--test-timeout=${fileTimeoutMs}`,
  '--test-force-exit',
  ...files,
];
// Its own process group, so the watchdog can end the runner with every process it started.
const child = spawn(process.execPath, args, {
  stdio: 'inherit',
  detached: true,
  // A new site's time zone is the machine's: the tests' machine is in UTC, wherever it runs.
  env: { ...process.env, TZ: 'UTC', TEST_TIMEOUT_MS: String(testTimeoutMs) },
});
const signalGroup = (signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group has already gone
  }
};
// A detached group no longer hears the terminal's Ctrl+C: pass it on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => signalGroup(signal));
const watchdog = setTimeout(() => {
  console.error(`run-tests: the run took over ${runTimeoutMs / 60_000} minutes; ending it`);
  signalGroup('SIGKILL');
  process.exit(1);
}, runTimeoutMs);
child.on('exit', (code, signal) => {
  clearTimeout(watchdog);
  process.exit(signal ? 1 : (code ?? 1));
});
