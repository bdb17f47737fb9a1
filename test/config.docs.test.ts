/**
 * The config table is the one list of settings: the Config, `broadsheet --help` and README.md's
 * Configuration table must all agree with it, and nothing but src/config.ts reads process.env.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { configTable, environmentHelp, loadConfig, shownDefault } from '../src/config.js';
import { configMarkdownTable, readmePath, readmeTable } from '../scripts/config-table.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const rows = Object.values(configTable);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the config table', () => {
  test('every Config field comes from one row, and every row names its own variable', () => {
    assert.deepEqual(Object.keys(loadConfig({}, root)), Object.keys(configTable));
    const variables = rows.map((row) => row.variable);
    assert.equal(new Set(variables).size, variables.length, 'no variable twice');
    for (const row of rows) {
      assert.match(row.variable, /^[A-Z][A-Z0-9_]*$/);
      assert.ok(row.description.trim() !== '', `${row.variable} has a description`);
    }
  });

  test('a documented default, set explicitly, gives the same config as leaving it unset', () => {
    const unset = loadConfig({}, root);
    for (const row of rows) {
      if (row.default === undefined) continue;
      assert.deepEqual(loadConfig({ [row.variable]: row.default }, root), unset, row.variable);
    }
  });

  test("README.md's Configuration table is the one the table makes", async () => {
    assert.equal(
      readmeTable(readFileSync(readmePath, 'utf8')),
      await configMarkdownTable(),
      'README.md differs: run `npx tsx scripts/config-table.ts --write`',
    );
  });

  test('every variable is in the help text with its default, in the order of the table', () => {
    const help = environmentHelp();
    let from = 0;
    for (const row of rows) {
      const at = help.indexOf(`  ${row.variable} `, from);
      assert.ok(at >= from, `${row.variable} listed after the variables before it`);
      from = at;
    }
    const words = help.replace(/\s+/g, ' '); // a default may be wrapped onto the next line
    for (const row of rows) {
      const shown = shownDefault(row).replaceAll('`', '');
      assert.ok(words.includes(shown === 'unset' ? 'unset by default' : `default: ${shown}`));
    }
    assert.ok(
      help.split('\n').every((line) => line.length <= 100),
      'no line wider than 100 columns',
    );
  });

  test('`broadsheet --help` prints that help text', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--help'],
      { cwd: root, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeout: 60_000 },
    );
    assert.ok(stdout.includes(`\nEnvironment:\n${environmentHelp()}\n`), stdout);
  });

  test('nothing but src/config.ts reads process.env', () => {
    const readers = sourceFiles(path.join(root, 'src'))
      .filter((file) => readFileSync(file, 'utf8').includes('process.env'))
      .map((file) => path.relative(root, file));
    assert.deepEqual(readers, [path.join('src', 'config.ts')]);
  });
});
